# Stream.zip / zip_with over streams that emit several elements per input
# (Stream.concat, flat_map, transform): each element is stepped in turn.
concat = Stream.concat(1..3, 4..6)
IO.inspect(Stream.zip(concat, Stream.cycle([:a, :b, :c])) |> Enum.to_list())
IO.inspect(Stream.zip([concat, [:a, :b, :c], Stream.cycle(["foo", "bar", "baz"])]) |> Enum.to_list())
IO.inspect(Stream.zip_with(concat, concat, &(&1 + &2)) |> Enum.to_list())
IO.inspect(Stream.zip_with([concat, 1..3], fn [a, b] -> a * b end) |> Enum.to_list())
IO.inspect(Stream.zip_with(Stream.concat([1..2, [], 3..4]), Stream.iterate(10, &(&1 + 10)), &{&1, &2}) |> Enum.to_list())

# flat_map and transform emitting lists, zipped and cut short
flat = Stream.flat_map(1..4, fn x -> [x, x * 10] end)
IO.inspect(Stream.zip(flat, 1..100) |> Enum.to_list())
IO.inspect(Stream.zip(flat, 1..3) |> Enum.to_list())
twice = Stream.transform(1..3, 0, fn x, acc -> {[x, x], acc + x} end)
IO.inspect(Stream.zip(twice, Stream.cycle([:l, :r])) |> Enum.take(4))

# Enum.zip and take over the same streams, and a halted zip that ran
# side effects only for the elements it took
IO.inspect(Enum.zip(concat, [:x, :y]))
IO.inspect(Stream.zip(Stream.concat([1], Stream.cycle([2, 3])), 1..5) |> Enum.to_list())
side = Stream.flat_map(1..3, fn x -> IO.puts("expand #{x}"); [x, -x] end)
IO.inspect(Stream.zip(side, [:a, :b, :c]) |> Enum.to_list())
