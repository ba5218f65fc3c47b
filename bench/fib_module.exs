# fib(27) defined in a module: prints the milliseconds it took.
defmodule Fib do
  def fib(0), do: 0
  def fib(1), do: 1
  def fib(n), do: fib(n - 1) + fib(n - 2)
end
t0 = :erlang.monotonic_time(:millisecond)
r = Fib.fib(27)
t1 = :erlang.monotonic_time(:millisecond)
IO.puts("fib_module result=#{r} ms=#{t1 - t0}")
