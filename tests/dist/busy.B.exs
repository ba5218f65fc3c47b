# Node B: connects to a node whose only scheduler is kept busy, messages
# its echo and calls it (the last answer may wait behind the busy
# processes' slices on a loaded machine: a longer timeout).
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
IO.inspect(Node.connect(a), label: "connect")
for n <- 1..3 do
  send({:echo, a}, {:ping, self(), n})
  receive do
    {:pong, ^a, ^n} -> IO.puts("pong #{n}")
  after
    5000 -> IO.puts("no pong #{n}")
  end
end
IO.inspect(:rpc.call(a, :erlang, :node, []) == a, label: "rpc")
IO.inspect(:rpc.call(a, Enum, :sum, [[1, 2, 3]]), label: "sum")
send({:echo, a}, {:bye, self()})
receive do
  :bye -> IO.puts("bye")
after
  20000 -> IO.puts("no bye")
end
