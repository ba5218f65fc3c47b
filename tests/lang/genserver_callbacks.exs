# GenServer callbacks: init with {:continue, ...}, handle_call/cast/info,
# handle_continue, terminate on {:stop, ...}, and the order they run in.
defmodule Counter do
  use GenServer

  def start(report_to), do: GenServer.start(__MODULE__, report_to)

  @impl true
  def init(report_to) do
    send(report_to, {:trace, :init})
    {:ok, %{count: 0, report: report_to}, {:continue, :warm_up}}
  end

  @impl true
  def handle_continue(:warm_up, state) do
    send(state.report, {:trace, :continue})
    {:noreply, %{state | count: 100}}
  end

  def handle_continue(:after_cast, state) do
    send(state.report, {:trace, {:continue_after_cast, state.count}})
    {:noreply, state}
  end

  @impl true
  def handle_call(:get, _from, state), do: {:reply, state.count, state}
  def handle_call({:add, n}, _from, state), do: {:reply, :added, %{state | count: state.count + n}}
  def handle_call(:get_then_continue, _from, state), do: {:reply, state.count, state, {:continue, :after_cast}}
  def handle_call(:stop_with_reply, _from, state), do: {:stop, :normal, :bye, state}
  def handle_call(:noreply_then_reply, from, state) do
    GenServer.reply(from, :replied_early)
    {:noreply, state}
  end

  @impl true
  def handle_cast({:add, n}, state), do: {:noreply, %{state | count: state.count + n}}
  def handle_cast(:continue_please, state), do: {:noreply, state, {:continue, :after_cast}}
  def handle_cast(:stop, state), do: {:stop, {:shutdown, :cast_stop}, state}

  @impl true
  def handle_info({:ping, from}, state) do
    send(from, {:pong, state.count})
    {:noreply, state}
  end

  @impl true
  def terminate(reason, state) do
    send(state.report, {:trace, {:terminate, reason, state.count}})
  end
end

defmodule Trace do
  def take do
    receive do
      {:trace, t} -> t
    after
      1000 -> :no_trace
    end
  end

  # Waiting for :DOWN lives in a function: OTP 25's compiler crashes on
  # monitor/receive pairs in long top-level scripts.
  def down(ref, pid) do
    receive do
      {:DOWN, ^ref, :process, ^pid, reason} -> reason
    end
  end
end

{:ok, pid} = Counter.start(self())
IO.inspect(Trace.take(), label: "first")
IO.inspect(Trace.take(), label: "then")
IO.inspect(GenServer.call(pid, :get), label: "state after continue")
IO.inspect(GenServer.cast(pid, {:add, 5}), label: "cast returns")
IO.inspect(GenServer.call(pid, :get), label: "after cast")
IO.inspect(GenServer.call(pid, {:add, 10}), label: "call add")
send(pid, {:ping, self()})
receive do
  {:pong, n} -> IO.inspect(n, label: "handle_info pong")
end
GenServer.cast(pid, :continue_please)
IO.inspect(Trace.take(), label: "continue after cast")
IO.inspect(GenServer.call(pid, :get_then_continue), label: "reply with continue")
IO.inspect(Trace.take(), label: "continue after call")
IO.inspect(GenServer.call(pid, :noreply_then_reply), label: "GenServer.reply inside handle_call")
ref0 = Process.monitor(pid)
IO.inspect(GenServer.call(pid, :stop_with_reply), label: "{:stop, reason, reply, state}")
IO.inspect(Trace.take(), label: "terminate ran")
IO.inspect(Trace.down(ref0, pid), label: "stopped with")
{:ok, pid2} = Counter.start(self())
Trace.take()
Trace.take()
ref = Process.monitor(pid2)
GenServer.cast(pid2, :stop)
IO.inspect(Trace.take(), label: "terminate after cast stop")
IO.inspect(Trace.down(ref, pid2), label: "exit reason")
{:ok, pid3} = Counter.start(self())
Trace.take()
Trace.take()
IO.inspect(GenServer.stop(pid3, :shutdown), label: "GenServer.stop/2")
IO.inspect(Trace.take(), label: "terminate after GenServer.stop")
