# List.myers_difference/2,3, String.myers_difference/2 (the same edit
# scripts as Elixir's search gives) and String.bag_distance/2.
IO.inspect List.myers_difference([1, 4, 2, 3], [1, 2, 3, 4])
IO.inspect List.myers_difference(["a", "db", "c"], ["a", "bc"], &String.myers_difference/2)
IO.inspect String.myers_difference("fox hops over the dog", "fox jumps over the lazy cat")
IO.inspect List.myers_difference([], [])
IO.inspect List.myers_difference([1, 2], [])
IO.inspect List.myers_difference([], [1, 2])
IO.inspect List.myers_difference('abcabba', 'cbabac')
IO.inspect List.myers_difference([1, 1.0, 2], [1.0, 1, 2])
IO.inspect List.myers_difference([1, 2, 3, 1, 2], [1, 2, 1, 2, 3, 1, 2])
IO.inspect List.myers_difference([:a, :b, :a, :b], [:b, :a, :b, :a], fn a, b -> if a == b, do: nil, else: false end)
:rand.seed(:exsss, {1, 2, 3})
for _ <- 1..200 do
  a = for _ <- 1..:rand.uniform(12), do: :rand.uniform(4)
  b = for _ <- 1..:rand.uniform(12), do: :rand.uniform(4)
  List.myers_difference(a, b)
end |> :erlang.phash2() |> IO.inspect()
IO.inspect String.myers_difference("é\u0301ab", "abé")
for {a, b} <- [{"", ""}, {"abc", ""}, {"", "abc"}, {"foo", "foo"}, {"foo", "fob"}, {"foo", "bar"}, {"aab", "abb"}, {"é\u0301é", "é"}, {<<255, 1>>, <<255>>}] do
  IO.inspect({a, b, String.bag_distance(a, b)})
end
