# Enumerable: Elixir's reduce protocol.  Lists, maps, ranges, MapSets and
# streams (funs of arity 2) are enumerable here, dispatched on the value's
# type without a protocol lookup; a struct goes to its defimpl
# (Enumerable.Mod, found by :ciex.protocol_impl), else to its module's own
# reduce/3 (and, to answer without walking, count/1 and member?/2), as
# Date.Range does.
#
# reduce(enum, {:cont | :halt | :suspend, acc}, fun) returns {:done, acc},
# {:halted, acc} or {:suspended, acc, continuation}, exactly as in Elixir,
# so that Stream can stop early and Stream.zip can step several
# enumerables in turn.
defmodule Enumerable do
  def reduce(list, acc, fun) when is_list(list), do: reduce_list(list, acc, fun)
  def reduce(%{__struct__: Range, first: first, last: last, step: step}, acc, fun) do
    reduce_range(first, last, step, acc, fun)
  end
  def reduce(%{__struct__: MapSet} = set, acc, fun), do: reduce_list(MapSet.to_list(set), acc, fun)
  def reduce(%{__struct__: mod} = struct, acc, fun) do
    case :ciex.protocol_impl(Enumerable, struct, false) do
      nil ->
        # a prelude struct whose module reduces it itself
        case :erlang.function_exported(mod, :reduce, 3) do
          true -> mod.reduce(struct, acc, fun)
          false -> :erlang.error(Protocol.UndefinedError.exception(protocol: Enumerable, value: struct))
        end
      impl -> impl.reduce(struct, acc, fun)
    end
  end
  def reduce(map, acc, fun) when is_map(map), do: reduce_list(:maps.to_list(map), acc, fun)
  def reduce(stream, acc, fun) when is_function(stream, 2), do: stream.(acc, fun)
  def reduce(other, acc, fun) do
    case :ciex.protocol_impl(Enumerable, other, false) do
      nil -> :erlang.error(Protocol.UndefinedError.exception(protocol: Enumerable, value: other))
      impl -> impl.reduce(other, acc, fun)
    end
  end

  defp builtin, do: [List, Map, Function, Range, MapSet]
  def impl_for(value), do: Protocol.__impl_for__(Enumerable, value, builtin())
  def impl_for!(value), do: Protocol.__impl_for__!(Enumerable, value, builtin())
  def __protocol__(:module), do: Enumerable
  def __protocol__(:functions), do: [count: 1, member?: 2, reduce: 3, slice: 1]
  def __protocol__(:consolidated?), do: false
  def __protocol__(:impls), do: :not_consolidated

  # slice/1: {:ok, size, slicing_fun} when the value can be sliced without
  # walking it, else {:error, module}
  def slice(%{__struct__: _} = struct) do
    case :ciex.protocol_impl(Enumerable, struct, false) do
      nil -> {:error, __MODULE__}
      impl -> impl.slice(struct)
    end
  end
  def slice(_), do: {:error, __MODULE__}

  def reduce_list(_list, {:halt, acc}, _fun), do: {:halted, acc}
  def reduce_list(list, {:suspend, acc}, fun), do: {:suspended, acc, &reduce_list(list, &1, fun)}
  def reduce_list([], {:cont, acc}, _fun), do: {:done, acc}
  def reduce_list([h | t], {:cont, acc}, fun), do: reduce_list(t, fun.(h, acc), fun)

  defp reduce_range(_first, _last, _step, {:halt, acc}, _fun), do: {:halted, acc}
  defp reduce_range(first, last, step, {:suspend, acc}, fun) do
    {:suspended, acc, &reduce_range(first, last, step, &1, fun)}
  end
  defp reduce_range(first, last, step, {:cont, acc}, fun)
       when (step > 0 and first <= last) or (step < 0 and first >= last) do
    reduce_range(first + step, last, step, fun.(first, acc), fun)
  end
  defp reduce_range(_first, _last, _step, {:cont, acc}, _fun), do: {:done, acc}

  # {:ok, count} when known without walking the value, else {:error, module}
  def count(list) when is_list(list), do: {:ok, length(list)}
  def count(%{__struct__: Range} = range), do: {:ok, Range.size(range)}
  def count(%{__struct__: MapSet, map: map}), do: {:ok, map_size(map)}
  def count(%{__struct__: mod} = struct), do: impl_call(mod, struct, :count, [struct])
  def count(map) when is_map(map), do: {:ok, map_size(map)}
  def count(_), do: {:error, __MODULE__}

  def member?(list, x) when is_list(list), do: {:ok, :lists.member(x, list)}
  def member?(%{__struct__: Range, first: first, last: last, step: step}, x) when is_integer(x) do
    cond do
      step > 0 and first <= x and x <= last -> {:ok, rem(x - first, step) == 0}
      step < 0 and last <= x and x <= first -> {:ok, rem(first - x, -step) == 0}
      true -> {:ok, false}
    end
  end
  def member?(%{__struct__: Range}, _), do: {:ok, false}
  def member?(%{__struct__: MapSet, map: map}, x), do: {:ok, :erlang.is_map_key(x, map)}
  def member?(%{__struct__: mod} = struct, x), do: impl_call(mod, struct, :member?, [struct, x])
  def member?(map, {k, v}) when is_map(map) do
    case map do
      %{^k => ^v} -> {:ok, true}
      _ -> {:ok, false}
    end
  end
  def member?(map, _) when is_map(map), do: {:ok, false}
  def member?(_, _), do: {:error, __MODULE__}

  # count/member? of a struct: its defimpl's answer, else its module's
  # (Date.Range), else none
  defp impl_call(mod, struct, fun, args) do
    case :ciex.protocol_impl(Enumerable, struct, false) do
      nil ->
        case :erlang.function_exported(mod, fun, length(args)) do
          true -> apply(mod, fun, args)
          false -> {:error, __MODULE__}
        end
      impl -> :erlang.apply(impl, fun, args)
    end
  end
end

# The built-in implementations a defimpl may call by name
# (Enumerable.List.reduce(list, acc, fun) is a common way to write one).
defmodule Enumerable.List do
  def __impl__(:for), do: List
  def __impl__(:protocol), do: Enumerable
  def reduce(list, acc, fun), do: Enumerable.reduce_list(list, acc, fun)
  def count(list), do: Enumerable.count(list)
  def member?(list, x), do: Enumerable.member?(list, x)
  def slice(_list), do: {:error, __MODULE__}
end

defmodule Enumerable.Map do
  def __impl__(:for), do: Map
  def __impl__(:protocol), do: Enumerable
  def reduce(map, acc, fun), do: Enumerable.reduce(map, acc, fun)
  def count(map), do: Enumerable.count(map)
  def member?(map, x), do: Enumerable.member?(map, x)
  def slice(_map), do: {:error, __MODULE__}
end

# Range: first..last//step, a struct the compiler builds for `..`.
defmodule Range do
  defstruct first: nil, last: nil, step: nil

  def new(first, last) when is_integer(first) and is_integer(last) do
    %Range{first: first, last: last, step: (if first <= last, do: 1, else: -1)}
  end
  def new(first, last) do
    raise ArgumentError, "ranges (first..last) expect both sides to be integers, got: " <>
      inspect(first) <> ".." <> inspect(last)
  end

  def new(first, last, step) when is_integer(first) and is_integer(last) and is_integer(step) and step != 0 do
    %Range{first: first, last: last, step: step}
  end
  def new(first, last, step) do
    raise ArgumentError, "ranges (first..last//step) expect both sides to be integers and the step to be a " <>
      "non-zero integer, got: " <> inspect(first) <> ".." <> inspect(last) <> "//" <> inspect(step)
  end

  def size(%Range{first: first, last: last, step: step}) when step > 0 and first > last, do: 0
  def size(%Range{first: first, last: last, step: step}) when step < 0 and first < last, do: 0
  def size(%Range{first: first, last: last, step: step}), do: div(last - first, step) + 1

  def shift(%Range{first: first, last: last, step: step}, n) do
    %Range{first: first + step * n, last: last + step * n, step: step}
  end

  # Elixir 1.14's answer, quirks included: a descending range is read
  # from its last bound upward (even when that bound is not an element),
  # and the first common term of the two progressions is estimated with
  # float divisions (so -4..-5//-3 and -4..-5//-1 are disjoint there).
  def disjoint?(%Range{} = a, %Range{} = b) do
    if size(a) == 0 or size(b) == 0 do
      true
    else
      {a1, a2, sa} = ascending(a)
      {b1, b2, sb} = ascending(b)
      cond do
        b2 < a1 or a2 < b1 -> true
        abs(sa) == 1 and abs(sb) == 1 -> false
        true -> no_common_term?(a1, a2, sa, b1, b2, sb)
      end
    end
  end

  defp ascending(%Range{first: f, last: l, step: s}) when f > l, do: {l, f, -s}
  defp ascending(%Range{first: f, last: l, step: s}), do: {f, l, s}

  # a1 + x * sa == b1 + y * sb, from gcd(-sa, sb) = -sa * u + sb * v
  defp no_common_term?(a1, a2, sa, b1, b2, sb) do
    {g, u, v} = Integer.extended_gcd(-sa, sb)
    c = a1 - b1 + sb - sa
    t = max(floor(-c / sa * u) + 1, floor(-c / sb * v) + 1)
    x = div(c * u + t * sb, g) - 1
    y = div(c * v + t * sa, g) - 1
    x < 0 or a1 + x * sa > a2 or y < 0 or b1 + y * sb > b2
  end
end

# MapSet: a set stored as the keys of a map, as Elixir's.
defmodule MapSet do
  defstruct map: %{}, version: 2

  def new(), do: %MapSet{map: %{}}
  def new(%MapSet{} = set), do: set
  def new(enumerable), do: %MapSet{map: :maps.from_list(for(x <- Enum.to_list(enumerable), do: {x, []}))}
  def new(enumerable, fun), do: new(Enum.map(enumerable, fun))

  def put(%MapSet{map: map} = set, value), do: %{set | map: :maps.put(value, [], map)}
  def delete(%MapSet{map: map} = set, value), do: %{set | map: :maps.remove(value, map)}
  def member?(%MapSet{map: map}, value), do: :erlang.is_map_key(value, map)
  def size(%MapSet{map: map}), do: map_size(map)
  def to_list(%MapSet{map: map}), do: :maps.keys(map)
  def union(%MapSet{map: a}, %MapSet{map: b}), do: %MapSet{map: :maps.merge(a, b)}
  def intersection(%MapSet{map: a}, %MapSet{map: b}) do
    %MapSet{map: :maps.from_list(for {k, _} <- :maps.to_list(a), :erlang.is_map_key(k, b), do: {k, []})}
  end
  def difference(%MapSet{map: a}, %MapSet{map: b}) do
    %MapSet{map: :maps.from_list(for {k, _} <- :maps.to_list(a), not :erlang.is_map_key(k, b), do: {k, []})}
  end
  def symmetric_difference(a, b), do: union(difference(a, b), difference(b, a))
  def subset?(%MapSet{map: a}, %MapSet{map: b}), do: Enum.all?(:maps.keys(a), &:erlang.is_map_key(&1, b))
  def disjoint?(%MapSet{map: a}, %MapSet{map: b}), do: not Enum.any?(:maps.keys(a), &:erlang.is_map_key(&1, b))
  def equal?(%MapSet{map: a}, %MapSet{map: b}), do: :maps.keys(a) === :maps.keys(b)
  def filter(%MapSet{map: map}, fun), do: new(Enum.filter(:maps.keys(map), fun))
  def reject(%MapSet{map: map}, fun), do: new(Enum.reject(:maps.keys(map), fun))
  def map(%MapSet{map: map}, fun), do: new(Enum.map(:maps.keys(map), fun))
  def split_with(%MapSet{map: map}, fun) do
    {a, b} = Enum.split_with(:maps.keys(map), fun)
    {new(a), new(b)}
  end
end
