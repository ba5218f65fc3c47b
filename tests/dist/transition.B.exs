# Node B (net_ticktime 60): connects to A (4 s) and lowers its tick time.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
true = Node.connect(a)
IO.inspect(:net_kernel.set_net_ticktime(4, 8), label: "set 4 over 8 s")
# silent for longer than A's tick time: only ticks cross
receive do
after
  6000 -> :ok
end
IO.inspect(Node.list() == [a], label: "connected after 6 s")
IO.inspect(:net_kernel.get_net_ticktime(), label: "tick time")
receive do
after
  3000 -> :ok
end
IO.inspect(:net_kernel.get_net_ticktime(), label: "after the transition")
send({:main, a}, {:done, self()})
receive do
  :ok -> :ok
end
