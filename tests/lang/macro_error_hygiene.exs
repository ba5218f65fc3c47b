defmodule M do
  defmacro read_x, do: quote(do: x)
end
defmodule N do
  require M
  def f(x), do: {x, M.read_x()}
end
