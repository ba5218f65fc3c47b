# GenServer start results (init returning :ignore, {:stop, _}, a bad value,
# raising), start_link exit messages seen with trap_exit, terminate/2 on a
# trapped exit from the parent, GenServer.stop reasons and their report,
# :sys.get_state/replace_state, an invalid :name option.
defmodule Boot do
  use GenServer
  @impl true
  def init(:ignore), do: :ignore
  def init(:stop), do: {:stop, :no_way}
  def init(:bad), do: :oops
  def init(:raise), do: raise("init boom")
  def init({:trap, report}) when is_atom(report) do
    Process.flag(:trap_exit, true)
    {:ok, report}
  end
  def init(state), do: {:ok, state}

  @impl true
  def handle_call(:state, _from, state), do: {:reply, state, state}
  def handle_call(:bad_reply, _from, _state), do: :whatever

  @impl true
  def terminate(reason, :script), do: send(:script, {:terminated, reason})
  def terminate(_reason, _state), do: :ok
end

defmodule Wait do
  def exit_of(pid) do
    receive do
      {:EXIT, ^pid, reason} -> reason
    after
      500 -> :no_exit
    end
  end

  def terminated do
    receive do
      {:terminated, reason} -> reason
    after
      500 -> :no_terminate
    end
  end

  def down(ref) do
    receive do
      {:DOWN, ^ref, :process, _, reason} -> reason
    end
  end
end

IO.inspect(GenServer.start(Boot, :ignore), label: "init :ignore")
IO.inspect(GenServer.start(Boot, :stop), label: "init {:stop, reason}")
IO.inspect(GenServer.start(Boot, :bad), label: "init bad return")
{:error, {exception, stack}} = GenServer.start(Boot, :raise)
IO.inspect({exception, is_list(stack)}, label: "init raises")
IO.inspect(GenServer.start(Boot, :stop, name: :boot) |> elem(0), label: "named start failing")
IO.inspect(Process.whereis(:boot), label: "name not kept")

# The script is registered, so that reports name it instead of its pid.
Process.register(self(), :script)
Process.flag(:trap_exit, true)
IO.inspect(GenServer.start_link(Boot, :stop), label: "start_link init stop")
receive do
  {:EXIT, _pid, reason} -> IO.inspect(reason, label: "EXIT from failed start_link")
end
IO.inspect(GenServer.start_link(Boot, :ignore), label: "start_link :ignore")

{:ok, s} = GenServer.start_link(Boot, %{n: 1}, name: :boot)
IO.inspect(:sys.get_state(:boot), label: ":sys.get_state")
IO.inspect(:sys.replace_state(:boot, fn st -> %{st | n: 2} end), label: ":sys.replace_state")
IO.inspect(GenServer.call(:boot, :state), label: "state after replace_state")
IO.inspect(GenServer.stop(:boot, :shutdown), label: "stop :shutdown")
IO.inspect(Wait.exit_of(s), label: "EXIT of linked server")

{:ok, t} = GenServer.start_link(Boot, {:trap, :script}, name: :trapper)
IO.inspect(GenServer.stop(:trapper, :normal), label: "stop :normal")
IO.inspect(Wait.terminated(), label: "terminate/2 got")
IO.inspect(Wait.exit_of(t), label: "EXIT reason")

{:ok, b} = GenServer.start(Boot, :state, name: :bad_reply)
ref = Process.monitor(b)
r =
  try do
    GenServer.call(:bad_reply, :bad_reply)
  catch
    :exit, reason -> reason
  end
Logger.flush()
IO.inspect(r, label: "call to a server returning garbage")
IO.inspect(Wait.down(ref), label: "its exit reason")

parent = self()
owner = spawn(fn ->
  {:ok, pid} = GenServer.start_link(Boot, {:trap, :script}, name: :child)
  send(parent, {:child, pid})
  receive do
    :go -> exit(:shutdown)
  end
end)
child = receive do
  {:child, pid} -> pid
end
ref = Process.monitor(child)
send(owner, :go)
IO.inspect(Wait.terminated(), label: "terminate on the parent's exit")
IO.inspect(Wait.down(ref), label: "server exited with")

try do
  GenServer.start(Boot, :x, name: "not an atom")
rescue
  e in ArgumentError -> IO.puts(Exception.message(e))
end
try do
  GenServer.stop(:nobody_here)
catch
  :exit, reason -> IO.inspect(reason, label: "stop unknown name")
end
