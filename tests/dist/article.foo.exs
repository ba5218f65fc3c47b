# The article "Exploring Distributed Elixir", node foo: agent1 lives here.
# Steps of the other nodes arrive as messages; foo answers each with :ok.
Process.register(self(), :main)
{:ok, agent} = Agent.start(fn -> 42 end, name: {:global, :agent1})
IO.inspect(:global.registered_names(), label: "foo registered_names")
IO.puts("READY")

step = fn ->
  receive do
    {:step, step, from} -> {step, from}
  end
end

{:agent_get, from} = step.()
IO.inspect(Agent.get({:global, :agent1}, fn x -> x end), label: "foo Agent.get")
IO.inspect(:global.whereis_name(:agent1) == agent, label: "foo whereis_name is the local agent")
send(from, :ok)

{:kv_get, from} = step.()
IO.inspect(GenServer.call({:global, :kv1}, {:get, :foo}), label: "foo kv1 get")
send(from, :ok)

{:subscribe, from} = step.()
IO.inspect(GenServer.call({:global, :ps1}, {:subscribe, :topic1}) == {:subscribed, :topic1, self()}, label: "foo subscribed")
send(from, :ok)

{:flush, from} = step.()
receive do
  msg -> IO.inspect(msg, label: "foo got")
after
  5000 -> IO.puts("foo got nothing")
end
send(from, :ok)

{:halt, from} = step.()
send(from, :ok)
