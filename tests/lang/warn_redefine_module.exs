# Redefining a module in a script: the new definition wins and elixir
# prints a warning to stderr; exit status is 0.
defmodule Again do
  def version, do: 1
end
IO.inspect(Again.version(), label: "first definition")
defmodule Again do
  def version, do: 2
end
IO.inspect(Again.version(), label: "second definition")
