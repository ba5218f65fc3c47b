# The checks of Keyword, Access and List that raise on bad input, with
# Elixir's messages.
report = fn f ->
  try do
    IO.inspect(f.())
  rescue
    e -> IO.puts("** (#{inspect(e.__struct__)}) #{Exception.message(e)}")
  end
end

report.(fn -> Keyword.keys([a: 1, b: 2]) end)
report.(fn -> Keyword.keys([{:a, 1}, {"b", 2}, {:c, 3}]) end)
report.(fn -> Keyword.keys([{:a, 1}, :b]) end)
report.(fn -> Keyword.values([{:a, 1}, {"b", 2}]) end)
report.(fn -> Keyword.merge([a: 1], [2, 3]) end)
report.(fn -> Keyword.merge([1, 2], [a: 3]) end)
report.(fn -> Keyword.merge([1, 2], []) end)
report.(fn -> Keyword.merge([], [1]) end)
report.(fn -> Keyword.merge([a: 1], [{"a", 3}]) end)
report.(fn -> Keyword.merge([a: 1, b: 2], [a: 3, d: 4]) end)
report.(fn -> Keyword.merge([a: 1], [:a, :b], fn _, a, b -> a + b end) end)
report.(fn -> Keyword.merge([:a], [a: 1], fn _, a, b -> a + b end) end)
report.(fn -> Keyword.merge([1], [2], fn _, a, b -> a + b end) end)
report.(fn -> Keyword.merge([a: 1, a: 2, b: 3], [a: 5, a: 7], fn _, a, b -> a + b end) end)
report.(fn -> Keyword.pop_lazy([a: 1], :a, fn -> 13 end) end)
report.(fn -> Keyword.pop_lazy([a: 1, a: 2], :a, fn -> 13 end) end)
report.(fn -> Keyword.pop_lazy([a: 1], :b, fn -> 13 end) end)

report.(fn -> List.keyfind!([a: 1, b: 2], :b, 0) end)
report.(fn -> List.keyfind!([a: 1, b: 2], :c, 0) end)
report.(fn -> List.keyfind!([{1, :x}], :x, 1) end)
report.(fn -> List.keyfind!([{1, :x}], :y, 1) end)

for {name, acc} <- [all: Access.all(), at: Access.at(1), at!: Access.at!(1), at_neg: Access.at!(-4),
                    elem: Access.elem(0), filter: Access.filter(&(&1 > 1)), key!: Access.key!(:foo),
                    key: Access.key(:foo, 3)],
    data <- [nil, %{}, [], [1, 2, 3], {1, 2}, %{foo: 1}, [foo: 1], 5] do
  IO.write("#{name} #{inspect(data)}: ")
  report.(fn -> get_in(data, [acc]) end)
  IO.write("  update: ")
  report.(fn -> update_in(data, [acc], fn x -> {x} end) end)
  if data != nil do
    IO.write("  pop: ")
    report.(fn -> pop_in(data, [acc]) end)
  end
end

report.(fn -> get_in(nil, [Access.all(), :age]) end)
report.(fn -> get_in(%{a: nil}, [:a, Access.at(0)]) end)
report.(fn -> Access.filter(5) end)
report.(fn -> Access.at(:a) end)
report.(fn -> Access.at!(:a) end)
report.(fn -> Access.elem(-1) end)
