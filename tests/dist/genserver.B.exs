# Node B: calls A's KV with data-only requests; works with either kind of node.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
true = Node.connect(a)
IO.inspect(GenServer.call({:kv1, a}, {:set, :foo, 123}))
IO.inspect(GenServer.call({:kv1, a}, {:get, :foo}))
IO.inspect(GenServer.call({:kv1, a}, {:get, :bar}))
send({:main, a}, {:done, self()})
receive do
  {:final, v} -> IO.inspect(v, label: "A sees")
end
