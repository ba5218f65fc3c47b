# Process.monitor: :DOWN with normal/abnormal reasons, :noproc, demonitor.
# (The :DOWN waits go through a helper: OTP 25's compiler crashes on long
# top-level scripts with many monitor/receive pairs.)
defmodule Await do
  def down(ref, pid) do
    receive do
      {:DOWN, ^ref, :process, ^pid, reason} -> reason
    end
  end

  def idle, do: spawn(fn -> receive do :go -> :ok end end)

  # Wait until the mailbox holds n messages (at most about a second).
  def queued(n, tries \\ 100) do
    case Process.info(self(), :message_queue_len) do
      {:message_queue_len, ^n} -> n
      {:message_queue_len, other} when tries == 0 -> other
      _ -> Process.sleep(10); queued(n, tries - 1)
    end
  end
end

parent = self()
pid = Await.idle()
ref = Process.monitor(pid)
IO.inspect(is_reference(ref), label: "monitor returns ref")
send(pid, :go)
IO.inspect(Await.down(ref, pid), label: "normal exit reason")
pid2 = spawn(fn -> receive do :go -> exit(:custom_reason) end end)
ref2 = Process.monitor(pid2)
send(pid2, :go)
IO.inspect(Await.down(ref2, pid2), label: "exit reason")
pid3 = spawn(fn -> receive do :go -> exit({:shutdown, :details}) end end)
ref3 = Process.monitor(pid3)
send(pid3, :go)
IO.inspect(Await.down(ref3, pid3), label: "shutdown tuple")
pid4 = Await.idle()
ref4 = Process.monitor(pid4)
Process.exit(pid4, :kill)
IO.inspect(Await.down(ref4, pid4), label: "killed")
pid5 = Await.idle()
ref5 = Process.monitor(pid5)
Process.exit(pid5, :some_signal)
IO.inspect(Await.down(ref5, pid5), label: "exit signal reason")
ref6 = Process.monitor(pid)
IO.inspect(Await.down(ref6, pid), label: "monitor dead pid")
pid7 = Await.idle()
ref7 = Process.monitor(pid7)
IO.inspect(Process.demonitor(ref7), label: "demonitor")
send(pid7, :go)
r = receive do
  {:DOWN, _, _, _, _} -> :got_down
after
  50 -> :no_down_after_demonitor
end
IO.inspect(r, label: "after demonitor")
pid8 = spawn(fn -> :ok end)
ref8 = Process.monitor(pid8)
IO.inspect(Await.queued(1), label: "DOWN queued")
IO.inspect(Process.demonitor(ref8, [:flush]), label: "demonitor flush")
IO.inspect(Process.info(self(), :message_queue_len), label: "flush removed queued DOWN")
IO.inspect(Process.demonitor(ref8, [:info]), label: "demonitor info on gone monitor")
pid9 = Await.idle()
refs = for _ <- 1..3, do: Process.monitor(pid9)
send(pid9, :go)
IO.inspect(Enum.map(refs, &Await.down(&1, pid9)), label: "three monitors, three DOWNs")
{pid10, ref10} = spawn_monitor(fn -> exit({:error, :failed}) end)
IO.inspect(Await.down(ref10, pid10), label: "spawn_monitor exit reason")
IO.inspect(parent == self(), label: "parent unaffected")
