# The node that tries to connect: it must be refused.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
IO.inspect(Node.connect(:erlang.binary_to_atom("a@" <> host)), label: "connect")
IO.inspect(Node.list(), label: "nodes")
Logger.flush()
