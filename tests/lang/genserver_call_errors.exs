# GenServer.call failures caught with catch :exit: timeout, dead pid,
# unknown name, server stopping; pids in reasons are shown as :pid.
defmodule Slow do
  use GenServer
  @impl true
  def init(x), do: {:ok, x}
  @impl true
  def handle_call({:sleep, ms}, _from, s) do
    Process.sleep(ms)
    {:reply, :late, s}
  end
  def handle_call(:stop_me, _from, s), do: {:stop, :normal, s}
end

defmodule Hide do
  def pids(pid) when is_pid(pid), do: :pid
  def pids(t) when is_tuple(t), do: t |> Tuple.to_list() |> pids() |> List.to_tuple()
  def pids(l) when is_list(l), do: Enum.map(l, &pids/1)
  def pids(other), do: other

  def dead_pid do
    {pid, ref} = spawn_monitor(fn -> :ok end)
    receive do
      {:DOWN, ^ref, :process, ^pid, _} -> pid
    end
  end

  def call(server, msg, timeout \\ 5000) do
    try do
      {:ok, GenServer.call(server, msg, timeout)}
    catch
      :exit, reason -> {:exit, pids(reason)}
    end
  end
end

{:ok, pid} = GenServer.start(Slow, nil)
IO.inspect(Hide.call(pid, {:sleep, 200}, 50), label: "call timeout")
IO.inspect(Process.alive?(pid), label: "server still alive after caller timeout")
Process.sleep(250)
r = receive do
  m -> {:stray, Hide.pids(m)}
after
  0 -> :no_late_reply_in_mailbox
end
IO.inspect(r, label: "late reply")
IO.inspect(Hide.call(pid, {:sleep, 1}), label: "next call fine")
dead = Hide.dead_pid()
IO.inspect(Hide.call(dead, :hello), label: "call dead pid")
IO.inspect(Hide.call(:no_such_server, :hello), label: "call unknown name")
IO.inspect(Hide.call({:global, :no_such_global}, :hello), label: "call unknown global name")
IO.inspect(Hide.call({:no_such_server, node()}, :hello), label: "call unknown {name, node}")
IO.inspect(Hide.call(pid, :stop_me), label: "server stops without replying")
try do
  GenServer.call(:no_such_server, :hi)
catch
  :exit, reason ->
    IO.puts(Exception.format_exit(reason))
end
