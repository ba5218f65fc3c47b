# Node A: B asks it (by :rpc) to hash terms B made; A halts when B says so.
Process.register(self(), :main)
IO.puts("READY")
receive do
  :halt -> :erlang.halt(0)
end
