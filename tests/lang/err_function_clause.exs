# Uncaught FunctionClauseError in a module function.
defmodule Clauses do
  def only_ints(x) when is_integer(x), do: x
  def only_ints({:int, x}), do: x
end
IO.inspect(Clauses.only_ints(1), label: "ok call")
Clauses.only_ints("not an int")
IO.puts("never printed")
