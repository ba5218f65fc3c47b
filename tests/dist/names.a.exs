# {:global, name} wherever a name goes: a GenServer started here under a
# global name is called, cast to, sent to and stopped from b; b registers,
# re-registers and unregisters names of its own.
defmodule Stack do
  use GenServer

  @impl true
  def init(items), do: {:ok, items}

  @impl true
  def handle_call(:pop, _from, [top | rest]), do: {:reply, top, rest}

  @impl true
  def handle_cast({:push, item}, items), do: {:noreply, [item | items]}
end

Process.register(self(), :main)
{:ok, pid} = GenServer.start(Stack, [], name: {:global, :stack})
IO.inspect(:global.whereis_name(:stack) == pid, label: "a whereis_name stack")
IO.puts("READY")
receive do
  {:step, :halt, from} -> send(from, :ok)
end
