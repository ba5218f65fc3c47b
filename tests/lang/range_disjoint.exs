# Range.disjoint?/2, steps included, as Elixir 1.14 answers (a descending
# range is read from its last bound; see the prelude's comment).
IO.inspect(Range.disjoint?(1..5, 6..9))
IO.inspect(Range.disjoint?(5..1, 6..9))
IO.inspect(Range.disjoint?(1..5, 5..9))
IO.inspect(Range.disjoint?(1..5, 2..7))
IO.inspect(Range.disjoint?(1..5//2, 6..9//2))
IO.inspect(Range.disjoint?(1..5//2, 2..7//2))
IO.inspect(Range.disjoint?(1..5//4, 6..12//4))
IO.inspect(Range.disjoint?(1..5//4, 5..12//4))
IO.inspect(Range.disjoint?(1..10//3, 2..20//5))
IO.inspect(Range.disjoint?(1..1_000_000//7, 3..1_000_000//11))
IO.inspect(Range.disjoint?(1..0//1, 0..1))
IO.inspect(Range.disjoint?(-4..-5//-3, -4..-5//-1))

ranges = for f <- -4..4, l <- [-5, -1, 0, 3, 7], s <- [-3, -2, -1, 1, 2, 3], do: Range.new(f, l, s)
IO.puts(for a <- ranges, b <- ranges, into: "", do: if(Range.disjoint?(a, b), do: "1", else: "0"))
