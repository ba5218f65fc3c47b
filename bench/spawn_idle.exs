# Spawns 100,000 processes that wait in receive, then stops them and
# waits until each has answered.  Prints the times, and asks for its own
# resident size before and after spawning ("@rss LABEL" lines, answered
# by bench/benchtool; the state stays still for 300 ms after each).
# BENCH_N sets the count.
n = String.to_integer(System.get_env("BENCH_N", "100000"))
me = self()
IO.puts("@rss before")
Process.sleep(300)
t0 = :erlang.monotonic_time(:microsecond)
pids = for _ <- 1..n, do: spawn(fn -> receive do :stop -> send(me, :done) end end)
t1 = :erlang.monotonic_time(:microsecond)
IO.puts("@rss after")
Process.sleep(300)
t2 = :erlang.monotonic_time(:microsecond)
Enum.each(pids, fn p -> send(p, :stop) end)
Enum.each(pids, fn _ -> receive do :done -> :ok end end)
t3 = :erlang.monotonic_time(:microsecond)
IO.puts("spawn_idle n=#{n} spawn_us=#{t1 - t0} stop_us=#{t3 - t2} total_us=#{t1 - t0 + t3 - t2}")
