# if/unless/else, case, cond: values, nil results, nesting, one-line forms.
check = fn x ->
  if x > 0 do
    :positive
  else
    :not_positive
  end
end
IO.inspect({check.(1), check.(-1)}, label: "if/else")
IO.inspect(if(false, do: :never), label: "if without else gives nil")
IO.inspect(if(nil, do: 1, else: 2), label: "nil is falsy")
IO.inspect(if(0, do: 1, else: 2), label: "0 is truthy")
IO.inspect(if([], do: 1, else: 2), label: "[] is truthy")
IO.inspect(unless(true, do: :a, else: :b), label: "unless/else")
IO.inspect(unless(false, do: :ran), label: "unless")
nested = if true do
  if false, do: :inner_true, else: :inner_false
end
IO.inspect(nested, label: "nested if")
y = 10
if y > 5 do
  IO.puts("block if side effect")
end
classify = fn n ->
  case n do
    0 -> :zero
    1 -> :one
    n when n < 0 -> :negative
    _ -> :many
  end
end
IO.inspect(Enum.map([0, 1, -4, 99], classify), label: "case")
IO.inspect(case :x do _ -> :default end, label: "case catch-all")
IO.inspect(case {1, 2} do {a, b} -> a + b end, label: "case destructure")
grade = fn score ->
  cond do
    score >= 90 -> "A"
    score >= 80 -> "B"
    score >= 70 -> "C"
    true -> "F"
  end
end
IO.inspect(Enum.map([95, 85, 75, 10], grade), label: "cond")
IO.inspect(cond do nil -> 1; :truthy -> 2 end, label: "cond truthiness")
result = case Enum.fetch([1, 2], 5) do
  {:ok, v} -> v
  :error ->
    IO.puts("fetch failed, using default")
    :default
end
IO.inspect(result, label: "case with multi-line body")
z = if true, do: (a = 1; a + 1), else: 0
IO.inspect(z, label: "block in do:")
v = 5
v2 = case v do
  5 -> v * 2
end
IO.inspect({v, v2}, label: "case value binding")
IO.inspect(if(1 == 1, do: "eq"), label: "if with comparison")
val = cond do
  false -> :no
  true ->
    inner = 3
    inner * 3
end
IO.inspect(val, label: "cond multi-line")
