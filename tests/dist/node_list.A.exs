# Node A: answers B's {:query, pid} with its own Node.list/1 answers, then
# halts when B says so.
Process.register(self(), :main)
IO.puts("READY")
receive do
  {:query, from} ->
    for k <- [:visible, :hidden, :connected, :this, :known, [:this, :visible], [:known, :this]] do
      IO.inspect({k, Node.list(k)})
    end
    send(from, :done)
end
receive do
  :halt -> :erlang.halt(0)
end
