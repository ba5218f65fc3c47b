# Node s: joins p only, and so meets q and r through p's kind; checks
# the registry on every node as names come and go.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
p = :erlang.binary_to_atom("p@" <> host)
q = :erlang.binary_to_atom("q@" <> host)
r = :erlang.binary_to_atom("r@" <> host)
:net_kernel.monitor_nodes(true)
IO.inspect(Node.connect(p), label: "s Node.connect p")
:global.sync()
wait_nodes = fn wait ->
  case length(Node.list()) >= 3 do
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
IO.inspect(hd(Node.list()) == p, label: "s Node.list starts with p")
IO.inspect(:lists.sort(Node.list()) == [p, q, r], label: "s Node.list has p, q, r")
owner = spawn(fn -> receive do :stop -> :ok end end)
IO.inspect(:global.register_name(:on_s, owner), label: "s register on_s")
IO.inspect(:global.register_name(:on_p, owner), label: "s register on_p again")

# what every node (of `nodes`) sees: registered_names, and the node each
# name is on; once all agree and it differs from `before` (a node drops a
# name when its DOWN arrives), or after 5 s
view = fn n ->
  names = :lists.sort(:rpc.call(n, :global, :registered_names, []))
  where =
    for name <- names do
      case :rpc.call(n, :global, :whereis_name, [name]) do
        pid when is_pid(pid) -> node(pid)
        other -> other
      end
    end
  {names, where}
end
everywhere = fn nodes, before ->
  deadline = :erlang.monotonic_time(:millisecond) + 5000
  look = fn look ->
    seen = for n <- nodes, do: view.(n)
    if (for(x <- seen, x != hd(seen), do: x) == [] and hd(seen) != before) or :erlang.monotonic_time(:millisecond) > deadline do
      seen
    else
      Process.sleep(10)
      look.(look)
    end
  end
  look.(look)
end
tell = fn node, step ->
  send({:main, node}, {:step, step, self()})
  receive do
    :ok -> :ok
  end
end

[first | _] = seen = everywhere.([p, q, r, node()], nil)
IO.inspect(seen, label: "names and their nodes, on p, q, r, s")
tell.(q, :stop_owner)
[second | _] = seen = everywhere.([p, q, r, node()], first)
IO.inspect(seen, label: "after on_q's process ended")
send({:main, r}, {:step, :halt, self()})
receive do
  {:nodedown, ^r} -> :ok
end
IO.inspect(everywhere.([p, q, node()], second), label: "after r went down, on p, q, s")
tell.(p, :halt)
tell.(q, :halt)
