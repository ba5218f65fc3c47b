# Node A: the article's KV GenServer, registered locally as :kv1.
defmodule KV do
  use GenServer
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
end
{:ok, _} = GenServer.start(KV, nil, name: :kv1)
Process.register(self(), :main)
IO.puts("READY")
receive do
  {:done, from} -> send(from, {:final, GenServer.call(:kv1, {:get, :foo})})
end
