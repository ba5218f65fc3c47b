# Inspect.MapSet at any depth, with keyword elements, charlists and limits
IO.puts(inspect(%{"a" => MapSet.new([1])}))
IO.inspect([MapSet.new([2, 1])])
IO.inspect(MapSet.new())
IO.inspect({:set, MapSet.new([a: 1, b: 2])})
IO.inspect(MapSet.new(['ab', 'cd']))
IO.inspect(%{s: MapSet.new(1..30)}, limit: 5)
IO.inspect(MapSet.new([:x, "y", {1, 2}, [3]]), width: 10)
IO.puts(inspect(MapSet.new([1, 2]), structs: false))
