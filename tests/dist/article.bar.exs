# The article, node bar: joins foo and uses agent1.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
foo = :erlang.binary_to_atom("foo@" <> host)
Process.register(self(), :main)
:net_kernel.monitor_nodes(true)
IO.inspect(Node.connect(foo), label: "bar Node.connect foo")
# global connects the rest of the cluster and shares its names meanwhile
:global.sync()
wait_nodes = fn n, wait ->
  case length(Node.list()) >= n do
    true ->
      :net_kernel.monitor_nodes(false)
      receive do
        {:nodeup, _} -> wait.(n, wait)
      after
        0 -> :ok
      end
    false ->
      receive do
        {:nodeup, _} -> wait.(n, wait)
      after
        10_000 -> IO.puts("timeout waiting for the cluster")
      end
  end
end
wait_nodes.(1, wait_nodes)
IO.inspect(Node.list(), label: "bar Node.list")
IO.inspect(:global.registered_names(), label: "bar registered_names")
IO.inspect(Agent.get({:global, :agent1}, fn x -> x end), label: "bar Agent.get")
IO.inspect(Agent.update({:global, :agent1}, fn x -> x + 1 end), label: "bar Agent.update")
send({:main, foo}, {:step, :agent_get, self()})
receive do
  :ok -> :ok
end
IO.inspect(node(:global.whereis_name(:agent1)) == foo, label: "bar whereis_name is on foo")
IO.puts("READY")

step = fn ->
  receive do
    {:step, step, from} -> {step, from}
  end
end

{:subscribe, from} = step.()
IO.inspect(GenServer.call({:global, :ps1}, {:subscribe, :topic1}) == {:subscribed, :topic1, self()}, label: "bar subscribed")
IO.inspect(length(GenServer.call({:global, :ps1}, {:subscribers, :topic1})), label: "bar subscribers")
send(from, :ok)

{:flush, from} = step.()
receive do
  msg -> IO.inspect(msg, label: "bar got")
after
  5000 -> IO.puts("bar got nothing")
end
send(from, :ok)

{:halt, from} = step.()
send(from, :ok)
