# Compile errors in evaluated code are raised, and the program goes on
sources = [
  "IO.inspect(me())",
  "foo(1, [2, {3, %{a: me()}}])",
  "fn <<a::size(b)>> -> a end",
  "for <<c <- q()>>, into: \"\", do: c",
  "for x <- [1], reduce: 0 do acc -> acc + zz() end",
  "x() |> foo",
  "&(&1 + z())",
  "~s(\#{a()})",
  "defmodule CompileErrorA do def f, do: [1, {2, %{a: x()}}] end",
  "defmodule CompileErrorB do def f(a), do: a; def g, do: fn y -> <<y, z()>> end end",
  "defmodule CompileErrorC do defmodule D do def h, do: q() end end",
  "defmodule CompileErrorE do defstruct [:a]; @x 1; def f(%CompileErrorE{a: 1}), do: @x; def g, do: w() end"
]

for source <- sources do
  try do
    Code.eval_string(source)
    IO.puts("no error")
  rescue
    e -> IO.puts(inspect(e.__struct__))
  end
end

IO.inspect(Code.eval_string("1 + 2"))
