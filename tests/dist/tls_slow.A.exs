# Node A, over TLS distribution, for a node B that is slow after every
# write (tls_slow.B.wrap): B's first connection must come up at once.
Process.register(self(), :main)
IO.puts("READY")
receive do
  {:done, from} ->
    IO.puts("A sees #{inspect(Node.list())}")
    send(from, {:final, node()})
end
