defmodule M do
  defmacro bad, do: %{}
end
defmodule N do
  require M
  def g, do: M.bad
end
