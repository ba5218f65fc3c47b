# Clause heads that return a literal, and + and - that return their
# result or feed a call: their fast paths and every way out of them.
defmodule Fused do
  def fib(0), do: 0
  def fib(1), do: 1
  def fib(n), do: fib(n - 1) + fib(n - 2)

  # a clause head whose return is also reached from a case
  def pick(:a), do: :first
  def pick(x) do
    case x do
      :b -> :first
      _ -> :other
    end
  end

  # chains of clause tests on one argument
  def kind(0), do: :zero
  def kind(1), do: :one
  def kind(2), do: :two
  def kind(:a), do: :atom
  def kind(_), do: :other
  def two(:x, 1), do: :x1
  def two(:x, 2), do: :x2
  def two(_, 1), do: :any1
  def two(_, _), do: :rest

  def add(a, b), do: a + b
  def sub(a, b), do: a - b
  def count_down(0, acc), do: acc
  def count_down(n, acc), do: count_down(n - 1, [n | acc])
  def twice(x), do: id(x + 1) + id(x - 1)
  def id(x), do: x
end

IO.inspect(Fused.fib(20))
IO.inspect({Fused.pick(:a), Fused.pick(:b), Fused.pick(:c)})
IO.inspect(Enum.map([0, 1, 2, 3, :a, :b, 1.0, -1], &Fused.kind/1))
IO.inspect(for a <- [:x, :y], b <- [1, 2, 3], do: Fused.two(a, b))
# small integers, then past them (bignums), floats and mixed
IO.inspect(Fused.add(1, 2))
IO.inspect(Fused.add(4_611_686_018_427_387_903, 1))
IO.inspect(Fused.sub(-4_611_686_018_427_387_904, 1))
IO.inspect(Fused.add(1.5, 2))
IO.inspect(Fused.sub(10, 0.25))
IO.inspect(Fused.count_down(5, []))
IO.inspect(Fused.twice(4_611_686_018_427_387_903))
IO.inspect(Fused.twice(2.5))
# the slow paths raise as the plain instructions do
for {f, args} <- [{:add, [1, :a]}, {:sub, ["x", 1]}, {:twice, [nil]}] do
  try do
    apply(Fused, f, args)
  rescue
    e -> IO.inspect({f, e})
  end
end
