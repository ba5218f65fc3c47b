# Node A: an :echo GenServer (slow to answer :slow) for B's multi_call
# and abcast; B's :rpc and :erpc requests run here.
defmodule Echo do
  use GenServer
  def init(state), do: {:ok, state}
  def handle_call(:who, _from, state), do: {:reply, {node(), state}, state}

  def handle_call(:slow, _from, :a) do
    receive do
    after
      300 -> :ok
    end
    {:reply, :late, :a}
  end

  def handle_call(:slow, _from, state), do: {:reply, :fast, state}

  def handle_cast({:note, from}, state) do
    send(from, {:noted, node()})
    {:noreply, state}
  end
end

Process.register(self(), :main)
{:ok, _} = GenServer.start(Echo, :a, name: :echo)
IO.puts("READY")
receive do
  {:done, from} -> send(from, :ok)
end
