# Node B: connects to A, messages a registered name there, gets answers.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
IO.inspect(Node.connect(a), label: "connect")
IO.inspect(Node.list(), label: "nodes")
for n <- 1..3 do
  send({:echo, a}, {:ping, self(), n})
  receive do
    {:pong, ^a, ^n} -> IO.puts("pong #{n}")
  after
    5000 -> IO.puts("no pong #{n}")
  end
end
send({:echo, a}, {:bye, self()})
receive do
  :bye -> IO.puts("bye")
after
  5000 -> IO.puts("no bye")
end
