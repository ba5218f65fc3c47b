# binding/0,1: the variables visible where it is called, sorted by name,
# at the top level of a script, in functions, closures and clauses;
# underscored variables are bound too.
y = 2
x = 1
IO.inspect(binding())
_u = 5
IO.inspect(binding())
z = fn a -> b = a; binding() end
IO.inspect(z.(3))
x = 10
IO.inspect(binding() |> Keyword.delete(:z))
IO.inspect(binding(nil) |> Keyword.keys())
IO.inspect(binding(:other_context))
case 1 do w -> IO.inspect(Keyword.delete(binding(), :z)) end
IO.inspect(for q <- [1, 2], do: Keyword.take(binding(), [:q, :x]))
IO.inspect(try do raise "boom" rescue e -> Keyword.take(binding(), [:e, :x]) end)
send(self(), {:msg, 7})
IO.inspect(receive do {:msg, m} -> Keyword.take(binding(), [:m]) end)

defmodule M do
  def f(a, _b), do: (c = 1; binding())
  def g({_p, q}), do: binding()
  def h, do: binding()
end
IO.inspect(M.f(1, 2))
IO.inspect(M.g({1, 2}))
IO.inspect(M.h())

IO.inspect(Code.eval_string("k = 1; binding()", j: 2))
