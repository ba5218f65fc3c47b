# The article's KV GenServer, verbatim, started with GenServer.start and
# driven with call from the script and from several client processes.
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

{:ok, pid} = GenServer.start(KV, nil)
IO.inspect(is_pid(pid), label: "start returns {:ok, pid}")
IO.inspect(GenServer.call(pid, {:set, :foo, 123}), label: "set")
IO.inspect(GenServer.call(pid, {:get, :foo}), label: "get")
IO.inspect(GenServer.call(pid, {:get, :missing}), label: "get missing")
IO.inspect(GenServer.call(pid, {:set, "str key", [1, 2]}), label: "set string key")
IO.inspect(GenServer.call(pid, :keys), label: "keys")
IO.inspect(GenServer.call(pid, {:set, :foo, 456}), label: "overwrite")
IO.inspect(GenServer.call(pid, {:get, :foo}), label: "get after overwrite")
parent = self()
clients = for i <- 1..5 do
  spawn(fn ->
    GenServer.call(pid, {:set, i, i * 100})
    send(parent, {:client_done, i, GenServer.call(pid, {:get, i})})
  end)
end
IO.inspect(length(clients), label: "clients")
results = for _ <- 1..5 do
  receive do
    {:client_done, i, v} -> {i, v}
  end
end
IO.inspect(Enum.sort(results), label: "each client read its own write")
IO.inspect(GenServer.call(pid, :keys), label: "keys after clients")
{:ok, named} = GenServer.start(KV, nil, name: :kv)
IO.inspect(Process.whereis(:kv) == named, label: "registered locally")
IO.inspect(GenServer.call(:kv, {:set, :a, 1}), label: "call by name")
IO.inspect(GenServer.call({:kv, node()}, {:get, :a}), label: "call by {name, node}")
IO.inspect(GenServer.whereis(:kv) == named, label: "GenServer.whereis")
IO.inspect(GenServer.stop(named), label: "GenServer.stop")
IO.inspect(Process.whereis(:kv), label: "name gone after stop")
IO.inspect(Process.alive?(pid), label: "first server still alive")
{:ok, linked} = GenServer.start_link(KV, :ignored_arg)
IO.inspect(GenServer.call(linked, :keys), label: "start_link")
IO.inspect(GenServer.start(KV, nil, name: :kv2) |> elem(0), label: "start named")
{:error, {:already_started, other}} = GenServer.start(KV, nil, name: :kv2)
IO.inspect(other == Process.whereis(:kv2), label: "already_started")
