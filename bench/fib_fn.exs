# The same fib as an anonymous fn, as typed at a shell prompt: run with
# `ciex -e "$(sed 1d bench/fib_fn.exs)"` and `elixir -e "..."`, where the
# BEAM evaluates it with :erl_eval.  Prints "fib_fn n=27 result=196418 us=...".
n = String.to_integer(System.get_env("BENCH_N", "27")); fib = fn _f, 0 -> 0; _f, 1 -> 1; f, k -> f.(f, k - 1) + f.(f, k - 2) end; t0 = :erlang.monotonic_time(:microsecond); r = fib.(fib, n); t1 = :erlang.monotonic_time(:microsecond); IO.puts("fib_fn n=#{n} result=#{r} us=#{t1 - t0}")
