# value.field without parentheses: map fields, module calls, KeyError otherwise
x = 1; try do x.y rescue e -> IO.inspect(e) end
x = {1}; try do x.y rescue e -> IO.inspect(e) end
x = :lists; IO.inspect(x.reverse([1,2]))
x = %{a: 1}; try do x.y rescue e -> IO.inspect(e) end
x = "s"; try do x.y rescue e -> IO.inspect(e) end
x = :nomod; try do x.y rescue e -> IO.inspect(e) end
x = :erlang; IO.inspect(is_pid(x.self))
x = %{a: %{b: 2}}; IO.inspect(x.a.b)
defmodule DotTail do
  def f(m), do: m.k
end
IO.inspect(DotTail.f(%{k: :v}))
