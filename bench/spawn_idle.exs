# Spawns N processes that wait in receive, then stops them; prints the
# time and the memory each idle process costs (from the OS's RSS figures).
n = 100_000
rss = fn ->
  {:ok, text} = :ciex_bench.rss_kb()
  text
end
mem0 = :erlang.memory(:total)
t0 = :erlang.monotonic_time(:millisecond)
pids = for _ <- 1..n, do: spawn(fn -> receive do :stop -> :ok end end)
t1 = :erlang.monotonic_time(:millisecond)
mem1 = :erlang.memory(:total)
for p <- pids, do: send(p, :stop)
t2 = :erlang.monotonic_time(:millisecond)
IO.puts("spawn n=#{n} spawn_ms=#{t1 - t0} stop_ms=#{t2 - t1} bytes_per_process=#{div(mem1 - mem0, n)}")
_ = rss
