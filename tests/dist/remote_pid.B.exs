# Node B: Process.alive?/1 and Process.info/1,2 of a pid of node A raise
# as on the BEAM (they are about local processes only), while A's process
# is alive.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
true = Node.connect(a)
pid = :rpc.call(a, Process, :whereis, [:target])
IO.inspect(node(pid) == a, label: "remote")
IO.inspect(:rpc.call(a, Process, :alive?, [pid]), label: "alive on A")
calls = [
  {"Process.alive?/1", fn -> Process.alive?(pid) end},
  {"Process.info/1", fn -> Process.info(pid) end},
  {"Process.info/2 atom", fn -> Process.info(pid, :links) end},
  {"Process.info/2 list", fn -> Process.info(pid, [:links, :message_queue_len]) end},
  {"Process.info/2 registered_name", fn -> Process.info(pid, :registered_name) end},
  {"Process.info/2 bad item", fn -> Process.info(pid, :bogus) end},
  {":erlang.is_process_alive/1", fn -> :erlang.is_process_alive(pid) end},
  {":erlang.process_info/2", fn -> :erlang.process_info(pid, :status) end}
]
for {label, f} <- calls do
  try do
    IO.inspect(f.(), label: label)
  rescue
    e ->
      [{m, fun, args, _} | _] = __STACKTRACE__
      IO.puts("#{label}: #{inspect(e.__struct__)} #{inspect(Exception.message(e))} in #{inspect(m)}.#{fun}/#{length(args)}")
  end
end
# a process of B's own node still answers
IO.inspect(Process.alive?(self()), label: "self alive")
IO.inspect(Process.info(self(), :message_queue_len), label: "self info")
send({:main, a}, :halt)
