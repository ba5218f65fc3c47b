# Node B connects to A over TLS 1.2 while every write of B is followed by
# a pause (tls_slow.B.wrap), as when a loaded machine deschedules it: A's
# last handshake flight then arrives before B reads, and B's first
# message must still go out.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
IO.inspect(Node.connect(a), label: "connect")
IO.inspect(Node.list(), label: "nodes")
IO.inspect(:rpc.call(a, Enum, :sum, [[1, 2, 3]]), label: "sum")
send({:main, a}, {:done, self()})
receive do
  {:final, node} -> IO.inspect(node == a, label: "final")
after
  5000 -> IO.puts("no final")
end
