# Supervisor restart intensity: too many crashes in the period stop the
# supervisor with :shutdown; restart: :temporary children are not restarted.
defmodule Worker do
  use GenServer
  def start_link(name), do: GenServer.start_link(__MODULE__, name, name: name)
  @impl true
  def init(name), do: {:ok, name}
  @impl true
  def handle_call(:ping, _from, name), do: {:reply, {:pong, name}, name}
end

defmodule Wait do
  def down(ref) do
    receive do
      {:DOWN, ^ref, :process, _, reason} -> reason
    end
  end

  def kill_and_wait(name) do
    pid = Process.whereis(name)
    ref = Process.monitor(pid)
    Process.exit(pid, :kill)
    down(ref)
  end

  def registered(name, tries \\ 100) do
    case Process.whereis(name) do
      nil when tries > 0 -> Process.sleep(10); registered(name, tries - 1)
      other -> other
    end
  end
end

Process.flag(:trap_exit, true)
children = [
  %{id: :w1, start: {Worker, :start_link, [:w1]}},
  %{id: :tmp, start: {Worker, :start_link, [:tmp]}, restart: :temporary}
]
{:ok, sup} = Supervisor.start_link(children, strategy: :one_for_one, max_restarts: 2, max_seconds: 5)
sref = Process.monitor(sup)
IO.inspect(Wait.kill_and_wait(:tmp), label: "temporary child killed")
Process.sleep(50)
IO.inspect(Process.whereis(:tmp), label: "temporary child not restarted")
IO.inspect(Supervisor.count_children(sup).specs, label: "temporary spec removed")
IO.inspect(Wait.kill_and_wait(:w1), label: "first kill")
Wait.registered(:w1)
IO.inspect(GenServer.call(:w1, :ping), label: "restarted once")
IO.inspect(Wait.kill_and_wait(:w1), label: "second kill")
Wait.registered(:w1)
IO.inspect(GenServer.call(:w1, :ping), label: "restarted twice")
IO.inspect(Wait.kill_and_wait(:w1), label: "third kill")
IO.inspect(Wait.down(sref), label: "supervisor gave up")
receive do
  {:EXIT, ^sup, reason} -> IO.inspect(reason, label: "linked script got EXIT")
end
IO.inspect(Process.whereis(:w1), label: "worker gone")
