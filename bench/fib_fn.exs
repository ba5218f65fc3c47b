# The same fib as an anonymous fn, as typed at a shell prompt.
fib = fn
  _f, 0 -> 0
  _f, 1 -> 1
  f, n -> f.(f, n - 1) + f.(f, n - 2)
end
t0 = :erlang.monotonic_time(:millisecond)
r = fib.(fib, 27)
t1 = :erlang.monotonic_time(:millisecond)
IO.puts("fib_fn result=#{r} ms=#{t1 - t0}")
