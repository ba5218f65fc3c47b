# Node B connects to A over TLS distribution and uses what A runs.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
IO.inspect(Node.connect(a), label: "connect")
IO.inspect(Node.list(), label: "nodes")
IO.inspect(Agent.update({:agent1, a}, List, :insert_at, [0, :tls]), label: "update")
IO.inspect(Agent.get({:agent1, a}, Enum, :reverse, [[:second]]), label: "get")
IO.inspect(GenServer.call({:kv1, a}, {:set, :foo, "over TLS"}), label: "set")
IO.inspect(:rpc.call(a, :erlang, :node, []) == a, label: "rpc")
IO.inspect(:rpc.call(a, Enum, :sum, [[1, 2, 3]]), label: "sum")
big = :binary.copy("x", 1_000_000)
IO.inspect(:rpc.call(a, :erlang, :byte_size, [big]), label: "1 MB")
send({:main, a}, {:done, self()})
receive do
  {:final, agent, foo} -> IO.inspect({agent, foo}, label: "final")
after
  5000 -> IO.puts("no final")
end
