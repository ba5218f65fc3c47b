b = 1
a = 2
IO.inspect binding()
defmodule B do
  def f(x, y) do
    z = x + y
    g = fn w -> {w, binding()} end
    {Keyword.delete(binding(), :g), g.(9)}
  end
  defmacro m do
    quote do
      q = 5
      binding()
    end
  end
  def h do
    k = 1
    m()
  end
end
IO.inspect B.f(1, 2)
IO.inspect B.h()
IO.inspect Code.eval_string("x = 1; binding()", [y: 2])
case {1, 2} do
  {p, q} -> IO.inspect binding()
end
IO.inspect binding()
