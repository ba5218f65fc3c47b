# Keyword, Range and the parts of Enum the compiler relies on.
defmodule Keyword do
  def get(kw, key, default \\ nil) do
    case :lists.keyfind(key, 1, kw) do
      {_, v} -> v
      false -> default
    end
  end
  def fetch(kw, key) do
    case :lists.keyfind(key, 1, kw) do
      {_, v} -> {:ok, v}
      false -> :error
    end
  end
  def has_key?(kw, key), do: :lists.keyfind(key, 1, kw) != false
  def put(kw, key, value), do: [{key, value} | delete(kw, key)]
  def put_new(kw, key, value) do
    case :lists.keyfind(key, 1, kw) do
      {_, _} -> kw
      false -> [{key, value} | kw]
    end
  end
  def delete(kw, key), do: for({k, _} = pair <- kw, k != key, do: pair)
  def keys(kw), do: for({k, _} <- kw, do: k)
  def values(kw), do: for({_, v} <- kw, do: v)
  def merge(a, b), do: Enum.reduce(b, a, fn {k, v}, acc -> put(acc, k, v) end) |> reorder(a, b)
  defp reorder(merged, _a, _b), do: merged
end

defmodule Range do
  defstruct first: nil, last: nil, step: nil
  def new(first, last) when first <= last, do: %Range{first: first, last: last, step: 1}
  def new(first, last), do: %Range{first: first, last: last, step: -1}
  def new(first, last, step), do: %Range{first: first, last: last, step: step}
end

defmodule Enum do
  def to_list(list) when is_list(list), do: list
  def to_list(%Range{first: first, last: last, step: step}), do: range_list(first, last, step, [])
  def to_list(map) when is_map(map), do: :maps.to_list(map)

  defp range_list(first, last, step, acc) when step > 0 and first <= last, do: range_down(last - rem(last - first, step), first, step, acc)
  defp range_list(first, last, step, acc) when step < 0 and first >= last, do: range_up(last + rem(first - last, -step), first, step, acc)
  defp range_list(_, _, _, acc), do: acc
  defp range_down(x, first, step, acc) when x >= first, do: range_down(x - step, first, step, [x | acc])
  defp range_down(_, _, _, acc), do: acc
  defp range_up(x, first, step, acc) when x <= first, do: range_up(x - step, first, step, [x | acc])
  defp range_up(_, _, _, acc), do: acc

  def reduce(enum, acc, fun), do: reduce_list(to_list(enum), acc, fun)
  defp reduce_list([h | t], acc, fun), do: reduce_list(t, fun.(h, acc), fun)
  defp reduce_list([], acc, _fun), do: acc

  def map(enum, fun), do: :lists.reverse(reduce(enum, [], fn x, acc -> [fun.(x) | acc] end))
  def each(enum, fun) do
    reduce(enum, nil, fn x, _ -> fun.(x) end)
    :ok
  end
  def member?(enum, x), do: :lists.member(x, to_list(enum))
  def into(enum, list) when is_list(list), do: list ++ to_list(enum)
  def into(enum, map) when is_map(map), do: reduce(enum, map, fn {k, v}, acc -> :maps.put(k, v, acc) end)
  def uniq(enum), do: :lists.reverse(reduce(enum, [], fn x, acc -> if :lists.member(x, acc), do: acc, else: [x | acc] end))
  def map_join(enum, sep, fun), do: join(map(enum, fun), sep)
  def join(enum, sep \\ "") do
    case map(enum, &to_string/1) do
      [] -> ""
      [h | t] -> :erlang.iolist_to_binary([h | for(x <- t, do: [sep, x])])
    end
  end
end
