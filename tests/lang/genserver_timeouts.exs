# GenServer timeouts: init/reply/noreply timeouts deliver :timeout to
# handle_info; a new message cancels the pending timeout.
defmodule Sleepy do
  use GenServer

  @impl true
  def init(report), do: {:ok, report, 30}

  @impl true
  def handle_info(:timeout, report) do
    send(report, :timeout_fired)
    {:noreply, report}
  end

  def handle_info(:poke, report) do
    send(report, :poked)
    {:noreply, report, 30}
  end

  @impl true
  def handle_call(:arm, _from, report), do: {:reply, :armed, report, 30}
  def handle_call(:arm_then_cancel, _from, report), do: {:reply, :armed_long, report, 200}
  def handle_call(:plain, _from, report), do: {:reply, :plain, report}
  def handle_call({:sleep, ms}, _from, report) do
    Process.sleep(ms)
    {:reply, :slept, report}
  end
  def handle_call(:hibernate, _from, report), do: {:reply, :hibernating, report, :hibernate}

  @impl true
  def handle_cast(:arm, report), do: {:noreply, report, 30}
end

defmodule Next do
  def msg do
    receive do
      m -> m
    after
      500 -> :nothing
    end
  end

  def quiet(ms) do
    receive do
      m -> {:unexpected, m}
    after
      ms -> :quiet
    end
  end
end

{:ok, pid} = GenServer.start(Sleepy, self())
IO.inspect(Next.msg(), label: "timeout from init")
IO.inspect(Next.quiet(80), label: "fires once")
IO.inspect(GenServer.call(pid, :arm), label: "reply with timeout")
IO.inspect(Next.msg(), label: "timeout after reply")
GenServer.cast(pid, :arm)
IO.inspect(Next.msg(), label: "timeout after noreply")
send(pid, :poke)
IO.inspect(Next.msg(), label: "info handled")
IO.inspect(Next.msg(), label: "timeout after info")
IO.inspect(GenServer.call(pid, :arm_then_cancel), label: "long timeout armed")
IO.inspect(GenServer.call(pid, :plain), label: "any message cancels it")
IO.inspect(Next.quiet(300), label: "no timeout after cancel")
IO.inspect(GenServer.call(pid, :hibernate), label: "hibernate reply")
IO.inspect(GenServer.call(pid, :plain), label: "works after hibernate")
IO.inspect(GenServer.call(pid, {:sleep, 10}, 1000), label: "call with explicit timeout")
IO.inspect(GenServer.call(pid, {:sleep, 10}, :infinity), label: "call with :infinity")
IO.inspect(Next.quiet(50), label: "mailbox clean")
