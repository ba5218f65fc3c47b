# Node A: two task supervisors, :tasks and :small (one child at most),
# for B's tasks.
# a task B makes crash is logged here, with this run's pids: not shown
Logger.configure(level: :none)
Process.register(self(), :main)
{:ok, _} = Task.Supervisor.start_link(name: :tasks)
{:ok, _} = Task.Supervisor.start_link(name: :small, max_children: 1)
IO.puts("READY")
receive do
  {:done, from} ->
    IO.inspect(Task.Supervisor.children(:tasks), label: "tasks left on A")
    send(from, :ok)
end
