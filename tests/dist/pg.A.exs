# Node A: a :pg scope with two members of its own (a1 in :g; a2 in :g and
# :h); follows B's joins and leaves through a scope monitor.
{:ok, _} = :pg.start(:pg)
{ref, %{}} = :pg.monitor_scope()
member = fn -> spawn(fn -> receive do :stop -> :ok end end) end
a1 = member.()
a2 = member.()
:ok = :pg.join(:g, a1)
:ok = :pg.join(:g, [a2])
:ok = :pg.join(:h, a2)
for _ <- 1..3, do: (receive do {^ref, :join, _, _} -> :ok end)
Process.register(self(), :main)
IO.puts("READY")
{b, b1} =
  receive do
    {:hello, b} ->
      send(b, {:pids, [{a1, "a1"}, {a2, "a2"}]})
      receive do
        {:joined, b1} -> {b, b1}
      end
  end
labels = %{a1 => "a1", a2 => "a2", b1 => "b1"}
show = fn pids -> Enum.map(pids, &Map.get(labels, &1, inspect(&1))) end
receive do
  {^ref, :join, group, pids} -> IO.inspect({group, show.(pids)}, label: "A: join")
end
IO.inspect(show.(:pg.get_members(:g)), label: "A: members of g")
IO.inspect(show.(:pg.get_local_members(:g)), label: "A: local members of g")
IO.inspect(Enum.sort(:pg.which_groups()), label: "A: groups")
send(b, :a_saw)
receive do
  :left -> :ok
end
receive do
  {^ref, :leave, group, pids} -> IO.inspect({group, show.(pids)}, label: "A: leave")
end
IO.inspect(show.(:pg.get_members(:g)), label: "A: members of g")
send(b, :a_saw)
receive do
  :kill_a1 -> Process.exit(a1, :kill)
end
receive do
  {^ref, :leave, :g, [^a1]} -> :ok
end
receive do
  :halt -> :erlang.halt(0)
end
