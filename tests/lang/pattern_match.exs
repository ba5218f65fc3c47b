# Pattern matching: =, nested structures, _, rebinding, function heads, case, fn.
x = 1
IO.inspect(x, label: "bind")
x = 2
IO.inspect(x, label: "rebind")
{a, b, c} = {1, :two, "three"}
IO.inspect({a, b, c}, label: "tuple")
[first, second | rest] = [1, 2, 3, 4]
IO.inspect({first, second, rest}, label: "list head/tail")
%{user: %{name: name}} = %{user: %{name: "ann", age: 3}, extra: true}
IO.inspect(name, label: "nested map")
{:ok, [_, {_, deep}]} = {:ok, [:ignored, {:x, :deep}]}
IO.inspect(deep, label: "deep nested")
{same, same} = {5, 5}
IO.inspect(same, label: "repeated variable must be equal")
[h | _] = 'abc'
IO.inspect(h, label: "charlist head")
{_, _} = {:any, :thing}
_ignored = 42
IO.inspect(1 = 1, label: "literal match returns value")
r = {:ok, v} = {:ok, 10}
IO.inspect({r, v}, label: "chained match")
{:ok, w} = r
IO.inspect(w, label: "match against previous result")
[{k, val}] = [key: :value]
IO.inspect({k, val}, label: "keyword tuple")
<<"ab", tail::binary>> = "abcd"
IO.inspect(tail, label: "binary")
[a1, a1 | _] = [7, 7, 8]
IO.inspect(a1, label: "repeated in list")
f = fn
  {:add, p, q} -> p + q
  {:neg, p} -> -p
  [] -> :empty
  [_ | _] = l -> {:list, length(l)}
  %{} = m when map_size(m) == 0 -> :empty_map
  _other -> :other
end
IO.inspect(Enum.map([{:add, 1, 2}, {:neg, 3}, [], [1, 2], %{}, :x], f), label: "fn clauses")
defmodule Shapes do
  def area({:square, s}), do: s * s
  def area({:rect, w, h}), do: w * h
  def area({:circle, _r}), do: :not_integer
  def first([x | _]), do: x
  def first([]), do: nil
end
IO.inspect(Enum.map([{:square, 3}, {:rect, 2, 5}, {:circle, 1}], &Shapes.area/1), label: "def heads")
IO.inspect({Shapes.first([9, 8]), Shapes.first([])}, label: "list heads")
res = case {1, [2, 3]} do
  {1, [2]} -> :short
  {1, [2, y]} -> {:matched, y}
  _ -> :none
end
IO.inspect(res, label: "case")
try do
  {:ok, _} = {:error, :nope}
rescue
  e in MatchError -> IO.inspect(e, label: "MatchError")
end
try do
  [_, _] = [1, 2, 3]
rescue
  e -> IO.inspect(Exception.message(e), label: "MatchError message")
end
matched = match?({:ok, _}, {:ok, 1})
IO.inspect(matched, label: "match?")
IO.inspect(match?([_ | _], []), label: "match? empty list")
