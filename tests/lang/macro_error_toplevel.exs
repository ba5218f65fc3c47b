defmodule M do
  defmacro twice(x), do: quote(do: unquote(x) * 2)
end
require M
IO.inspect M.twice(21)
IO.inspect quote(do: foo(x, 1 + 2))
x = 5
IO.inspect quote(do: unquote(x) + y)
