defmodule M do
  defmacro m, do: quote(do: var!(q2, M))
end
defmodule N do
  require M
  def h, do: M.m()
end
