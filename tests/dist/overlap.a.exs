# OTP 25's global keeps partitions from overlapping: when a drops its
# connection to b, c hears of it (lost_connection) and drops b, and, once b
# reports losing a, drops a too; a and b drop c when c asks them to
# (remove_connection).  Each node says so in a warning, and all three end
# up alone.
Process.register(self(), :main)
:net_kernel.monitor_nodes(true)
IO.puts("READY")
receive do
  {:step, :disconnect_b, _from} ->
    [_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
    IO.inspect(Node.disconnect(:erlang.binary_to_atom("b@" <> host)), label: "a Node.disconnect b")
end
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
IO.inspect(:lists.sort(downs), label: "a nodedowns")
IO.inspect(Node.list(), label: "a Node.list")
