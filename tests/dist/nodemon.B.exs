# Node B: connects to A, is disconnected, connects again and ends.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
true = Node.connect(a)
true = Node.monitor(a, true)
send({:main, a}, {:disconnect_me, node()})
receive do
  {:nodedown, ^a} -> IO.puts("A disconnected B")
end
true = Node.connect(a)
send({:main, a}, {:back, self()})
receive do
  :ok -> IO.puts("connected again")
end
