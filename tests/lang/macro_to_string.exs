t = fn q -> IO.inspect(Macro.to_string(q)) end
t.(quote do: foo.bar(1, 2, 3))
t.(quote do: (a = 1; b + a))
t.(quote do: if(a, do: b, else: c))
t.(quote do: fn x, y -> x + y end)
t.(quote do: fn -> :ok end)
t.(quote do: &(&1 + 1))
t.(quote do: &Enum.map/2)
t.(quote do: [1, 2 | t])
t.(quote do: %{"b" => 2, a: 1})
t.(quote do: %URI{path: "/"})
t.(quote do: {1, 2, 3})
t.(quote do: {1, 2})
t.(quote do: "a#{x}b")
t.(quote do: x |> f() |> g(1))
t.(quote do: -x)
t.(quote do: not x)
t.(quote do: !x)
t.(quote do: a and (b or c))
t.(quote do: (a + b) * c)
t.(quote do: a - (b - c))
t.(quote do: @foo)
t.(quote do: Foo.Bar.baz())
t.(quote do: :erlang.abs(1))
t.(quote do: x.y)
t.(quote do: f.(1))
t.(quote do
case x do
  1 -> :a
  _ -> :b
end
end)
t.(quote do: def f(x) when x > 1, do: x)
t.(quote do: [a: 1, b: 2])
t.(quote do: foo(a, b: 1))
t.(quote do: 1..10)
t.(quote do: 1..10//2)
t.(quote do: <<1, 2>>)
t.(quote do: 'abc')
t.(quote do: :"with space")
t.(quote do: x[:a])
t.(Macro.var(:x, nil))
t.(quote do: unquote(3.5) + nil)
t.({:foo, [], nil})
t.(quote do
receive do {:a, x} -> x after 100 -> :timeout end
end)
t.(quote do
try do x catch _ -> 1 end
end)
t.(quote do: for x <- [1,2], do: x * 2)
t.(quote do: with {:ok, x} <- f(), do: x)
t.(quote do
cond do a -> 1; true -> 2 end
end)
t.(quote do
foo do :x end
end)
t.(quote do: a in [1, 2])
t.(quote do: a = b = 1)
t.(quote do: (fn x -> x end).(1))
t.(quote do: ^x = 1)
t.(quote do
defmodule M do def a, do: 1 end
end)
t.(quote do: %{m | a: 1})
t.(quote do: __MODULE__)
t.(quote do: "a\nb")
t.(quote do: 1 + 2 + 3)
t.(quote do: 2 ** 3 ** 4)
t.(quote do: a <> b <> c)
t.(quote do: a ++ b ++ c)
t.(quote do: a == b)
t.(quote do: f(fn x -> x end))
t.(quote do: {:ok, [a: 1]})
