# Agent: start/get/update/get_and_update/cast/stop, fun and {m, f, a} forms,
# name: options.
defmodule Store do
  def initial(x), do: %{start: x}
  def get(state, key), do: Map.get(state, key)
  def put(state, key, value), do: Map.put(state, key, value)
  def pop(state, key), do: Map.pop(state, key)
end

{:ok, a} = Agent.start(fn -> 42 end)
IO.inspect(is_pid(a), label: "start")
IO.inspect(Agent.get(a, fn x -> x end), label: "get")
IO.inspect(Agent.get(a, & &1 * 2), label: "get computed")
IO.inspect(Agent.update(a, fn x -> x + 1 end), label: "update")
IO.inspect(Agent.get(a, & &1), label: "after update")
IO.inspect(Agent.get_and_update(a, fn x -> {x, x * 10} end), label: "get_and_update returns old")
IO.inspect(Agent.get(a, & &1), label: "after get_and_update")
IO.inspect(Agent.cast(a, fn x -> x - 30 end), label: "cast")
IO.inspect(Agent.get(a, & &1), label: "after cast")
IO.inspect(Agent.stop(a), label: "stop")
IO.inspect(Process.alive?(a), label: "alive after stop")
{:ok, m} = Agent.start(Store, :initial, [:mfa])
IO.inspect(Agent.get(m, Store, :get, [:start]), label: "get mfa")
IO.inspect(Agent.update(m, Store, :put, [:k, "v"]), label: "update mfa")
IO.inspect(Agent.get_and_update(m, Store, :pop, [:k]), label: "get_and_update mfa")
IO.inspect(Agent.cast(m, Store, :put, [:c, 3]), label: "cast mfa")
IO.inspect(Agent.get(m, & &1), label: "state after mfa ops")
{:ok, _} = Agent.start(fn -> [] end, name: :stack)
Agent.update(:stack, &[:a | &1])
Agent.update(:stack, &[:b | &1])
IO.inspect(Agent.get(:stack, & &1), label: "named agent")
IO.inspect(Agent.get({:stack, node()}, &length/1), label: "by {name, node}")
{:ok, g} = Agent.start(fn -> 0 end, name: {:global, :agent1})
IO.inspect(Agent.update({:global, :agent1}, &(&1 + 1)), label: "global update")
IO.inspect(Agent.get({:global, :agent1}, & &1), label: "global get")
IO.inspect(:global.whereis_name(:agent1) == g, label: "global registered")
{:ok, l} = Agent.start_link(fn -> :linked end)
IO.inspect(Agent.get(l, & &1), label: "start_link")
{:error, {:already_started, _}} = Agent.start(fn -> 1 end, name: :stack)
IO.puts("duplicate name refused")
parent = self()
for i <- 1..10, do: spawn(fn -> Agent.update(:stack, &[i | &1]); send(parent, :done) end)
for _ <- 1..10, do: receive(do: (:done -> :ok))
IO.inspect(Agent.get(:stack, &length/1), label: "10 concurrent updates")
IO.inspect(Agent.get(:stack, &Enum.sort(Enum.filter(&1, fn x -> is_integer(x) end))), label: "all applied")
r = try do
  Agent.get(:stack, fn _ -> Process.sleep(200) end, 50)
catch
  :exit, {reason, {GenServer, :call, _}} -> {:caught_exit, reason}
end
IO.inspect(r, label: "get with timeout")
IO.inspect(Agent.stop(:stack, :normal, 1000), label: "stop/3")
IO.inspect(Process.whereis(:stack), label: "name released")
