# A variable bound inside case clauses does not exist after the case:
# each binding is unused, the later read is expanded to a call, and the
# compile error follows.
defmodule WarnClauseVariable do
  def f(x) do
    case x do
      1 -> y = 1
      _ -> y = 2
    end
    y
  end
end
