# :pg on one node: scopes, joins and leaves (member lists ordered as
# OTP 25's pg orders them), monitors of a scope and of a group, members
# that die, and the errors (the cluster protocol is tests/dist/pg.*).
IO.inspect(Process.whereis(:pg), label: "default scope started")
IO.inspect(:pg.get_members(:g), label: "no scope")
try do
  :pg.which_groups()
rescue
  e -> IO.puts("which_groups: " <> Exception.message(e))
end
{:ok, scope} = :pg.start(:pg)
{:error, {:already_started, ^scope}} = :pg.start(:pg)
{:ok, other} = :pg.start_link(:other)
member = fn -> spawn(fn -> receive do :stop -> :ok end end) end
[p1, p2, p3] = ps = for _ <- 1..3, do: member.()
name = fn pids -> Enum.map(pids, fn p -> "p#{Enum.find_index(ps, &(&1 == p)) + 1}" end) end
{sref, %{}} = :pg.monitor_scope()
IO.inspect(:pg.join(:g, p1), label: "join")
IO.inspect(:pg.join(:g, [p2, p3]), label: "join list")
IO.inspect(:pg.join(:h, p1), label: "join h")
IO.inspect(:pg.join(:other, :g, p3), label: "join other scope")
IO.inspect(name.(:pg.get_members(:g)), label: "g")
IO.inspect(name.(:pg.get_local_members(:g)), label: "local g")
IO.inspect(name.(:pg.get_members(:other, :g)), label: "other g")
IO.inspect(Enum.sort(:pg.which_groups()), label: "groups")
IO.inspect(Enum.sort(:pg.which_local_groups()), label: "local groups")
{gref, members} = :pg.monitor(:h)
IO.inspect(name.(members), label: "monitor h")
IO.inspect(:pg.join(:h, p2), label: "join h again")
IO.inspect(:pg.leave(:g, p1), label: "leave")
IO.inspect(:pg.leave(:g, p1), label: "leave again")
IO.inspect(:pg.leave(:nope, [p1, p2]), label: "leave unknown group")
Process.exit(p2, :kill)
show = fn
  {ref, verb, group, pids} when ref == sref -> "scope #{verb} #{inspect(group)} #{inspect(name.(pids))}"
  {ref, verb, group, pids} when ref == gref -> "group #{verb} #{inspect(group)} #{inspect(name.(pids))}"
end
for _ <- 1..9 do
  receive do
    {_, verb, _, _} = m when verb in [:join, :leave] -> IO.puts(show.(m))
  end
end
IO.inspect(name.(:pg.get_members(:g)), label: "g")
IO.inspect(name.(:pg.get_members(:h)), label: "h")
IO.inspect(:pg.demonitor(gref), label: "demonitor")
IO.inspect(:pg.demonitor(gref), label: "demonitor again")
{{:nolocal, :x}, _} = (try do :pg.join(:g, [p1, :x]) catch :error, r -> {r, :caught} end)
IO.puts("join of a non-pid: {:nolocal, :x}")
try do
  :pg.join(:g, :x)
rescue
  e -> IO.inspect(e.__struct__, label: "join :x")
end
IO.inspect(is_pid(other), label: "other scope")
