# Node B also has a cookie of its own, and A's cookie for A: it connects
# to A with that one.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
right = Node.get_cookie()
:erlang.set_cookie(:B_OWN)
:erlang.set_cookie(a, right)
IO.inspect(Node.connect(a), label: "connect with A's cookie for A")
IO.inspect(:erlang.get_cookie(), label: "B's own cookie")
IO.inspect(:erlang.get_cookie(a) == right, label: "B's cookie for A is A's")
IO.inspect(:erlang.get_cookie(node()), label: "B's cookie for B")
send({:main, a}, {:done, self()})
receive do
  :ack -> :ok
end
