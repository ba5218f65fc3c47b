# Process.send_after, Process.cancel_timer, Process.read_timer, :timer.sleep.
t0 = System.monotonic_time(:millisecond)
:timer.sleep(30)
elapsed = System.monotonic_time(:millisecond) - t0
IO.inspect(elapsed >= 30, label: ":timer.sleep waited")
IO.inspect(:timer.sleep(1), label: ":timer.sleep returns")
IO.inspect(Process.sleep(1), label: "Process.sleep returns")
ref = Process.send_after(self(), :tick, 20)
IO.inspect(is_reference(ref), label: "send_after returns ref")
r = receive do
  :tick -> :tick_arrived
after
  1000 -> :no_tick
end
IO.inspect(r, label: "timer message")
ref2 = Process.send_after(self(), :never, 500)
left = Process.cancel_timer(ref2)
IO.inspect(is_integer(left) and left > 0 and left <= 500, label: "cancel_timer returns ms left")
r = receive do
  :never -> :arrived_anyway
after
  600 -> :cancelled
end
IO.inspect(r, label: "cancelled timer")
ref3 = Process.send_after(self(), :done, 0)
Process.sleep(20)
IO.inspect(Process.cancel_timer(ref3), label: "cancel fired timer")
receive do
  :done -> IO.puts("zero-delay timer fired")
end
ref4 = Process.send_after(self(), :later, 1000)
rt = Process.read_timer(ref4)
IO.inspect(is_integer(rt) and rt <= 1000, label: "read_timer")
Process.cancel_timer(ref4)
IO.inspect(Process.read_timer(ref4), label: "read_timer after cancel")
for {msg, delay} <- [c: 60, a: 20, b: 40], do: Process.send_after(self(), msg, delay)
order = for _ <- 1..3 do
  receive do
    m -> m
  end
end
IO.inspect(order, label: "timers fire in deadline order")
parent = self()
pid = spawn(fn ->
  receive do
    :wake -> send(parent, :woken)
  end
end)
Process.send_after(pid, :wake, 10)
receive do
  :woken -> IO.puts("timer to another process")
end
{:ok, tref} = :timer.send_after(10, self(), :erlang_timer)
IO.inspect(is_tuple(tref) or is_reference(tref), label: ":timer.send_after ok")
receive do
  :erlang_timer -> IO.puts(":timer.send_after delivered")
end
ref5 = :erlang.start_timer(10, self(), :payload)
receive do
  {:timeout, ^ref5, :payload} -> IO.puts("start_timer sends {:timeout, ref, msg}")
end
Process.send_after(self(), :dead_target_ok, 10)
IO.inspect(Process.send_after(spawn(fn -> :ok end), :x, 10) |> is_reference(), label: "send_after to dead pid still a ref")
receive do
  :dead_target_ok -> IO.puts("done")
end
