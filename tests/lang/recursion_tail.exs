# Tail recursion to 10,000,000 iterations and a big Enum.reduce.
defmodule Tail do
  def count(0, acc), do: acc
  def count(n, acc), do: count(n - 1, acc + 1)

  def sum_to(n), do: sum_to(n, 0)
  defp sum_to(0, acc), do: acc
  defp sum_to(n, acc), do: sum_to(n - 1, acc + n)

  def loop(n, n, acc), do: acc
  def loop(i, n, acc) when rem(i, 2) == 0, do: loop(i + 1, n, acc + i)
  def loop(i, n, acc), do: loop(i + 1, n, acc)

  def mutual_even(0), do: true
  def mutual_even(n), do: mutual_odd(n - 1)
  def mutual_odd(0), do: false
  def mutual_odd(n), do: mutual_even(n - 1)

  def fib(n), do: fib(n, 0, 1)
  defp fib(0, a, _b), do: a
  defp fib(n, a, b), do: fib(n - 1, b, a + b)

  def reverse(list), do: reverse(list, [])
  defp reverse([], acc), do: acc
  defp reverse([h | t], acc), do: reverse(t, [h | acc])
end

IO.inspect(Tail.count(10_000_000, 0), label: "count to 10_000_000")
IO.inspect(Tail.sum_to(10_000_000), label: "sum 1..10_000_000 by tail recursion")
IO.inspect(Tail.loop(0, 1_000_000, 0), label: "sum of evens below 1_000_000")
IO.inspect(Tail.mutual_even(1_000_001), label: "mutual recursion")
IO.inspect(Tail.fib(300), label: "fib(300) with bignums")
IO.inspect(Tail.reverse(Enum.to_list(1..1_000_000)) |> hd(), label: "reverse 1_000_000")
IO.inspect(Enum.reduce(1..1_000_000, 0, fn x, acc -> acc + x end), label: "Enum.reduce over 1..1_000_000")
IO.inspect(Enum.reduce(1..1_000_000, 0, &max/2), label: "reduce with &max/2")
IO.inspect(Enum.sum(1..10_000_000), label: "Enum.sum of range")
loop = fn
  0, acc, _f -> acc
  n, acc, f -> f.(n - 1, acc + 2, f)
end
IO.inspect(loop.(1_000_000, 0, loop), label: "anonymous fn tail loop")
