# Node B: :rpc.call and :erpc.call into A; Node.spawn on A prints here.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
true = Node.connect(a)
IO.inspect(:rpc.call(a, :erlang, :node, []) == a, label: "rpc node")
IO.inspect(:rpc.call(a, :erlang, :+, [1, 2]), label: "rpc +")
IO.inspect(:rpc.call(a, :erlang, :no_such_function, []) |> elem(0), label: "rpc undef")
IO.inspect(:rpc.call(:"nobody@#{host}", :erlang, :node, []), label: "rpc nodedown")
me = self()
Node.spawn(a, :erlang, :send, [me, {:spawned_on, a}])
receive do
  {:spawned_on, ^a} -> IO.puts("spawned on A")
end
send({:main, a}, {:done, self()})
receive do
  :ok -> :ok
end
