# Node A keeps a cookie of its own and, for B alone, B's cookie
# (:erlang.set_cookie/2): B's handshake is checked with that one.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
b = :erlang.binary_to_atom("b@" <> host)
right = Node.get_cookie()
:erlang.set_cookie(b, right)
:erlang.set_cookie(:A_OWN)
Process.register(self(), :main)
IO.puts("READY")
receive do
  {:done, from} ->
    IO.inspect(Node.list() == [b], label: "A connected to B")
    IO.inspect(:erlang.get_cookie(), label: "A's own cookie")
    IO.inspect(:erlang.get_cookie(b) == right, label: "A's cookie for B is B's")
    send(from, :ack)
end
