# Node B: a fun spawned on A prints on B's console (the group leader is
# B's), as iex does.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
true = Node.connect(a)
me = self()
Node.spawn(a, fn -> IO.puts("hi from #{node() == a}"); send(me, :printed) end)
receive do
  :printed -> :ok
after
  10000 -> IO.puts("nothing printed")
end
send({:main, a}, {:done, self()})
receive do
  :ok -> IO.puts("done")
end
