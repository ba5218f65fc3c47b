# A racer: when told, registers every name at once, each for a process of
# its own, and reports what :global answered.  (race.b.exs is the same.)
Process.register(self(), :main)
IO.puts("READY")
receive do
  {:go, names, from} ->
    results =
      for name <- names do
        pid = spawn(fn -> receive do :stop -> :ok end end)
        {name, :global.register_name(name, pid), pid}
      end
    send(from, {:results, node(), results})
end
receive do
  {:step, :halt, from} -> send(from, :ok)
end
