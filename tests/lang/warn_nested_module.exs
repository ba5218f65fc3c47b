# A module defined inside another: Elixir expands each def when the body
# reaches it and compiles the nested module there, so the warnings come
# in body order (the body's own unused variables first).
defmodule WarnOuter do
  def f(a), do: 1

  defmodule Inner do
    def g(b), do: 2
  end

  x = 1
  def k(c), do: 3
end

IO.inspect(WarnOuter.f(0) + WarnOuter.Inner.g(0) + WarnOuter.k(0))
