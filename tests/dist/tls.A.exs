# Node A, over TLS distribution: the article's first steps (an Agent
# registered as :agent1, a KV GenServer as :kv1) and an echo, until B is done.
defmodule KV do
  use GenServer
  @impl true
  def init(_), do: {:ok, %{}}
  @impl true
  def handle_call({:get, key}, _, state), do: {:reply, Map.get(state, key), state}
  def handle_call({:set, key, value}, _, state), do: {:reply, {key, value}, Map.put(state, key, value)}
end
{:ok, _} = Agent.start(fn -> [] end, name: :agent1)
{:ok, _} = GenServer.start(KV, nil, name: :kv1)
Process.register(self(), :main)
IO.puts("READY")
receive do
  {:done, from} ->
    IO.puts("A sees #{inspect(Node.list())}")
    send(from, {:final, Agent.get(:agent1, & &1), GenServer.call(:kv1, {:get, :foo})})
end
