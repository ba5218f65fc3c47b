# Node c: joins, asks a to drop b, and sees the partitions kept apart.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
:net_kernel.monitor_nodes(true)
true = Node.connect(a)
:global.sync()
wait_nodes = fn wait ->
  case length(Node.list()) >= 2 do
    true -> :ok
    false ->
      receive do
        {:nodeup, _} -> wait.(wait)
      after
        10_000 -> IO.puts("timeout waiting for the cluster")
      end
  end
end
wait_nodes.(wait_nodes)
# b's connections are up; :global's protocol between the three may still
# be under way: the partition test starts once it is over
:global.sync()
receive do
  {:nodeup, _} -> :ok
after
  0 -> :ok
end
IO.inspect(length(Node.list()), label: "c nodes")
send({:main, a}, {:step, :disconnect_b, self()})
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
IO.inspect(:lists.sort(downs), label: "c nodedowns")
IO.inspect(Node.list(), label: "c Node.list")
