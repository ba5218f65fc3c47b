# default arguments: trailing, in the middle, several, and in a bodiless head
defmodule Mid do
  def f(a, b \\ 1, c), do: {a, b, c}
  def g(a \\ :x, b, c \\ :z, d), do: {a, b, c, d}
  def h(a, b \\ 2, c \\ 3), do: [a, b, c]

  def k(x, opts \\ [])
  def k(x, []), do: {x, :none}
  def k(x, opts), do: {x, opts}
end

IO.inspect(Mid.f(:a, :c))
IO.inspect(Mid.f(:a, 2, :c))
IO.inspect(Mid.g(:b, :d))
IO.inspect(Mid.g(:a, :b, :d))
IO.inspect(Mid.g(1, 2, 3, 4))
IO.inspect(Mid.h(1))
IO.inspect(Mid.h(1, 5))
IO.inspect(Mid.h(1, 5, 6))
IO.inspect(Mid.k(1))
IO.inspect(Mid.k(1, a: 2))
IO.inspect(Mid.__info__(:functions))
