# for comprehensions: generators, filters, into:, patterns, uniq, reduce, bitstrings.
IO.inspect(for(x <- [1, 2, 3], do: x * 2), label: "single generator")
IO.inspect(for(x <- 1..3, y <- [:a, :b], do: {x, y}), label: "two generators")
IO.inspect(for(x <- 1..10, rem(x, 3) == 0, do: x), label: "filter")
IO.inspect(for(x <- 1..20, rem(x, 2) == 0, rem(x, 3) == 0, do: x), label: "two filters")
IO.inspect(for(x <- 1..4, y <- x..4, x + y == 5, do: {x, y}), label: "dependent generator")
IO.inspect(for({:ok, v} <- [{:ok, 1}, {:error, 2}, {:ok, 3}], do: v), label: "pattern skips non-matching")
IO.inspect(for({k, v} <- %{a: 1, b: 2}, do: {v, k}), label: "over map")
IO.inspect(for({k, v} <- [a: 1, b: 2], into: %{}, do: {k, v * 10}), label: "into map")
IO.inspect(for(c <- 'abc', into: "", do: <<c - 32>>), label: "into string")
IO.inspect(for(x <- [1, 1, 2, 2, 3], uniq: true, do: x), label: "uniq")
IO.inspect(for(x <- 1..5, reduce: 0, do: (acc -> acc + x)), label: "reduce")
sum_sq = for x <- 1..3, reduce: %{} do
  acc -> Map.put(acc, x, x * x)
end
IO.inspect(sum_sq, label: "reduce into map")
IO.inspect(for(<<c <- "hi!">>, do: c), label: "bitstring generator")
IO.inspect(for(<<r::8, g::8, b::8 <- <<1, 2, 3, 4, 5, 6>> >>, do: {r, g, b}), label: "rgb triples")
IO.inspect(for(x <- [], do: x), label: "empty")
IO.inspect(for(x <- [1, 2], y = x * 10, do: y), label: "match in filter position")
IO.inspect(for(x <- 1..3, do: (if x == 2, do: :two, else: x)), label: "if in body")
n = 3
IO.inspect(for(x <- 1..n, do: x + n), label: "captures outer var")
IO.inspect(for(s <- ~w(a bb ccc), String.length(s) > 1, do: String.upcase(s)), label: "strings")
pairs = for i <- 1..3, j <- 1..3, i < j, do: [i, j]
IO.inspect(pairs, label: "pairs i<j")
IO.inspect(for(x <- [1, 2, 3], into: MapSet.new(), do: rem(x, 2)) |> MapSet.to_list(), label: "into MapSet")
nested = for x <- 1..2 do
  for y <- 1..2, do: x * y
end
IO.inspect(nested, label: "nested for")
IO.inspect(for(x when is_integer(x) <- [1, :a, 2], do: x), label: "guard in generator")
