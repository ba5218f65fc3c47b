# Node A (net_ticktime 4): B's ticks alone keep an idle connection up;
# once B is stopped (SIGSTOP), A drops it within the tick time, with
# OTP's log line.
IO.inspect(:net_kernel.get_net_ticktime(), label: "tick time")
:ok = :net_kernel.monitor_nodes(true)
Process.register(self(), :main)
IO.puts("READY")
b =
  receive do
    {:nodeup, b} -> b
  end
IO.puts("B is up")
# longer than the tick time, and nothing but ticks between the nodes
receive do
after
  6000 -> :ok
end
IO.inspect(Node.list() == [b], label: "still connected after 6 s of silence")
t = System.monotonic_time(:millisecond)
send({:main, b}, :stop_now)
receive do
  {:nodedown, ^b} -> :ok
end
ms = System.monotonic_time(:millisecond) - t
# the log line is written before the node goes down, but the BEAM's
# logger prints it in its own time
Logger.flush()
IO.puts("B is down")
IO.inspect(ms >= 2000 and ms <= 7000, label: "dropped within the tick time")
