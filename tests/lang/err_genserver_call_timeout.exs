# Uncaught exit from a GenServer.call that times out (named server, so the
# message holds no pid).
defmodule Tortoise do
  use GenServer
  @impl true
  def init(x), do: {:ok, x}
  @impl true
  def handle_call(:slow, _from, s) do
    Process.sleep(1000)
    {:reply, :finally, s}
  end
end
{:ok, _} = GenServer.start(Tortoise, nil, name: :tortoise)
IO.puts("calling with a 100 ms timeout")
GenServer.call(:tortoise, :slow, 100)
IO.puts("never printed")
