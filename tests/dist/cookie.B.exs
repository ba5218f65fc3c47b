# Node B with another cookie: Node.connect is refused.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
:erlang.set_cookie(:WRONG)
IO.inspect(Node.connect(a), label: "connect")
IO.inspect(Node.list(), label: "nodes")
