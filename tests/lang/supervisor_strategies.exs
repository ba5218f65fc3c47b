# Supervisor strategies and child management: :one_for_all and
# :rest_for_one restarts, :transient and :temporary children,
# terminate_child/restart_child/delete_child/start_child, which_children
# (newest first) and count_children, a child failing to start, and a
# module-based supervisor (use Supervisor) with a name.
defmodule Worker do
  use GenServer
  def start_link(name), do: GenServer.start_link(__MODULE__, name, name: name)
  @impl true
  def init(:fails), do: {:stop, :cannot_start}
  def init(name), do: {:ok, name}
  @impl true
  def handle_call(:ping, _from, name), do: {:reply, {:pong, name}, name}
end

defmodule Tree do
  use Supervisor
  def start_link(strategy), do: Supervisor.start_link(__MODULE__, strategy, name: :tree)
  @impl true
  def init(strategy) do
    children = for name <- [:w1, :w2, :w3], do: Supervisor.child_spec({Worker, name}, id: name)
    Supervisor.init(children, strategy: strategy)
  end
end

defmodule Check do
  def kill(name) do
    pid = Process.whereis(name)
    ref = Process.monitor(pid)
    Process.exit(pid, :kill)
    receive do
      {:DOWN, ^ref, :process, _, _} -> :ok
    end
    Process.sleep(30)
  end

  # which workers got a new pid
  def restarted(before) do
    for {name, pid} <- before, Process.whereis(name) != pid, do: name
  end

  # the {:EXIT, _, reason} messages of the supervisors stopped so far
  def exits(acc \\ []) do
    receive do
      {:EXIT, _, reason} -> exits([reason | acc])
    after
      0 -> Enum.reverse(acc)
    end
  end

  def pids, do: for(name <- [:w1, :w2, :w3], do: {name, Process.whereis(name)})

  def children(sup) do
    for {id, pid, type, modules} <- Supervisor.which_children(sup) do
      {id, if(is_pid(pid), do: :pid, else: pid), type, modules}
    end
  end
end

Process.flag(:trap_exit, true)
{:ok, _} = Tree.start_link(:one_for_all)
IO.inspect(Check.children(:tree), label: "children, newest first")
before = Check.pids()
Check.kill(:w2)
IO.inspect(Check.restarted(before), label: "one_for_all restarts")
IO.inspect(GenServer.call(:w2, :ping), label: "w2 back")
IO.inspect(Supervisor.stop(:tree), label: "stop")
IO.inspect(Check.pids(), label: "children stopped")

{:ok, _} = Tree.start_link(:rest_for_one)
before = Check.pids()
Check.kill(:w2)
IO.inspect(Check.restarted(before), label: "rest_for_one restarts")
before = Check.pids()
Check.kill(:w3)
IO.inspect(Check.restarted(before), label: "last child alone")
IO.inspect(Check.children(:tree) |> Enum.map(&elem(&1, 0)), label: "order kept")
Supervisor.stop(:tree)

{:ok, sup} = Supervisor.start_link([
  %{id: :t, start: {Worker, :start_link, [:t]}, restart: :transient},
  %{id: :tmp, start: {Worker, :start_link, [:tmp]}, restart: :temporary}
], strategy: :one_for_one)
GenServer.stop(:t, :normal)
Process.sleep(30)
IO.inspect(Check.children(sup), label: "transient stopped normally")
IO.inspect(Supervisor.restart_child(sup, :t) |> elem(0), label: "restart_child")
IO.inspect(Supervisor.restart_child(sup, :t), label: "restart_child running")
Check.kill(:tmp)
IO.inspect(Check.children(sup), label: "temporary child gone")
IO.inspect(Supervisor.terminate_child(sup, :t), label: "terminate_child")
IO.inspect(Supervisor.terminate_child(sup, :nope), label: "terminate_child unknown")
IO.inspect(Supervisor.delete_child(sup, :t), label: "delete_child")
IO.inspect(Supervisor.delete_child(sup, :t), label: "delete_child again")
{:ok, _} = Supervisor.start_child(sup, {Worker, :added})
IO.inspect(Supervisor.start_child(sup, {Worker, :added}) |> elem(0), label: "start_child same id")
IO.inspect(Supervisor.start_child(sup, %{id: :bad, start: {Worker, :start_link, [:fails]}}), label: "start_child failing")
IO.inspect(Supervisor.count_children(sup), label: "count_children")
IO.inspect(Check.children(sup), label: "children")
Supervisor.stop(sup)
IO.inspect(Check.exits(), label: "EXITs of the stopped supervisors")

r = Supervisor.start_link([{Worker, :ok1}, Supervisor.child_spec({Worker, :fails}, id: :f)], strategy: :one_for_one)
IO.inspect(r, label: "a child failing at start")
receive do
  {:EXIT, _, reason} -> IO.inspect(reason, label: "EXIT")
end
IO.inspect(Process.whereis(:ok1), label: "started child shut down")
