# Node c: joins, watches the names go.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
b = :erlang.binary_to_atom("b@" <> host)

tell = fn node, step ->
  send({:main, node}, {:step, step, self()})
  receive do
    :ok -> :ok
  end
end

# the names as every node (in `nodes`) sees them, once they agree and
# differ from `before` (each node drops a name when its DOWN arrives);
# gives up after 5 s
names_everywhere = fn nodes, before ->
  deadline = :erlang.monotonic_time(:millisecond) + 5000
  look = fn look ->
    seen = for n <- nodes, do: :lists.sort(:rpc.call(n, :global, :registered_names, []))
    settled = for(x <- seen, x != hd(seen), do: x) == [] and hd(seen) != before
    if settled or :erlang.monotonic_time(:millisecond) > deadline do
      seen
    else
      Process.sleep(10)
      look.(look)
    end
  end
  look.(look)
end

true = Node.connect(a)
:global.sync()
owner = spawn(fn -> receive do :stop -> :ok end end)
IO.inspect(:global.register_name(:on_c, owner), label: "c register on_c")
all = [a, b, node()]
IO.inspect(names_everywhere.(all, nil), label: "names on a, b, c")

tell.(a, :stop_owner)
IO.inspect(names_everywhere.(all, [:killed, :on_a, :on_b, :on_c]), label: "after on_a's process ended")
tell.(b, :kill_victim)
IO.inspect(names_everywhere.(all, [:killed, :on_b, :on_c]), label: "after killed was killed")
IO.inspect(:global.whereis_name(:killed), label: "c whereis_name killed")

:net_kernel.monitor_nodes(true)
send({:main, b}, {:step, :halt, self()})
receive do
  {:nodedown, ^b} -> :ok
end
IO.inspect(names_everywhere.([a, node()], [:on_b, :on_c]), label: "after b went down, names on a, c")
IO.inspect(:global.whereis_name(:on_b), label: "c whereis_name on_b")
tell.(a, :halt)
