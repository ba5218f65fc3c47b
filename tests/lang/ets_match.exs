# :ets.match, match_object and select with hand-written match specifications.
t = :ets.new(:people, [:ordered_set])
:ets.insert(t, [
  {1, "ann", 31, :admin, %{city: "Oslo"}},
  {2, "bob", 17, :user, %{city: "Rome"}},
  {3, "cy", 45, :user, %{city: "Oslo"}},
  {4, "dee", 22, :guest, %{}},
  {5, "eve", 64, :admin, %{city: "Lima"}}
])
IO.inspect(:ets.match(t, {:"$1", :"$2", :_, :admin, :_}))
IO.inspect(:ets.match(t, {:"$2", :_, :"$1", :user, :_}))
IO.inspect(:ets.match(t, {:"$0", :_, :_, :_, %{city: "Oslo"}}))
IO.inspect(:ets.match(t, {:_, :"$1", :_, :_, %{city: :"$2"}}))
IO.inspect(:ets.match(t, {3, :_, :_, :_, :_}))
IO.inspect(:ets.match(t, {9, :"$1", :_, :_, :_}))
IO.inspect(:ets.match(t, {:_, :_}))
IO.inspect(length(:ets.match(t, :"$1")))
IO.inspect(:ets.match_object(t, {:_, :_, :_, :guest, :_}))
IO.inspect(:ets.match_object(t, {:_, :_, :_, :admin, %{city: "Lima"}}))
IO.inspect(:ets.match_object(t, {2, :_, :_, :_, :_}))
IO.inspect(length(:ets.match_object(t, :_)))

# guards: comparisons, arithmetic, type tests, andalso/orelse
IO.inspect(:ets.select(t, [{{:"$1", :"$2", :"$3", :_, :_}, [{:>, :"$3", 30}], [:"$2"]}]))
IO.inspect(:ets.select(t, [{{:"$1", :"$2", :"$3", :_, :_}, [{:andalso, {:>=, :"$3", 18}, {:<, :"$3", 50}}], [{{:"$2", :"$3"}}]}]))
IO.inspect(:ets.select(t, [{{:"$1", :_, :_, :"$4", :_}, [{:orelse, {:==, :"$4", :guest}, {:"=:=", :"$1", 1}}], [:"$1"]}]))
IO.inspect(:ets.select(t, [{{:"$1", :_, :"$3", :_, :_}, [{:==, {:rem, :"$3", 2}, 0}], [{:*, :"$1", 10}]}]))
IO.inspect(:ets.select(t, [{{:"$1", :_, :"$3", :_, :_}, [{:"/=", :"$1", 3}, {:"=<", :"$3", 31}], [:"$$"]}]))
IO.inspect(:ets.select(t, [{{:"$1", :"$2", :_, :_, :_}, [{:is_binary, :"$2"}, {:is_integer, :"$1"}], [{:byte_size, :"$2"}]}]))
IO.inspect(:ets.select(t, [{{:"$1", :_, :_, :_, :"$5"}, [{:is_map_key, :city, :"$5"}], [{:map_get, :city, :"$5"}]}]))
IO.inspect(:ets.select(t, [{{:"$1", :_, :_, :_, :"$5"}, [{:==, {:map_size, :"$5"}, 0}], [:"$_"]}]))
IO.inspect(:ets.select(t, [{{:"$1", :_, :"$3", :_, :_}, [{:not, {:>, :"$3", 20}}], [{:-, :"$3"}]}]))
IO.inspect(:ets.select(t, [{{:"$1", :_, :"$3", :_, :_}, [{:>, {:abs, {:-, :"$3", 40}}, 20}], [{:div, :"$3", 10}]}]))
IO.inspect(:ets.select(t, [{{:"$1", :_, :_, :_, :_}, [{:is_atom, :"$1"}], [:"$1"]}]))
IO.inspect(:ets.select(t, [{{:"$1", :_, :_, :_, :_}, [{:>, {:element, 1, :"$1"}, 0}], [:"$1"]}]))
IO.inspect(:ets.select(t, [{{:"$1", :_, :_, :_, :_}, [], [{:/, :"$1", 0}]}]))
IO.inspect(:ets.select(t, [{{:"$1", :_, :_, :_, :_}, [:"$1"], [:"$1"]}]))
IO.inspect(:ets.select(t, [{{:"$1", :_, :_, :_, :_}, [true], [:"$1"]}]))
IO.inspect(:ets.select(t, [{{:"$1", :_, :_, :_, :_}, [{:is_integer, :"$1"}], [{:self}]}]) |> Enum.all?(&(&1 == self())))

# bodies: constants, tuples, lists, maps, :"$_", :"$$", {:const, ...}
IO.inspect(:ets.select(t, [{{1, :"$1", :_, :_, :_}, [], [:"$_"]}]))
IO.inspect(:ets.select(t, [{{1, :"$1", :"$2", :_, :_}, [], [:"$$"]}]))
IO.inspect(:ets.select(t, [{{1, :"$1", :"$2", :_, :_}, [], [[:"$2", :"$1", :x]]}]))
IO.inspect(:ets.select(t, [{{1, :"$1", :"$2", :_, :_}, [], [%{name: :"$1", age: :"$2"}]}]))
IO.inspect(:ets.select(t, [{{1, :"$1", :"$2", :_, :_}, [], [{{:person, {{:"$1", :"$2"}}}}]}]))
IO.inspect(:ets.select(t, [{{1, :_, :_, :_, :_}, [], [{:const, {:a, :"$1"}}]}]))
IO.inspect(:ets.select(t, [{{1, :_, :_, :_, :_}, [], [:ignored, 42]}]))

# several clauses: the first that matches wins
spec = [
  {{:"$1", :_, :_, :admin, :_}, [], [{{:admin, :"$1"}}]},
  {{:"$1", :_, :"$3", :_, :_}, [{:<, :"$3", 20}], [{{:minor, :"$1"}}]},
  {{:"$1", :_, :_, :_, :_}, [], [:"$1"]}
]
IO.inspect(:ets.select(t, spec))
IO.inspect(:ets.select_reverse(t, spec))
IO.inspect(:ets.select(t, []))

# repeated variables must be equal
pairs = :ets.new(:pairs, [:bag])
:ets.insert(pairs, [{:a, 1, 1}, {:a, 1, 2}, {:b, 3, 3}, {:c, 1.0, 1}])
IO.inspect(Enum.sort(:ets.match_object(pairs, {:_, :"$1", :"$1"})))
IO.inspect(Enum.sort(:ets.select(pairs, [{{:"$1", :"$2", :"$2"}, [], [:"$1"]}])))
IO.inspect(:ets.select(pairs, [{{:a, :_, :"$1"}, [], [:"$1"]}]))
IO.inspect(Enum.sort(:ets.select(pairs, [{{:_, :"$1", :_}, [{:==, :"$1", 1}], [:"$_"]}])))

# select_count, select_delete, match_delete
IO.inspect(:ets.select_count(t, [{{:_, :_, :"$1", :_, :_}, [{:>, :"$1", 30}], [true]}]))
IO.inspect(:ets.select_count(t, [{{:_, :_, :"$1", :_, :_}, [], [:"$1"]}]))
IO.inspect(:ets.select_delete(t, [{{:_, :_, :_, :user, :_}, [], [true]}]))
IO.inspect(:ets.match(t, {:"$1", :_, :_, :_, :_}))
IO.inspect(:ets.match_delete(t, {:_, :_, :_, :admin, :_}))
IO.inspect(:ets.tab2list(t))

# nested and list patterns
n = :ets.new(:n, [])
:ets.insert(n, [{:x, [1, 2, 3]}, {:y, [1]}, {:z, {:deep, [:a, :b]}}])
IO.inspect(Enum.sort(:ets.match(n, {:"$1", [1 | :"$2"]})))
IO.inspect(:ets.match(n, {:"$1", [:_, :_, :"$2"]}))
IO.inspect(:ets.match(n, {:_, {:deep, [:"$1" | :_]}}))
IO.inspect(:ets.select(n, [{{:"$1", :"$2"}, [{:is_list, :"$2"}, {:>, {:length, :"$2"}, 1}], [{:hd, :"$2"}, {:tl, :"$2"}]}]))
