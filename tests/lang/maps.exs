# Maps: literals, update syntax, access, pattern matching, ordering.
m = %{a: 1, b: 2}
IO.inspect(m, label: "atom keys")
IO.inspect(%{"a" => 1, 2 => :two, {:t} => [1]}, label: "mixed keys")
IO.inspect(%{}, label: "empty")
IO.inspect(m.a, label: "m.a")
IO.inspect(m[:b], label: "m[:b]")
IO.inspect(m[:zzz], label: "m[:missing]")
IO.inspect(%{m | a: 100}, label: "update syntax")
IO.inspect(%{m | :a => 5, :b => 6}, label: "update arrow syntax")
IO.inspect(Map.put(m, :c, 3), label: "put new key")
IO.inspect(%{m | a: 1} == m, label: "update same value ==")
%{a: av} = m
IO.inspect(av, label: "match one key")
%{} = m
IO.inspect(:ok, label: "empty pattern matches any map")
key = :b
%{^key => bv} = m
IO.inspect(bv, label: "pinned key")
IO.inspect(Map.new([a: 1, a: 2]), label: "duplicate key last wins")
IO.inspect(%{2 => :int, 1.5 => :float, 1.0 => :one_float, 1 => :one}, label: "int vs float keys")
IO.inspect(%{3 => :c, 1 => :a, 2 => :b}, label: "int keys sorted")
IO.inspect(%{:b => 1, "a" => 2, 1 => 3, {1} => 4, [1] => 5, 1.5 => 6}, label: "keys in term order")
IO.inspect(%{z: 1, y: 2, x: 3, a: 4}, label: "atom keys sorted")
IO.inspect(map_size(m), label: "map_size")
IO.inspect(is_map(m), label: "is_map")
IO.inspect(%{1 => 1.0} == %{1 => 1}, label: "== with float value")
IO.inspect(%{1.0 => :a} == %{1 => :a}, label: "== with float key")
nested = %{outer: %{inner: %{leaf: 1}}}
IO.inspect(nested.outer.inner.leaf, label: "nested dot access")
IO.inspect(nested[:outer][:inner][:leaf], label: "nested bracket access")
IO.inspect(put_in(nested.outer.inner.leaf, 2), label: "put_in")
IO.inspect(update_in(nested[:outer][:inner][:leaf], &(&1 + 10)), label: "update_in")
IO.inspect(get_in(nested, [:outer, :inner]), label: "get_in")
IO.inspect(Map.get(%{"k" => nil}, "k", :default), label: "nil value not default")
big = Map.new(1..20, fn i -> {i, i * i} end)
IO.inspect(big, label: "20 int keys")
IO.inspect(Map.keys(%{c: 1, a: 2, b: 3}), label: "keys sorted")
