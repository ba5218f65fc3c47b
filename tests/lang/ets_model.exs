# Random inserts, deletes and updates on every table type, checked
# against a model made of maps and lists after each round (a fixed
# linear congruential generator, so the run is the same everywhere).
defmodule Model do
  def next(x), do: rem(x * 1_103_515_245 + 12_345, 2_147_483_648)

  def run(type, rounds, ops_per_round) do
    t = :ets.new(:model, [type])
    {_, _model, bad} =
      Enum.reduce(1..rounds, {42, empty(type), 0}, fn _, {seed, model, bad} ->
        {seed, model} = Enum.reduce(1..ops_per_round, {seed, model}, fn _, {s, m} -> step(t, type, next(s), m) end)
        {seed, model, if(check(t, type, model), do: bad, else: bad + 1)}
      end)
    IO.puts("#{type}: size #{:ets.info(t, :size)}, rounds that differed: #{bad}")
    :ets.delete(t)
  end

  defp empty(_), do: %{}

  # keys are small integers, some of them as floats
  defp step(t, type, s, m) do
    op = rem(s, 10)
    s2 = next(s)
    k0 = rem(div(s2, 7), 500)
    key = if rem(s2, 13) == 0 and type != :ordered_set, do: k0 * 1.0, else: k0
    val = rem(div(s2, 3), 5)
    cond do
      op < 5 ->
        :ets.insert(t, {key, val})
        {s2, add(type, m, key, {key, val})}
      op < 7 ->
        :ets.delete(t, key)
        {s2, Map.delete(m, key)}
      op < 8 ->
        :ets.delete_object(t, {key, val})
        {s2, remove_obj(m, key, {key, val})}
      op < 9 and type in [:set, :ordered_set] ->
        case Map.fetch(m, key) do
          {:ok, [{^key, v}]} when is_integer(v) ->
            :ets.update_counter(t, key, 1)
            {s2, Map.put(m, key, [{key, v + 1}])}
          _ -> {s2, m}
        end
      true ->
        :ets.take(t, key)
        {s2, Map.delete(m, key)}
    end
  end

  defp add(type, m, key, obj) when type in [:set, :ordered_set], do: Map.put(m, key, [obj])
  defp add(:bag, m, key, obj) do
    objs = Map.get(m, key, [])
    if obj in objs, do: m, else: Map.put(m, key, objs ++ [obj])
  end
  defp add(:duplicate_bag, m, key, obj), do: Map.put(m, key, Map.get(m, key, []) ++ [obj])

  defp remove_obj(m, key, obj) do
    case Map.get(m, key) do
      nil -> m
      objs ->
        case Enum.reject(objs, &(&1 === obj)) do
          [] -> Map.delete(m, key)
          rest -> Map.put(m, key, rest)
        end
    end
  end

  defp check(t, type, m) do
    all = m |> Map.values() |> Enum.concat()
    listed = :ets.tab2list(t)
    ordered = if type == :ordered_set, do: listed == Enum.sort_by(all, &elem(&1, 0)), else: true
    ordered and Enum.sort(listed) == Enum.sort(all) and :ets.info(t, :size) == length(all) and
      Enum.all?(Map.keys(m), fn k -> :ets.lookup(t, k) == Map.fetch!(m, k) end) and
      walk(t, :ets.first(t), 0) == map_size(m)
  end

  defp walk(_t, :"$end_of_table", n), do: n
  defp walk(t, k, n), do: walk(t, :ets.next(t, k), n + 1)
end

for type <- [:set, :ordered_set, :bag, :duplicate_bag], do: Model.run(type, 40, 500)

# a big ordered_set: in order after many deletes, prev and next agree
t = :ets.new(:big, [:ordered_set])
:ets.insert(t, for(i <- 1..50_000, do: {rem(i * 7919, 50_021), i}))
for i <- 1..50_000, rem(i, 3) == 0, do: :ets.delete(t, rem(i * 7919, 50_021))
keys = :ets.select(t, [{{:"$1", :_}, [], [:"$1"]}])
IO.inspect({length(keys), keys == Enum.sort(keys)})
IO.inspect(:ets.prev(t, :ets.next(t, 1000)) == :ets.next(t, 999) |> then(&(:ets.prev(t, &1))))
IO.inspect(:ets.select_count(t, [{{:"$1", :_}, [{:<, :"$1", 1000}], [true]}]))
