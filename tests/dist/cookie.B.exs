# Node B with another cookie: Node.connect is refused; with A's cookie
# again it connects.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
right = Node.get_cookie()
:erlang.set_cookie(:WRONG)
IO.inspect(Node.connect(a), label: "connect")
IO.inspect(Node.list(), label: "nodes")
:erlang.set_cookie(right)
IO.inspect(Node.connect(a), label: "connect with the right cookie")
send({:main, a}, {:done, self()})
receive do
  :ack -> :ok
end
