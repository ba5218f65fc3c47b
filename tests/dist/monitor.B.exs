# Node B: monitors a process on A; A halts; the monitor fires with
# :noconnection and a link to another A process breaks the same way.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
true = Node.connect(a)
:net_kernel.monitor_nodes(true)
ref = Process.monitor({:target, a})
Process.flag(:trap_exit, true)
send({:main, a}, :halt)
receive do
  {:DOWN, ^ref, :process, who, reason} -> IO.inspect({who, reason}, label: "DOWN")
after
  5000 -> IO.puts("no DOWN")
end
receive do
  {:nodedown, node} -> IO.inspect(node == a, label: "nodedown")
after
  5000 -> IO.puts("no nodedown")
end
IO.inspect(Node.list(), label: "nodes")
