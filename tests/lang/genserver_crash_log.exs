# A GenServer crashing inside a callback: Logger prints an error report
# ("GenServer :name terminating", the exception, last message, state).  In
# Elixir 1.14 the console backend writes to standard output, not stderr.
# The server is named, so the report holds no pid; Logger.flush/0 makes the
# report appear before the script's next line of output.
defmodule Fragile do
  use GenServer
  @impl true
  def init(state), do: {:ok, state}
  @impl true
  def handle_cast(:crash, state) do
    _ = state.count + Enum.at([nil], 0)
    {:noreply, state}
  end
  @impl true
  def handle_info(:raise, _state), do: raise(ArgumentError, "bad info")
end

defmodule Wait do
  def down(ref) do
    receive do
      {:DOWN, ^ref, :process, _, reason} -> reason
    end
  end
end

{:ok, pid} = GenServer.start(Fragile, %{count: 1}, name: :fragile)
ref = Process.monitor(pid)
GenServer.cast(:fragile, :crash)
{exception, stack} = Wait.down(ref)
Logger.flush()
IO.inspect({exception, is_list(stack)}, label: "exit reason of crashed server")
IO.inspect(Process.whereis(:fragile), label: "name released")
{:ok, pid2} = GenServer.start(Fragile, [:some, "state"], name: :fragile2)
ref2 = Process.monitor(pid2)
send(:fragile2, :raise)
{exception2, _} = Wait.down(ref2)
Logger.flush()
IO.inspect(exception2, label: "exit reason of second server")
