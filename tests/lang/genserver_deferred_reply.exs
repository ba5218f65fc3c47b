# GenServer.reply from another process: handle_call returns {:noreply, ...}
# and a worker answers later; the server keeps serving meanwhile.
defmodule Deferred do
  use GenServer

  @impl true
  def init(_), do: {:ok, %{pending: 0}}

  @impl true
  def handle_call({:slow_square, n, delay}, from, state) do
    spawn(fn ->
      Process.sleep(delay)
      GenServer.reply(from, {:square, n * n})
    end)
    {:noreply, %{state | pending: state.pending + 1}}
  end

  def handle_call(:pending, _from, state), do: {:reply, state.pending, state}

  @impl true
  def handle_info(_msg, state), do: {:noreply, state}
end

{:ok, pid} = GenServer.start(Deferred, nil)
IO.inspect(GenServer.call(pid, {:slow_square, 7, 10}), label: "reply from a worker")
parent = self()
for {n, delay} <- [{2, 150}, {3, 50}] do
  spawn(fn -> send(parent, {:answer, n, GenServer.call(pid, {:slow_square, n, delay})}) end)
end
wait_pending = fn wait, tries ->
  n = GenServer.call(pid, :pending)
  if n < 3 and tries > 0, do: (Process.sleep(5); wait.(wait, tries - 1)), else: n
end
IO.inspect(wait_pending.(wait_pending, 200), label: "server not blocked, pending count")
first = receive do
  {:answer, n, r} -> {n, r}
end
second = receive do
  {:answer, n, r} -> {n, r}
end
IO.inspect([first, second], label: "faster worker answered first")
from_tag = {self(), make_ref()}
IO.inspect(GenServer.reply(from_tag, :unsolicited), label: "GenServer.reply returns")
receive do
  {tag, msg} when is_reference(tag) -> IO.inspect(msg, label: "reply is a {tag, msg} message")
end
