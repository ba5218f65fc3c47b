# Maps made from pairs out of order, as a BEAM node sends a map of more
# than 32 keys (in its hash order): integer and binary keys (sorted by a
# key word), others (sorted by the generic comparison), equal keys (the
# last one wins).  Maps over 32 keys are shown through sorted lists: the
# BEAM prints those in its hash order.

# what the BEAM's term_to_binary makes of Map.new(1..40, &{"k#{&1}", &1})
beam_bytes =
  <<131, 116, 0, 0, 0, 40, 109, 0, 0, 0, 3, 107, 50, 52, 97, 24, 109, 0, 0, 0,
    3, 107, 49, 54, 97, 16, 109, 0, 0, 0, 3, 107, 50, 56, 97, 28, 109, 0, 0,
    0, 3, 107, 51, 56, 97, 38, 109, 0, 0, 0, 3, 107, 51, 51, 97, 33, 109, 0,
    0, 0, 3, 107, 51, 52, 97, 34, 109, 0, 0, 0, 3, 107, 49, 49, 97, 11, 109,
    0, 0, 0, 3, 107, 50, 48, 97, 20, 109, 0, 0, 0, 3, 107, 51, 55, 97, 37,
    109, 0, 0, 0, 3, 107, 50, 50, 97, 22, 109, 0, 0, 0, 2, 107, 55, 97, 7,
    109, 0, 0, 0, 3, 107, 49, 55, 97, 17, 109, 0, 0, 0, 2, 107, 52, 97, 4,
    109, 0, 0, 0, 2, 107, 54, 97, 6, 109, 0, 0, 0, 2, 107, 53, 97, 5, 109, 0,
    0, 0, 3, 107, 49, 51, 97, 13, 109, 0, 0, 0, 2, 107, 56, 97, 8, 109, 0, 0,
    0, 3, 107, 51, 50, 97, 32, 109, 0, 0, 0, 3, 107, 49, 52, 97, 14, 109, 0,
    0, 0, 3, 107, 50, 55, 97, 27, 109, 0, 0, 0, 3, 107, 50, 57, 97, 29, 109,
    0, 0, 0, 3, 107, 49, 56, 97, 18, 109, 0, 0, 0, 3, 107, 50, 49, 97, 21,
    109, 0, 0, 0, 3, 107, 49, 48, 97, 10, 109, 0, 0, 0, 3, 107, 51, 48, 97,
    30, 109, 0, 0, 0, 3, 107, 51, 53, 97, 35, 109, 0, 0, 0, 3, 107, 50, 51,
    97, 23, 109, 0, 0, 0, 3, 107, 49, 50, 97, 12, 109, 0, 0, 0, 3, 107, 51,
    57, 97, 39, 109, 0, 0, 0, 3, 107, 52, 48, 97, 40, 109, 0, 0, 0, 3, 107,
    49, 57, 97, 19, 109, 0, 0, 0, 2, 107, 50, 97, 2, 109, 0, 0, 0, 2, 107, 51,
    97, 3, 109, 0, 0, 0, 2, 107, 49, 97, 1, 109, 0, 0, 0, 3, 107, 51, 54, 97,
    36, 109, 0, 0, 0, 3, 107, 50, 53, 97, 25, 109, 0, 0, 0, 3, 107, 51, 49,
    97, 31, 109, 0, 0, 0, 3, 107, 49, 53, 97, 15, 109, 0, 0, 0, 2, 107, 57,
    97, 9, 109, 0, 0, 0, 3, 107, 50, 54, 97, 26>>
m = :erlang.binary_to_term(beam_bytes)
IO.inspect(map_size(m))
IO.inspect(Enum.sort(Map.to_list(m)) == Enum.sort(for i <- 1..40, do: {"k#{i}", i}))
IO.inspect({m["k1"], m["k40"], m["k17"], Map.get(m, "k41")})
IO.inspect(:erlang.term_to_binary(m) |> :erlang.binary_to_term() == m)

# a fixed permutation of 1..n
perm = fn n -> for i <- 0..(n - 1), do: rem(i * 7919, n) + 1 end

ints = :maps.from_list(for i <- perm.(1000), do: {i - 500, i})
IO.inspect({map_size(ints), ints[-499], ints[0], ints[500], ints[501]})
IO.inspect(Enum.sort(Map.keys(ints)) == Enum.to_list(-499..500))

# binary keys longer than eight bytes that share their first eight
bins = :maps.from_list(for i <- perm.(500), do: {"same_prefix_#{i}", i})
IO.inspect({map_size(bins), bins["same_prefix_1"], bins["same_prefix_500"], bins["same_prefix_"]})
IO.inspect(Enum.sort(Map.to_list(bins)) == Enum.sort(for i <- 1..500, do: {"same_prefix_#{i}", i}))

# small maps print sorted on both
IO.inspect(:maps.from_list([{"b", 1}, {"a", 2}, {"ab", 3}, {"", 4}, {"abcdefghi", 5}, {"abcdefgh", 6}, {<<97, 98, 0>>, 7}]))
IO.inspect(:maps.from_list([{3, :c}, {-7, :a}, {"x", :s}, {1, :b}, {-100_000_000_000, :z}, {2.5, :f}]))
IO.inspect(:maps.from_list([{10_000_000_000_000_000_000, :big}, {5, :small}, {1, :one}]))
IO.inspect(:maps.from_list([{:b, 1}, {{1, 2}, 2}, {:a, 3}, {[1], 4}, {"s", 5}, {1, 6}]))

# equal keys: the last pair wins, whatever the order
IO.inspect(:maps.from_list([{2, :a}, {1, :b}, {2, :c}, {1, :d}, {0, :e}]))
IO.inspect(:maps.from_list([{"k", 1}, {"j", 2}, {"k", 3}]))
dups = :maps.from_list(for i <- perm.(300), j <- [1, 2], do: {rem(i, 100), {i, j}})
IO.inspect({map_size(dups), dups[0], dups[1], dups[99]})
IO.inspect(Map.new([{"x", 1}, {"y", 2}, {"x", 3}], fn {k, v} -> {k, v * 10} end))
