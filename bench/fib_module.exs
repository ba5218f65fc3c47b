# fib(27) defined in a module: one untimed call, then one timed call.
# Prints "fib_module n=27 result=196418 us=MICROSECONDS".
# BENCH_N sets the argument (bench/run.sh --quick uses a small one).
defmodule Fib do
  def fib(0), do: 0
  def fib(1), do: 1
  def fib(n), do: fib(n - 1) + fib(n - 2)
end

n = String.to_integer(System.get_env("BENCH_N", "27"))
Fib.fib(n)
t0 = :erlang.monotonic_time(:microsecond)
r = Fib.fib(n)
t1 = :erlang.monotonic_time(:microsecond)
IO.puts("fib_module n=#{n} result=#{r} us=#{t1 - t0}")
