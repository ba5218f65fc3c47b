# Node c: joins b, registers, then connects to a: the clusters merge.  Its
# clash_local loses (c > a): a kills it.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
b = :erlang.binary_to_atom("b@" <> host)
d = :erlang.binary_to_atom("d@" <> host)
true = Node.connect(b)
:global.sync()
owner = spawn(fn -> receive do :stop -> :ok end end)
ref = Process.monitor(owner)
IO.inspect(:global.register_name(:clash_local, owner), label: "c register clash_local")
only = spawn(fn -> receive do :stop -> :ok end end)
IO.inspect(:global.register_name(:only_bc, only), label: "c register only_bc")
IO.inspect(:lists.sort(:global.registered_names()), label: "c registered_names")

:net_kernel.monitor_nodes(true)
IO.inspect(Node.connect(a), label: "c Node.connect a")
wait_nodes = fn wait ->
  case :lists.sort(Node.list()) do
    [^a, ^b, ^d] -> :ok
    _ ->
      receive do
        {:nodeup, _} -> wait.(wait)
      after
        10_000 -> IO.puts("timeout waiting for the cluster")
      end
  end
end
wait_nodes.(wait_nodes)
:global.sync()
receive do
  {:DOWN, ^ref, :process, _, reason} ->
    # the conflict's log line was sent before the kill: print it first
    Logger.flush()
    IO.inspect(reason, label: "c clash_local owner down")
end

# every node agrees, once each has processed the DOWN of the losers and
# the resolved names (a loser's node drops the name at its DOWN, before the
# winner arrives); gives up after 5 s
nodes = [a, b, node(), d]
where = fn n, name ->
  case :rpc.call(n, :global, :whereis_name, [name]) do
    pid when is_pid(pid) -> node(pid)
    other -> other
  end
end
deadline = :erlang.monotonic_time(:millisecond) + 5000
look = fn look ->
  seen =
    for n <- nodes do
      {:lists.sort(:rpc.call(n, :global, :registered_names, [])), where.(n, :clash_local), where.(n, :clash_rpc)}
    end
  settled = for(x <- seen, x != hd(seen), do: x) == [] and elem(hd(seen), 1) != :undefined and elem(hd(seen), 2) != :undefined
  if settled or :erlang.monotonic_time(:millisecond) > deadline do
    seen
  else
    Process.sleep(10)
    look.(look)
  end
end
IO.inspect(look.(look), label: "names, clash_local's node, clash_rpc's node, on a, b, c, d")
for n <- [a, b, d] do
  send({:main, n}, {:step, :halt, self()})
  receive do
    :ok -> :ok
  end
end
