# Node b: a drops it; c asks it to drop c.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
true = Node.connect(a)
:global.sync()
:net_kernel.monitor_nodes(true)
IO.puts("READY")
nodedowns = fn
  _, 0, acc -> acc
  nodedowns, n, acc ->
    receive do
      {:nodedown, node} -> nodedowns.(nodedowns, n - 1, [node | acc])
    after
      10_000 -> acc
    end
end
downs = nodedowns.(nodedowns, 2, [])
# global warns as it acts: once it has answered a call it has acted on
# everything before the nodedowns (and the BEAM logs asynchronously)
:global.sync()
Logger.flush()
IO.inspect(:lists.sort(downs), label: "b nodedowns")
IO.inspect(Node.list(), label: "b Node.list")
