# A timeout never ends early: sleeping, receive ... after, send_after and
# start_timer all wait at least the milliseconds asked for, measured on the
# monotonic clock in microseconds (a deadline of whole milliseconds that
# starts mid-millisecond must round up).
# start the timer late in a millisecond, where a deadline rounded down is
# almost a millisecond early
late_in_a_millisecond = fn us ->
  Stream.repeatedly(fn -> System.monotonic_time(:microsecond) end)
  |> Enum.find(&(Integer.mod(&1, 1000) >= us))
end
# a busy process keeps the scheduler looking at its timers between events
spin = fn spin -> spin.(spin) end
busy = spawn(fn -> spin.(spin) end)
measure = fn f ->
  for ms <- [1, 2, 3, 1, 2, 5], late <- [500, 700, 900, 950] do
    t0 = late_in_a_millisecond.(late)
    f.(ms)
    {ms, System.monotonic_time(:microsecond) - t0}
  end
end
check = fn name, runs ->
  early = for {ms, us} <- runs, us < ms * 1000, do: {ms, us}
  IO.inspect {name, length(runs), early}
end
check.(:sleep, measure.(fn ms -> :timer.sleep(ms) end))
check.(:process_sleep, measure.(fn ms -> Process.sleep(ms) end))
check.(:receive_after, measure.(fn ms -> receive do :never -> :ok after ms -> :ok end end))
check.(:send_after, measure.(fn ms -> Process.send_after(self(), :tick, ms); receive do :tick -> :ok end end))
check.(:erlang_send_after, measure.(fn ms -> :erlang.send_after(ms, self(), :tock); receive do :tock -> :ok end end))
check.(:start_timer, measure.(fn ms -> r = :erlang.start_timer(ms, self(), :t); receive do {:timeout, ^r, :t} -> :ok end end))
Process.exit(busy, :kill)
# a timer read or cancelled at once has no more than its whole time left
r = Process.send_after(self(), :late, 1000)
left = Process.read_timer(r)
IO.inspect {:read_timer, left <= 1000 and left >= 990}
left = Process.cancel_timer(r)
IO.inspect {:cancel_timer, left <= 1000 and left >= 990}
# zero waits nothing
t0 = System.monotonic_time(:microsecond)
receive do :never -> :ok after 0 -> :ok end
Process.send_after(self(), :now, 0)
receive do :now -> :ok end
IO.inspect {:zero, System.monotonic_time(:microsecond) - t0 < 1000}
