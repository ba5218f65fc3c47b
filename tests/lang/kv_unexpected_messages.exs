# The article's KV GenServer (verbatim) receiving messages it has no
# callback for: a plain message is logged and ignored; a cast crashes it
# (the default handle_cast/2 raises). Named :kv, so the logs hold no pid.
# Logger output goes to standard output in Elixir 1.14; Logger.flush/0 makes
# it appear before the script's next line.
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

defmodule Wait do
  def down(ref) do
    receive do
      {:DOWN, ^ref, :process, _, reason} -> reason
    end
  end
end

{:ok, pid} = GenServer.start(KV, nil, name: :kv)
IO.inspect(GenServer.call(:kv, {:set, :foo, 123}), label: "set")
send(:kv, :hello)
value = GenServer.call(:kv, {:get, :foo})
Logger.flush()
IO.inspect(value, label: "still serving after unexpected message")
ref = Process.monitor(pid)
GenServer.cast(:kv, {:set, :bar, 1})
{exception, _stack} = Wait.down(ref)
Logger.flush()
IO.inspect(exception, label: "cast without handle_cast/2")
IO.inspect(Process.whereis(:kv), label: "gone")
