# An ETS table belongs to the process that made it: it dies with its
# owner, or goes to the heir; give_away hands it over.
defmodule Owner do
  # a process that makes a table with opts, reports it and waits
  def start(name, opts) do
    me = self()
    pid = spawn(fn ->
      tab = :ets.new(name, opts)
      :ets.insert(tab, {:k, :v})
      send(me, {:made, tab})
      loop()
    end)
    receive do {:made, tab} -> {pid, tab} end
  end

  def loop do
    receive do
      {:run, from, f} -> send(from, {:ran, f.()}); loop()
      {:stop, from} -> send(from, :stopped)
      {:"ETS-TRANSFER", tab, _from, data} -> IO.inspect({:transfer, tab, data}); loop()
    end
  end

  def run(pid, f) do
    send(pid, {:run, self(), f})
    receive do {:ran, r} -> r end
  end

  def stop(pid) do
    ref = Process.monitor(pid)
    send(pid, {:stop, self()})
    receive do {:DOWN, ^ref, _, _, _} -> :ok end
  end

  def kill(pid) do
    ref = Process.monitor(pid)
    Process.exit(pid, :kill)
    receive do {:DOWN, ^ref, _, _, reason} -> reason end
  end
end

# the table dies with its owner, normal exit or killed
{pid, tab} = Owner.start(:mine, [:public])
IO.inspect(:ets.lookup(tab, :k))
IO.inspect(:ets.info(tab, :owner) == pid)
Owner.stop(pid)
IO.inspect(:ets.info(tab))
{pid, tab} = Owner.start(:named_one, [:named_table, :public])
IO.inspect(tab)
IO.inspect(Owner.kill(pid))
IO.inspect(:ets.whereis(:named_one))
IO.inspect(:ets.info(:named_one))
try do
  :ets.insert(:named_one, {:k, 1})
rescue
  e -> IO.puts(Exception.message(e))
end
IO.inspect(is_reference(:ets.new(:named_one, [:named_table])) or :reused)

# the heir receives it, and stays heir: the table dies with it
{heir, _} = Owner.start(:heir_table, [])
{pid, tab} = Owner.start(:inherited, [:named_table, {:heir, heir, :my_gift}])
IO.inspect(:ets.info(tab, :heir) == heir)
Owner.stop(pid)
IO.inspect(Owner.run(heir, fn -> :ok end))
IO.inspect(:ets.info(tab, :owner) == heir)
IO.inspect(:ets.info(tab, :heir) == heir)
IO.inspect(Owner.run(heir, fn -> :ets.insert(tab, {:k, :heir}) end))
IO.inspect(:ets.lookup(tab, :k))
Owner.stop(heir)
IO.inspect(:ets.info(tab))

# a dead heir, or {:heir, :none}: the table dies
{dead, _} = Owner.start(:x, [])
Owner.stop(dead)
{pid, tab} = Owner.start(:orphan, [{:heir, dead, 1}])
Owner.stop(pid)
IO.inspect(:ets.info(tab))
{pid, tab} = Owner.start(:orphan2, [{:heir, :none}])
IO.inspect(:ets.info(tab, :heir))
Owner.stop(pid)
IO.inspect(:ets.info(tab))

# give_away: to a live process, with a message
mine = :ets.new(:given, [:named_table])
:ets.insert(mine, {:k, :mine})
{other, _} = Owner.start(:other, [])
IO.inspect(:ets.give_away(mine, other, :here_you_are))
IO.inspect(Owner.run(other, fn -> :ok end))
IO.inspect(:ets.info(:given, :owner) == other)
try do
  :ets.insert(:given, {:k, :not_mine})
rescue
  e -> IO.puts(Exception.message(e))
end
IO.inspect(Owner.run(other, fn -> :ets.insert(:given, {:k, :theirs}) end))
IO.inspect(:ets.lookup(:given, :k))
IO.inspect(Owner.run(other, fn -> :ets.give_away(:given, self(), 1) end |> then(fn f -> fn -> try do f.() rescue e -> Exception.message(e) end end end)))
{owner, pubtab} = Owner.start(:pub, [:public])
try do
  :ets.give_away(pubtab, owner, 1)
rescue
  e -> IO.puts(Exception.message(e))
end
Owner.stop(other)
Owner.stop(owner)
IO.inspect({:ets.info(:given), :ets.info(pubtab)})

# a table made by a task goes when the task ends
task = Task.async(fn -> :ets.new(:task_table, [:named_table, :public]) end)
IO.inspect(Task.await(task))
ref = Process.monitor(task.pid)
receive do {:DOWN, ^ref, _, _, _} -> :ok end
IO.inspect(:ets.whereis(:task_table))

# many owners: 10,000 processes with a table each; their slots are reused
# by new tables while the old references stay dead
me = self()
owners = for i <- 1..10_000 do
  spawn(fn ->
    t = :ets.new(:each, [:public])
    :ets.insert(t, {:i, i})
    send(me, {:table, self(), t})
    receive do :stop -> :ok end
  end)
end
tables = for pid <- owners, do: (receive do {:table, ^pid, t} -> t end)
IO.inspect(Enum.sum(for t <- tables, do: :ets.lookup_element(t, :i, 2)))
all = MapSet.new(:ets.all())
IO.inspect(Enum.count(tables, &MapSet.member?(all, &1)))
refs = for pid <- owners, do: Process.monitor(pid)
for pid <- owners, do: send(pid, :stop)
for ref <- refs, do: (receive do {:DOWN, ^ref, _, _, _} -> :ok end)
IO.inspect(Enum.count(tables, &(:ets.info(&1) != :undefined)))
fresh = for i <- 1..100, do: :ets.new(:fresh, [{:keypos, 1}]) |> tap(&:ets.insert(&1, {:n, i}))
IO.inspect(Enum.count(tables, &(:ets.info(&1) != :undefined)))
IO.inspect(Enum.map(fresh, &:ets.lookup_element(&1, :n, 2)) == Enum.to_list(1..100))
try do
  :ets.lookup(hd(tables), :i)
rescue
  e -> IO.puts(Exception.message(e))
end
