# 1,000,000 processes waiting in receive (the BEAM needs +P above its
# default limit of 262,144: bench/run.sh passes --erl "+P 2000000").
# The peak resident size comes from bench/benchtool ("@rss peak").
# BENCH_N sets the count.
n = String.to_integer(System.get_env("BENCH_N", "1000000"))
t0 = :erlang.monotonic_time(:microsecond)
pids = for _ <- 1..n, do: spawn(fn -> receive do :stop -> :ok end end)
t1 = :erlang.monotonic_time(:microsecond)
IO.puts("@rss peak")
Process.sleep(300)
IO.puts("million n=#{n} spawn_us=#{t1 - t0} alive=#{length(pids)}")
