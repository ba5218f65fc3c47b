# The article's KV GenServer (verbatim) and Agent registered with {:global, name}:
# works on a single non-distributed node too.
defmodule KV do
use GenServer
@moduledoc """
A simple key-value server.
"""
@impl true
def init(_) do
{:ok, %{}}
end
@impl true
def handle_call({:get, key}, _, state) do
{:reply, Map.get(state, key), state}
end
@impl true
def handle_call({:set, key, value}, _, state) do
{:reply, {key, value}, Map.put(state, key, value)}
end
@impl true
def handle_call(:keys, _, state) do
{:reply, Map.keys(state), state}
end
end

IO.inspect(:global.registered_names(), label: "no global names yet")
{:ok, agent} = Agent.start(fn -> 42 end, name: {:global, :agent1})
IO.inspect(:global.registered_names(), label: "registered_names")
IO.inspect(Agent.get({:global, :agent1}, fn x -> x end), label: "Agent.get via global")
IO.inspect(Agent.update({:global, :agent1}, fn x -> x + 1 end), label: "Agent.update")
IO.inspect(Agent.get({:global, :agent1}, & &1), label: "after update")
IO.inspect(:global.whereis_name(:agent1) == agent, label: "whereis_name")
{:ok, kv} = GenServer.start(KV, nil, name: {:global, :kv1})
IO.inspect(Enum.sort(:global.registered_names()), label: "two names")
IO.inspect(GenServer.call({:global, :kv1}, {:set, :foo, 123}), label: "set via global")
IO.inspect(GenServer.call({:global, :kv1}, {:get, :foo}), label: "get via global")
IO.inspect(GenServer.call({:via, :global, :kv1}, :keys), label: "call via {:via, :global, name}")
IO.inspect(GenServer.whereis({:global, :kv1}) == kv, label: "GenServer.whereis global")
IO.inspect(:global.whereis_name(:nobody), label: "whereis_name unknown")
{:error, {:already_started, existing}} = GenServer.start(KV, nil, name: {:global, :kv1})
IO.inspect(existing == kv, label: "already_started with the existing pid")
parent = self()
spawn(fn -> send(parent, {:from_other, GenServer.call({:global, :kv1}, {:get, :foo})}) end)
receive do
  {:from_other, v} -> IO.inspect(v, label: "another process reads via global")
end
IO.inspect(:global.register_name(:me, self()), label: ":global.register_name")
IO.inspect(:global.register_name(:me, self()), label: "register same name again")
IO.inspect(:global.send(:me, :via_global_send) == self(), label: ":global.send returns pid")
receive do
  :via_global_send -> IO.puts("received via :global.send")
end
IO.inspect(:global.unregister_name(:me), label: ":global.unregister_name")
ref = Process.monitor(kv)
GenServer.stop({:global, :kv1})
receive do
  {:DOWN, ^ref, :process, _, reason} -> IO.inspect(reason, label: "kv1 stopped")
end
# The global name server drops a name when it sees its owner exit; give it a
# moment, since that happens in another process.
Process.sleep(50)
IO.inspect(:global.registered_names(), label: "name removed when process ends")
Agent.stop({:global, :agent1})
Process.sleep(50)
IO.inspect(:global.registered_names(), label: "all names gone")
