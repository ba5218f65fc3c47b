# :erlang.phash2/1,2 and :erlang.phash/2 give the BEAM's numbers, so that
# hash-based sharding agrees across a mixed cluster.  (Every term type is
# checked bit for bit in tests/phash/vectors.txt; this covers the BIFs.)
import Bitwise
values = [:a, 1, -1, 1.0, -0.0, "abc", ~c"abc", [1 | 2], {:a, 1}, %{a: 1},
          Map.new(1..40, &{&1, &1}), 1 <<< 70, <<1::3>>, [], {}, &Enum.map/2]
for {v, i} <- Enum.with_index(values) do
  IO.puts("#{i}: #{:erlang.phash2(v)} #{:erlang.phash2(v, 7)} " <>
            "#{:erlang.phash2(v, 4_294_967_296)} #{apply(:erlang, :phash, [v, 4_294_967_296])} " <>
            "#{apply(:erlang, :phash, [v, 1])}")
end

# a map hashes the same whatever order it was built in
big = Enum.reduce(100..1, %{}, &Map.put(&2, &1, -&1))
IO.puts(:erlang.phash2(big) == :erlang.phash2(Map.new(1..100, &{&1, -&1})))

for {f, args} <- [{:phash2, [:a, 0]}, {:phash2, [:a, 4_294_967_297]}, {:phash2, [:a, :b]},
                  {:phash2, [:a, -1]}, {:phash2, [:a, 1 <<< 80]}, {:phash2, [:a, -(1 <<< 80)]},
                  {:phash, [:a, 0]}, {:phash, [:a, 1.5]}, {:phash, [:a, 4_294_967_297]}] do
  try do
    apply(:erlang, f, args)
  rescue
    e -> IO.puts("#{f} #{inspect(args)}: #{inspect(e)}")
  end
end
