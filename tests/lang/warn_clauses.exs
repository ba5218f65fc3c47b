# Clauses that cannot match because a previous one always matches: in
# case, in def (with the function's name), in fn; a guard or a literal
# makes a clause able to fail, so it does not count; a guard comparing
# constants always yields the same result.
defmodule WarnClauses do
  def c(x) do
    case x do
      y -> y
      1 -> 2
      _ -> 3
    end
  end

  def g(a, _b) when a > 1, do: a
  def g(a, _), do: a
  def g(1, 2), do: 3
  def g(_, _), do: 4

  def h(x) do
    k = fn
      _ -> 1
      2 -> 3
    end
    k.(x)
  end

  def p(x, x), do: :same
  def p(_, _), do: :different

  def q(x) when 1 > 2, do: x
  def q(x), do: x
end

IO.inspect(WarnClauses.c(5))
IO.inspect(WarnClauses.g(5, 6))
IO.inspect(WarnClauses.h(2))
IO.inspect(WarnClauses.p(1, 2))
IO.inspect(WarnClauses.q(3))

case :top do
  _ -> IO.puts("first")
  :top -> IO.puts("never")
end
