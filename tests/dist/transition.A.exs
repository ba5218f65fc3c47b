# Node A (net_ticktime 4) keeps B, which runs with 60 s and lowers its
# tick time to 4 s over a transition period of 8 s: meanwhile B's aux
# ticks (every second) are all A hears from it.
:ok = :net_kernel.monitor_nodes(true)
Process.register(self(), :main)
IO.puts("READY")
b =
  receive do
    {:nodeup, b} -> b
  end
receive do
  {:done, from} ->
    IO.puts("A kept B")
    send(from, :ok)
  {:nodedown, ^b} ->
    IO.puts("A dropped B")
end
