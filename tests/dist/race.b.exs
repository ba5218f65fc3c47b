# A racer, as race.a.exs, going through the names the other way round.
Process.register(self(), :main)
IO.puts("READY")
receive do
  {:go, names, from} ->
    results =
      for name <- :lists.reverse(names) do
        pid = spawn(fn -> receive do :stop -> :ok end end)
        {name, :global.register_name(name, pid), pid}
      end
    send(from, {:results, node(), results})
end
receive do
  {:step, :halt, from} -> send(from, :ok)
end
