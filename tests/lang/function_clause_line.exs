# A FunctionClauseError's stack entry points at the function's first
# clause, with the arguments; an anonymous fn's at the fn.
defmodule F do
  def f(1, x) when is_atom(x), do: :a

  def f(%{a: 1}, _), do: :b
  def f(:c, _), do: :c
end

try do
  F.f(2, :x)
rescue
  FunctionClauseError -> IO.inspect(hd(__STACKTRACE__))
end

defmodule G do
  def g do
    f = fn
      1 -> :a
      2 -> :b
    end

    run(f, 3)
  end

  def run(f, x), do: f.(x)
end

try do
  G.g()
rescue
  FunctionClauseError -> IO.inspect(hd(__STACKTRACE__))
end
