# Node B: when A goes away, the messages about it arrive in the BEAM's
# order: {:nodedown, a} of Node.monitor and :net_kernel.monitor_nodes
# before the {:DOWN, ...} and {:EXIT, ...} of A's processes.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
true = Node.connect(a)
Process.flag(:trap_exit, true)
:net_kernel.monitor_nodes(true)
Node.monitor(a, true)
pids = for name <- [:t1, :t2, :t3], do: :rpc.call(a, Process, :whereis, [name])
refs = Enum.map(pids, &Process.monitor/1)
Process.link(Enum.at(pids, 2))
send({:main, a}, :halt)
label = fn
  {:nodedown, ^a} -> "nodedown"
  {:nodedown, ^a, info} -> "nodedown #{inspect(info)}"
  {:DOWN, ref, :process, pid, reason} ->
    "DOWN #{Enum.find_index(refs, &(&1 == ref))} #{Enum.find_index(pids, &(&1 == pid))} #{inspect(reason)}"
  {:EXIT, pid, reason} -> "EXIT #{Enum.find_index(pids, &(&1 == pid))} #{inspect(reason)}"
  other -> inspect(other)
end
for _ <- 1..6 do
  receive do
    m -> IO.puts(label.(m))
  after
    5000 -> IO.puts("missing")
  end
end
# and nothing else comes (waiting a little: no message to await here)
receive do
  m -> IO.puts("extra: " <> label.(m))
after
  500 -> :ok
end
