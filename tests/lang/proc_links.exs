# Links: exit propagation, trap_exit turning signals into {:EXIT, pid, reason},
# :normal exits ignored by linked processes.
defmodule Links do
  def await_exit(pid) do
    receive do
      {:EXIT, ^pid, reason} -> reason
    after
      200 -> :no_exit_message
    end
  end

  def await_down(ref) do
    receive do
      {:DOWN, ^ref, :process, _, reason} -> reason
    end
  end

  def idle, do: receive(do: (:go -> :ok))
end

# Without trapping: a linked process dying abnormally takes its partner down.
{watcher, wref} = spawn_monitor(fn ->
  spawn_link(fn -> exit(:partner_failed) end)
  Process.sleep(1000)
  exit(:not_reached)
end)
IO.inspect(Links.await_down(wref), label: "linked partner died, so did we")
IO.inspect(Process.alive?(watcher), label: "watcher alive")

# Without trapping: a normal exit of the partner is ignored.
{w2, wref2} = spawn_monitor(fn ->
  spawn_link(fn -> :ok end)
  Process.sleep(50)
  exit(:survived_normal_partner_exit)
end)
IO.inspect(Links.await_down(wref2), label: "normal exit ignored")
IO.inspect(is_pid(w2), label: "w2 pid")

# Trapping exits in the script process.
IO.inspect(Process.flag(:trap_exit, true), label: "trap_exit previous value")
p1 = spawn_link(fn -> exit(:boom) end)
IO.inspect(Links.await_exit(p1), label: "trapped abnormal exit")
p2 = spawn_link(fn -> :ok end)
IO.inspect(Links.await_exit(p2), label: "trapped normal exit")
p3 = spawn_link(&Links.idle/0)
Process.exit(p3, :kill)
IO.inspect(Links.await_exit(p3), label: "trapped kill")
p4 = spawn(&Links.idle/0)
IO.inspect(Process.link(p4), label: "Process.link")
Process.exit(p4, :shutdown)
IO.inspect(Links.await_exit(p4), label: "shutdown via exit signal")
p5 = spawn(&Links.idle/0)
Process.link(p5)
IO.inspect(Process.unlink(p5), label: "Process.unlink")
send(p5, :go)
IO.inspect(Links.await_exit(p5), label: "no EXIT after unlink")
{dead, dref} = spawn_monitor(fn -> :ok end)
Links.await_down(dref)
Process.link(dead)
IO.inspect(Links.await_exit(dead), label: "link to dead pid while trapping")
parent = self()
p7 = spawn(fn ->
  Process.flag(:trap_exit, true)
  send(parent, :trapping)
  receive do
    {:EXIT, from, reason} -> send(parent, {:child_saw, from == parent, reason})
  end
end)
receive do
  :trapping -> :ok
end
Process.exit(p7, :please_stop)
receive do
  {:child_saw, from_parent, reason} ->
    IO.inspect({from_parent, reason}, label: "Process.exit to trapping process")
end
p8 = spawn(fn -> Process.flag(:trap_exit, true); send(parent, :p8_ready); Process.sleep(5000) end)
receive do
  :p8_ready -> :ok
end
ref8 = Process.monitor(p8)
Process.exit(p8, :kill)
IO.inspect(Links.await_down(ref8), label: ":kill cannot be trapped")
IO.inspect(Process.flag(:trap_exit, false), label: "trap_exit was")
