# A CPU-bound job over many processes: 32 calls of fib(27) (a module's
# function) through Task.async_stream, as many at a time as there are
# schedulers online.  One untimed round, then one timed.
# Prints "fib_parallel n=27 tasks=32 schedulers=S result=R us=MICROSECONDS".
# BENCH_N sets the argument (bench/run.sh --quick uses a small one).
defmodule ParFib do
  def fib(0), do: 0
  def fib(1), do: 1
  def fib(n), do: fib(n - 1) + fib(n - 2)

  def run(n, tasks) do
    1..tasks
    |> Task.async_stream(fn _ -> fib(n) end, ordered: false, timeout: :infinity)
    |> Enum.reduce(0, fn {:ok, v}, acc -> acc + v end)
  end
end

n = String.to_integer(System.get_env("BENCH_N", "27"))
tasks = 32
ParFib.run(n, tasks)
t0 = :erlang.monotonic_time(:microsecond)
r = ParFib.run(n, tasks)
t1 = :erlang.monotonic_time(:microsecond)
IO.puts("fib_parallel n=#{n} tasks=#{tasks} schedulers=#{System.schedulers_online()} result=#{r} us=#{t1 - t0}")
