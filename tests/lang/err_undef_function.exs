# Uncaught UndefinedFunctionError: the module exists, the function does not.
defmodule Present do
  def here, do: :here
end
IO.inspect(Present.here(), label: "existing function")
fun = Enum.at([:not_here], 0)
apply(Present, fun, [:arg])
IO.puts("never printed")
