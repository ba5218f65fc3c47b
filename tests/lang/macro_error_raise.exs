defmodule M do
  defmacro boom(x) do
    if x == 1, do: raise(ArgumentError, "boom in a macro"), else: x
  end
end
defmodule N do
  require M
  def ok, do: M.boom(2)
  def bad, do: M.boom(1)
end
