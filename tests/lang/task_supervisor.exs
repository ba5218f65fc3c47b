# Task.Supervisor and DynamicSupervisor on one node.
Logger.configure(level: :none)
{:ok, _} = Task.Supervisor.start_link(name: :tasks)
IO.inspect(Task.Supervisor.async(:tasks, :erlang, :+, [1, 2]) |> Task.await())
IO.inspect(Task.Supervisor.async_nolink(:tasks, String, :upcase, ["abc"]) |> Task.await())
IO.inspect(Task.Supervisor.async(:tasks, fn -> 42 end) |> Task.await())
IO.inspect(Task.Supervisor.async_nolink(:tasks, fn -> 43 end, shutdown: 100) |> Task.await())
{:ok, _pid} = Task.Supervisor.start_child(:tasks, :erlang, :send, [self(), :hi])
receive do
  :hi -> IO.puts("start_child ran")
end
Process.register(self(), :main)
{:ok, _pid} = Task.Supervisor.start_child(:tasks, fn -> send(:main, :fun_child) end)
receive do
  :fun_child -> IO.puts("start_child of a fun ran")
end
t = Task.Supervisor.async_nolink(:tasks, :erlang, :error, [:boom])
{:exit, {reason, [_ | _]}} = Task.yield(t, 1000)
IO.inspect(reason)
IO.inspect(Task.Supervisor.async_nolink(:tasks, :erlang, :exit, [:bye]) |> Task.yield(1000))
IO.inspect(Task.Supervisor.async_nolink(:tasks, :erlang, :throw, [:ball]) |> Task.yield(1000) |> elem(1) |> elem(0))
{:ok, pid} = Task.Supervisor.start_child(:tasks, :timer, :sleep, [10000])
IO.inspect(Task.Supervisor.children(:tasks) == [pid])
IO.inspect(DynamicSupervisor.count_children(:tasks))
IO.inspect(Task.Supervisor.terminate_child(:tasks, pid))
IO.inspect(Task.Supervisor.terminate_child(:tasks, pid))
IO.inspect(Task.Supervisor.children(:tasks))

{:ok, d} = DynamicSupervisor.start_link(strategy: :one_for_one, max_children: 2)
{:ok, agent} = DynamicSupervisor.start_child(d, {Agent, fn -> 3 end})
IO.inspect(Agent.get(agent, fn x -> x end))
IO.inspect(DynamicSupervisor.which_children(d) == [{:undefined, agent, :worker, [Agent]}])
# a permanent child is restarted
ref = Process.monitor(agent)
Process.exit(agent, :kill)
receive do
  {:DOWN, ^ref, _, _, reason} -> IO.inspect(reason)
end
[{:undefined, again, :worker, [Agent]}] = DynamicSupervisor.which_children(d)
IO.inspect(again != agent and Agent.get(again, fn x -> x end))
{:ok, _} = DynamicSupervisor.start_child(d, %{id: :t, start: {Agent, :start_link, [fn -> 1 end]}, restart: :temporary})
IO.inspect(DynamicSupervisor.start_child(d, {Agent, fn -> 3 end}))
IO.inspect(DynamicSupervisor.count_children(d))
IO.inspect(DynamicSupervisor.start_child(d, %{id: 1, start: {:foo, :bar}}))
IO.inspect(DynamicSupervisor.start_child(d, %{id: 1, start: {Agent, :start_link, [fn -> 1 end]}, restart: :sometimes}))
IO.inspect(DynamicSupervisor.terminate_child(d, again))
IO.inspect(DynamicSupervisor.count_children(d))
IO.inspect(DynamicSupervisor.stop(d))

# use DynamicSupervisor
defmodule Dyn do
  use DynamicSupervisor
  def start_link(arg), do: DynamicSupervisor.start_link(__MODULE__, arg, name: __MODULE__)
  def init(arg), do: DynamicSupervisor.init(strategy: :one_for_one, extra_arguments: [arg])
  # the extra argument comes first
  def start_worker(n, m), do: Agent.start_link(fn -> n + m end)
end

IO.inspect(Dyn.child_spec(:x))
{:ok, _} = Supervisor.start_link([{Dyn, 10}], strategy: :one_for_one)
{:ok, a} = DynamicSupervisor.start_child(Dyn, %{id: :a, start: {Dyn, :start_worker, [5]}})
IO.inspect(Agent.get(a, fn x -> x end))
IO.inspect(DynamicSupervisor.count_children(Dyn))

# async_stream and async_stream_nolink
IO.inspect(Task.Supervisor.async_stream(:tasks, [1, 2, 3], fn x -> x * 2 end) |> Enum.to_list())
IO.inspect(Task.Supervisor.async_stream(:tasks, 1..4, Integer, :pow, [2], max_concurrency: 2) |> Enum.to_list())
IO.inspect(Task.Supervisor.async_stream_nolink(:tasks, [1, 0, 2], fn x -> div(10, x) end) |> Enum.map(fn {:exit, {r, _}} -> {:exit, r}; o -> o end))
IO.inspect(Task.Supervisor.async_stream_nolink(:tasks, [10, 2000, 20], :timer, :sleep, [], timeout: 500, on_timeout: :kill_task) |> Enum.to_list())
IO.inspect(Task.Supervisor.async_stream_nolink(:tasks, [:a, :b], :erlang, :exit, [], zip_input_on_exit: true) |> Enum.to_list())
IO.inspect(Task.Supervisor.async_stream(:tasks, [300, 100, 200], fn x -> Process.sleep(x); x end, ordered: false, max_concurrency: 3) |> Enum.to_list())
IO.inspect(Task.Supervisor.async_stream(:tasks, [], fn x -> x end) |> Enum.to_list())
try do
  Task.Supervisor.async_stream(:tasks, [10, 2000], :timer, :sleep, [], timeout: 500) |> Enum.to_list()
catch
  :exit, reason -> IO.inspect(reason)
end
