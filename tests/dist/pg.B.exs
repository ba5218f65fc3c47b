# Node B: its :pg scope learns A's groups (discover/sync), B's join and
# leave reach A, A's members leaving or dying and A going away reach B:
# the messages of OTP 25's pg between the scopes of both nodes.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
true = Node.connect(a)
IO.inspect(:pg.get_members(:g), label: "B: no scope yet")
send({:main, a}, {:hello, self()})
labels = receive do {:pids, pairs} -> Map.new(pairs) end
{:ok, _} = :pg.start(:pg)
{ref, _} = :pg.monitor_scope()
b1 = spawn(fn -> receive do :stop -> :ok end end)
labels = Map.put(labels, b1, "b1")
show = fn pids -> Enum.map(pids, &Map.get(labels, &1, inspect(&1))) end
# A's two groups arrive by sync
for _ <- 1..2 do
  receive do
    {^ref, :join, group, pids} -> IO.inspect({group, show.(pids)}, label: "B: join")
  end
end
IO.inspect(show.(:pg.get_members(:g)), label: "B: members of g")
IO.inspect(show.(:pg.get_local_members(:g)), label: "B: local members of g")
IO.inspect(Enum.sort(:pg.which_groups()), label: "B: groups")
IO.inspect(:pg.which_local_groups(), label: "B: local groups")
:ok = :pg.join(:g, b1)
receive do {^ref, :join, :g, [^b1]} -> :ok end
send({:main, a}, {:joined, b1})
receive do :a_saw -> :ok end
IO.inspect(show.(:pg.get_members(:g)), label: "B: members of g")
IO.inspect(show.(:pg.get_local_members(:g)), label: "B: local members of g")
:ok = :pg.leave(:g, b1)
IO.inspect(:pg.leave(:g, b1), label: "B: leave again")
receive do {^ref, :leave, :g, [^b1]} -> :ok end
send({:main, a}, :left)
receive do :a_saw -> :ok end
send({:main, a}, :kill_a1)
receive do
  {^ref, :leave, group, pids} -> IO.inspect({group, show.(pids)}, label: "B: leave")
end
IO.inspect(show.(:pg.get_members(:g)), label: "B: members of g")
# A goes away: its scope's groups go with it
send({:main, a}, :halt)
for _ <- 1..2 do
  receive do
    {^ref, :leave, group, pids} -> IO.inspect({group, show.(pids)}, label: "B: leave")
  end
end
IO.inspect(:pg.which_groups(), label: "B: groups")
