# Enum: eager functions over any enumerable.  Lists take direct recursive
# paths; other enumerables go through Enumerable.reduce/3, which stops
# early where the function allows it (take, find, any?, ...), so these work
# on infinite streams too.
defmodule Enum do
  # ---- reduce and its direct relatives ----

  def reduce(list, acc, fun) when is_list(list), do: reduce_list(list, acc, fun)
  def reduce(%{__struct__: Range, first: first, last: last, step: step}, acc, fun) do
    reduce_range(first, last, step, acc, fun)
  end
  def reduce(enum, acc, fun) do
    # a stream may stop by itself (Stream.take): {:halted, acc}
    {_, acc} = Enumerable.reduce(enum, {:cont, acc}, fn x, acc -> {:cont, fun.(x, acc)} end)
    acc
  end

  defp reduce_list([h | t], acc, fun), do: reduce_list(t, fun.(h, acc), fun)
  defp reduce_list([], acc, _fun), do: acc

  defp reduce_range(first, last, step, acc, fun) when (step > 0 and first <= last) or (step < 0 and first >= last) do
    reduce_range(first + step, last, step, fun.(first, acc), fun)
  end
  defp reduce_range(_, _, _, acc, _), do: acc

  def reduce([h | t], fun), do: reduce_list(t, h, fun)
  def reduce([], _fun), do: raise(Enum.EmptyError)
  def reduce(enum, fun) do
    result =
      reduce(enum, :__ciex_empty__, fn
        x, :__ciex_empty__ -> {:acc, x}
        x, {:acc, acc} -> {:acc, fun.(x, acc)}
      end)
    case result do
      {:acc, acc} -> acc
      :__ciex_empty__ -> raise Enum.EmptyError
    end
  end

  def reduce_while(enum, acc, fun) do
    elem(Enumerable.reduce(enum, {:cont, acc}, fun), 1)
  end

  # Runs fun until it returns {:halt, value}: value, or default at the end.
  defp find_with(enum, default, fun) do
    case Enumerable.reduce(enum, {:cont, default}, fun) do
      {:halted, value} -> value
      {:done, _} -> default
    end
  end

  def to_list(list) when is_list(list), do: list
  def to_list(%{__struct__: Range, first: first, last: last, step: step}) do
    if (step > 0 and first <= last) or (step < 0 and first >= last) do
      range_list(last - rem(last - first, step), first, step, [])
    else
      []
    end
  end
  def to_list(%{__struct__: MapSet} = set), do: MapSet.to_list(set)
  def to_list(%{__struct__: _} = enum), do: :lists.reverse(reverse(enum))
  def to_list(map) when is_map(map), do: :maps.to_list(map)
  def to_list(enum), do: :lists.reverse(reverse(enum))

  defp range_list(x, first, step, acc) when (step > 0 and x >= first) or (step < 0 and x <= first) do
    range_list(x - step, first, step, [x | acc])
  end
  defp range_list(_, _, _, acc), do: acc

  # ---- mapping and filtering ----

  def map(list, fun) when is_list(list), do: map_list(list, fun)
  def map(enum, fun), do: :lists.reverse(reduce(enum, [], fn x, acc -> [fun.(x) | acc] end))

  defp map_list([h | t], fun), do: [fun.(h) | map_list(t, fun)]
  defp map_list([], _fun), do: []

  def each(enum, fun) when is_list(enum) do
    each_list(enum, fun)
    :ok
  end
  def each(enum, fun) do
    reduce(enum, nil, fn x, _ -> fun.(x) end)
    :ok
  end
  defp each_list([h | t], fun) do
    fun.(h)
    each_list(t, fun)
  end
  defp each_list([], _), do: :ok

  def filter(enum, fun) do
    :lists.reverse(reduce(enum, [], fn x, acc -> if fun.(x), do: [x | acc], else: acc end))
  end

  def reject(enum, fun) do
    :lists.reverse(reduce(enum, [], fn x, acc -> if fun.(x), do: acc, else: [x | acc] end))
  end

  def split_with(enum, fun) do
    {a, b} = reduce(enum, {[], []}, fn x, {a, b} -> if fun.(x), do: {[x | a], b}, else: {a, [x | b]} end)
    {:lists.reverse(a), :lists.reverse(b)}
  end

  def flat_map(enum, fun) do
    reduce(enum, [], fn x, acc ->
      case fun.(x) do
        list when is_list(list) -> :lists.reverse(list, acc)
        other -> reduce(other, acc, &[&1 | &2])
      end
    end)
    |> :lists.reverse()
  end

  def flat_map_reduce(enum, acc, fun) do
    {_, {list, acc}} =
      Enumerable.reduce(enum, {:cont, {[], acc}}, fn x, {list, acc} ->
        case fun.(x, acc) do
          {:halt, acc} -> {:halt, {list, acc}}
          {items, acc} -> {:cont, {reverse(items, list), acc}}
        end
      end)
    {:lists.reverse(list), acc}
  end

  def map_every(enum, 1, fun), do: map(enum, fun)
  def map_every(enum, 0, _fun), do: to_list(enum)
  def map_every(enum, nth, fun) when is_integer(nth) and nth > 1 do
    {list, _} = reduce(enum, {[], 0}, fn x, {acc, i} ->
      if rem(i, nth) == 0, do: {[fun.(x) | acc], i + 1}, else: {[x | acc], i + 1}
    end)
    :lists.reverse(list)
  end

  def map_reduce(enum, acc, fun) do
    {list, acc} = reduce(enum, {[], acc}, fn x, {list, acc} ->
      {y, acc} = fun.(x, acc)
      {[y | list], acc}
    end)
    {:lists.reverse(list), acc}
  end

  def scan(enum, fun) do
    {list, _} = reduce(enum, {[], :__ciex_first__}, fn
      x, {list, :__ciex_first__} -> {[x | list], {:acc, x}}
      x, {list, {:acc, acc}} ->
        y = fun.(x, acc)
        {[y | list], {:acc, y}}
    end)
    :lists.reverse(list)
  end

  def scan(enum, acc, fun) do
    {list, _} = reduce(enum, {[], acc}, fn x, {list, acc} ->
      y = fun.(x, acc)
      {[y | list], y}
    end)
    :lists.reverse(list)
  end

  def intersperse(enum, sep) do
    case to_list(enum) do
      [] -> []
      [h | t] -> [h | :lists.reverse(reduce_list(t, [], fn x, acc -> [x, sep | acc] end))]
    end
  end

  def map_intersperse(enum, sep, mapper), do: intersperse(map(enum, mapper), sep)

  def with_index(enum, offset_or_fun \\ 0)
  def with_index(enum, fun) when is_function(fun, 2) do
    {list, _} = reduce(enum, {[], 0}, fn x, {acc, i} -> {[fun.(x, i) | acc], i + 1} end)
    :lists.reverse(list)
  end
  def with_index(enum, offset) when is_integer(offset) do
    {list, _} = reduce(enum, {[], offset}, fn x, {acc, i} -> {[{x, i} | acc], i + 1} end)
    :lists.reverse(list)
  end

  # ---- predicates and searching ----

  def all?(enum), do: all?(enum, fn x -> x end)
  def all?(enum, fun) do
    find_with(enum, true, fn x, acc -> if fun.(x), do: {:cont, acc}, else: {:halt, false} end)
  end

  def any?(enum), do: any?(enum, fn x -> x end)
  def any?(enum, fun) do
    find_with(enum, false, fn x, acc -> if fun.(x), do: {:halt, true}, else: {:cont, acc} end)
  end

  def empty?(enum) do
    case Enumerable.count(enum) do
      {:ok, n} -> n == 0
      _ -> find_with(enum, true, fn _, _ -> {:halt, false} end)
    end
  end

  def member?(enum, x) do
    case Enumerable.member?(enum, x) do
      {:ok, result} -> result
      {:error, _} -> find_with(enum, false, fn y, acc -> if y === x, do: {:halt, true}, else: {:cont, acc} end)
    end
  end

  # (defaults before a required argument are spelled out: see
  # /tmp/ciex-bugs/default-arg-middle.exs)
  def find(enum, fun), do: find(enum, nil, fun)
  def find(enum, default, fun) do
    find_with(enum, default, fn x, acc -> if fun.(x), do: {:halt, x}, else: {:cont, acc} end)
  end

  def find_value(enum, fun), do: find_value(enum, nil, fun)
  def find_value(enum, default, fun) do
    find_with(enum, default, fn x, acc ->
      v = fun.(x)
      if v, do: {:halt, v}, else: {:cont, acc}
    end)
  end

  def find_index(enum, fun) do
    result =
      Enumerable.reduce(enum, {:cont, 0}, fn x, i ->
        if fun.(x), do: {:halt, {:found, i}}, else: {:cont, i + 1}
      end)
    case result do
      {:halted, {:found, i}} -> i
      _ -> nil
    end
  end

  def count(enum) do
    case Enumerable.count(enum) do
      {:ok, n} -> n
      _ -> reduce(enum, 0, fn _, n -> n + 1 end)
    end
  end

  def count(enum, fun), do: reduce(enum, 0, fn x, n -> if fun.(x), do: n + 1, else: n end)

  def count_until(enum, limit) when is_integer(limit) and limit > 0 do
    case Enumerable.count(enum) do
      {:ok, n} -> :erlang.min(n, limit)
      _ -> count_until(enum, fn _ -> true end, limit)
    end
  end

  def count_until(enum, fun, limit) when is_integer(limit) and limit > 0 do
    result =
      Enumerable.reduce(enum, {:cont, 0}, fn x, n ->
        if fun.(x) do
          if n + 1 == limit, do: {:halt, limit}, else: {:cont, n + 1}
        else
          {:cont, n}
        end
      end)
    elem(result, 1)
  end

  # ---- positions ----

  def at(enum, index, default \\ nil) when is_integer(index) do
    case fetch(enum, index) do
      {:ok, x} -> x
      :error -> default
    end
  end

  def fetch(list, index) when is_list(list) and is_integer(index) and index >= 0, do: fetch_list(list, index)
  def fetch(%{__struct__: Range, first: first, step: step} = range, index) when is_integer(index) do
    size = Range.size(range)
    cond do
      index >= 0 and index < size -> {:ok, first + index * step}
      index < 0 and index >= -size -> {:ok, first + (size + index) * step}
      true -> :error
    end
  end
  def fetch(enum, index) when is_integer(index) and index < 0 do
    list = to_list(enum)
    n = length(list)
    if n + index >= 0, do: fetch_list(list, n + index), else: :error
  end
  def fetch(enum, index) when is_integer(index) do
    result = Enumerable.reduce(enum, {:cont, 0}, fn x, i ->
      if i == index, do: {:halt, {:found, x}}, else: {:cont, i + 1}
    end)
    case result do
      {:halted, {:found, x}} -> {:ok, x}
      _ -> :error
    end
  end

  defp fetch_list([h | _], 0), do: {:ok, h}
  defp fetch_list([_ | t], n), do: fetch_list(t, n - 1)
  defp fetch_list([], _), do: :error

  def fetch!(enum, index) do
    case fetch(enum, index) do
      {:ok, x} -> x
      :error -> raise Enum.OutOfBoundsError
    end
  end

  # random/shuffle/take_random draw from :rand as Elixir's do, call for
  # call, so that a seeded process gets the elements the BEAM gets
  def random(list) when is_list(list) do
    case length(list) do
      0 -> raise Enum.EmptyError
      n -> :lists.nth(random_integer(0, n - 1) + 1, list)
    end
  end
  def random(enum) do
    result =
      case Enumerable.count(enum) do
        {:ok, 0} -> []
        {:ok, n} -> [at(enum, random_integer(0, n - 1))]
        {:error, _} -> take_random(enum, 1)
      end
    case result do
      [] -> raise Enum.EmptyError
      [x] -> x
    end
  end

  defp random_integer(n, n), do: n
  defp random_integer(low, high), do: low + :rand.uniform(high - low + 1) - 1

  # sorted by their random keys, then reversed
  def shuffle(enum) do
    randomized = reduce(enum, [], fn x, acc -> [{:rand.uniform(), x} | acc] end)
    :lists.foldl(fn {_, x}, acc -> [x | acc] end, [], :lists.keysort(1, randomized))
  end

  # reservoir sampling: the i-th element replaces a random one of the
  # sample (or none, past the sample's size)
  def take_random(_enum, 0), do: []
  def take_random([], count) when is_integer(count) and count >= 0, do: []
  def take_random([h | t], 1), do: [take_random_one(t, h, 1)]
  def take_random(enum, 1) do
    result =
      reduce(enum, [], fn
        x, [] -> [x | 1]
        x, [current | i] -> if :rand.uniform(i + 1) == 1, do: [x | i + 1], else: [current | i + 1]
      end)
    case result do
      [] -> []
      [current | _] -> [current]
    end
  end
  def take_random(enum, count) when is_integer(count) and count >= 0 do
    {size, sample} =
      reduce(enum, {0, %{}}, fn x, {i, sample} ->
        j = random_integer(0, i)
        cond do
          i < count -> {i + 1, sample |> Map.put(i, Map.get(sample, j)) |> Map.put(j, x)}
          j < count -> {i + 1, Map.put(sample, j, x)}
          true -> {i + 1, sample}
        end
      end)
    sample_list(sample, :erlang.min(count, size), [])
  end

  defp sample_list(_sample, 0, acc), do: acc
  defp sample_list(sample, k, acc), do: sample_list(sample, k - 1, [Map.fetch!(sample, k - 1) | acc])

  defp take_random_one([h | t], current, i) do
    if :rand.uniform(i + 1) == 1, do: take_random_one(t, h, i + 1), else: take_random_one(t, current, i + 1)
  end
  defp take_random_one([], current, _i), do: current

  # ---- take / drop / split ----

  def take(_enum, 0), do: []
  def take(list, n) when is_list(list) and is_integer(n) and n > 0, do: take_list(list, n)
  def take(enum, n) when is_integer(n) and n > 0 do
    {_, {list, _}} =
      Enumerable.reduce(enum, {:cont, {[], n}}, fn
        x, {acc, 1} -> {:halt, {[x | acc], 0}}
        x, {acc, k} -> {:cont, {[x | acc], k - 1}}
      end)
    :lists.reverse(list)
  end
  def take(enum, n) when is_integer(n) and n < 0 do
    list = to_list(enum)
    drop_list(list, :erlang.max(length(list) + n, 0))
  end

  defp take_list([h | t], n) when n > 0, do: [h | take_list(t, n - 1)]
  defp take_list(_, _), do: []

  def drop(list, n) when is_list(list) and is_integer(n) and n >= 0, do: drop_list(list, n)
  def drop(enum, n) when is_integer(n) and n >= 0 do
    {_, {list, _}} =
      Enumerable.reduce(enum, {:cont, {[], n}}, fn
        x, {acc, 0} -> {:cont, {[x | acc], 0}}
        _, {acc, k} -> {:cont, {acc, k - 1}}
      end)
    :lists.reverse(list)
  end
  def drop(enum, n) when is_integer(n) and n < 0 do
    list = to_list(enum)
    take_list(list, :erlang.max(length(list) + n, 0))
  end

  defp drop_list([_ | t], n) when n > 0, do: drop_list(t, n - 1)
  defp drop_list(list, _), do: list

  def take_while(enum, fun) do
    {_, list} =
      Enumerable.reduce(enum, {:cont, []}, fn x, acc ->
        if fun.(x), do: {:cont, [x | acc]}, else: {:halt, acc}
      end)
    :lists.reverse(list)
  end

  def drop_while(enum, fun), do: drop_while_list(to_list(enum), fun)
  defp drop_while_list([h | t] = list, fun), do: if(fun.(h), do: drop_while_list(t, fun), else: list)
  defp drop_while_list([], _), do: []

  def split(enum, n) when is_integer(n) and n >= 0 do
    list = to_list(enum)
    {take_list(list, n), drop_list(list, n)}
  end
  def split(enum, n) when is_integer(n) and n < 0 do
    list = to_list(enum)
    at = :erlang.max(length(list) + n, 0)
    {take_list(list, at), drop_list(list, at)}
  end

  def split_while(enum, fun), do: split_while_list(to_list(enum), fun, [])
  defp split_while_list([h | t], fun, acc) do
    if fun.(h), do: split_while_list(t, fun, [h | acc]), else: {:lists.reverse(acc), [h | t]}
  end
  defp split_while_list([], _, acc), do: {:lists.reverse(acc), []}

  def take_every(_enum, 0), do: []
  def take_every(enum, nth) when is_integer(nth) and nth > 0 do
    {list, _} = reduce(enum, {[], 0}, fn x, {acc, i} ->
      if rem(i, nth) == 0, do: {[x | acc], i + 1}, else: {acc, i + 1}
    end)
    :lists.reverse(list)
  end

  def drop_every(enum, 0), do: to_list(enum)
  def drop_every(_enum, 1), do: []
  def drop_every(enum, nth) when is_integer(nth) and nth > 1 do
    {list, _} = reduce(enum, {[], 0}, fn x, {acc, i} ->
      if rem(i, nth) == 0, do: {acc, i + 1}, else: {[x | acc], i + 1}
    end)
    :lists.reverse(list)
  end

  # ---- slicing ----

  def slice(_enum, start, 0) when is_integer(start), do: []
  def slice(enum, start, amount) when is_integer(start) and start < 0 and is_integer(amount) and amount >= 0 do
    list = to_list(enum)
    count = length(list)
    start = :erlang.max(count + start, 0)
    amount = :erlang.min(amount, count - start)
    if amount > 0, do: take_list(drop_list(list, start), amount), else: []
  end
  def slice(enum, start, amount) when is_integer(start) and is_integer(amount) and amount >= 0 do
    take(drop_lazy(enum, start), amount)
  end

  def slice(enum, %{__struct__: Range, first: first, last: last, step: step} = range) do
    cond do
      step > 0 -> slice_range(enum, first, last, step)
      step == -1 and first > last -> slice_range(enum, first, last, 1)
      true -> raise ArgumentError, "Enum.slice/2 does not accept ranges with negative steps, got: " <> inspect(range)
    end
  end

  defp slice_range(enum, first, last, step) when first >= 0 and last >= first do
    take_every(take(drop_lazy(enum, first), last - first + 1), step)
  end
  defp slice_range(enum, first, last, step) do
    list = to_list(enum)
    count = length(list)
    first = if first >= 0, do: first, else: :erlang.max(first + count, 0)
    last = if last >= 0, do: last, else: last + count
    amount = last - first + 1
    if first < count and amount > 0 do
      take_every(take_list(drop_list(list, first), amount), step)
    else
      []
    end
  end

  # drop for lists and ranges without walking what is dropped twice
  defp drop_lazy(list, n) when is_list(list), do: drop_list(list, n)
  defp drop_lazy(enum, n), do: Stream.drop(enum, n)

  def slide(enum, index, insertion) when is_integer(index), do: slide(enum, index..index, insertion)
  def slide(enum, %{__struct__: Range, first: first, last: last}, insertion) do
    list = to_list(enum)
    count = length(list)
    first = if first < 0, do: :erlang.max(first + count, 0), else: first
    last = if last < 0, do: last + count, else: :erlang.min(last, count - 1)
    insertion = if insertion < 0, do: insertion + count, else: insertion
    cond do
      first >= count or first > last or first == insertion ->
        list
      insertion > first and insertion <= last ->
        raise ArgumentError, "insertion index for slide must be outside the range being moved " <>
          "(tried to insert #{first}..#{last} at #{insertion})"
      insertion > last ->
        {pre, rest} = split(list, first)
        {moved, rest} = split(rest, last - first + 1)
        {mid, post} = split(rest, insertion - last)
        pre ++ mid ++ moved ++ post
      true ->
        {pre, rest} = split(list, insertion)
        {mid, rest} = split(rest, first - insertion)
        {moved, post} = split(rest, last - first + 1)
        pre ++ moved ++ mid ++ post
    end
  end

  def reverse_slice(enum, start, count) when is_integer(start) and start >= 0 and is_integer(count) and count >= 0 do
    list = to_list(enum)
    take_list(list, start) ++ :lists.reverse(take_list(drop_list(list, start), count)) ++
      drop_list(list, start + count)
  end

  # ---- chunking ----

  def chunk_every(enum, count), do: chunk_every(enum, count, count, [])

  def chunk_every(enum, count, step, leftover \\ [])
      when is_integer(count) and count > 0 and is_integer(step) and step > 0 do
    limit = :erlang.max(count, step)
    chunk_fun = fn entry, {buffer, n} ->
      buffer = [entry | buffer]
      n = n + 1
      state =
        if n >= limit do
          remaining = n - step
          {take_list(buffer, remaining), remaining}
        else
          {buffer, n}
        end
      if n == count, do: {:cont, :lists.reverse(buffer), state}, else: {:cont, state}
    end
    after_fun = fn {buffer, n} ->
      if leftover == :discard or n == 0 or n >= count do
        {:cont, []}
      else
        {:cont, :lists.reverse(buffer, take(leftover, count - n)), []}
      end
    end
    chunk_while(enum, {[], 0}, chunk_fun, after_fun)
  end

  def chunk_while(enum, acc, chunk_fun, after_fun) do
    {_, {chunks, acc}} =
      Enumerable.reduce(enum, {:cont, {[], acc}}, fn x, {chunks, acc} ->
        case chunk_fun.(x, acc) do
          {:cont, chunk, acc} -> {:cont, {[chunk | chunks], acc}}
          {:cont, acc} -> {:cont, {chunks, acc}}
          {:halt, acc} -> {:halt, {chunks, acc}}
        end
      end)
    case after_fun.(acc) do
      {:cont, _} -> :lists.reverse(chunks)
      {:cont, chunk, _} -> :lists.reverse([chunk | chunks])
    end
  end

  def chunk_by(enum, fun) do
    chunk_while(enum, nil,
      fn
        x, nil -> {:cont, {[x], fun.(x)}}
        x, {acc, key} ->
          k = fun.(x)
          if k === key, do: {:cont, {[x | acc], key}}, else: {:cont, :lists.reverse(acc), {[x], k}}
      end,
      fn
        nil -> {:cont, :done}
        {acc, _} -> {:cont, :lists.reverse(acc), :done}
      end)
  end

  # ---- joining and concatenating ----

  def concat(enums), do: flat_map(enums, &to_list/1)
  def concat(left, right) when is_list(left) and is_list(right), do: left ++ right
  def concat(left, right), do: to_list(left) ++ to_list(right)

  def join(enum, joiner \\ "")
  def join(enum, joiner) when is_binary(joiner) do
    case reduce(enum, :first, fn
           x, :first -> [entry_to_string(x)]
           x, acc -> [entry_to_string(x), joiner | acc]
         end) do
      :first -> ""
      list -> :erlang.iolist_to_binary(:lists.reverse(list))
    end
  end

  def map_join(enum, mapper), do: map_join(enum, "", mapper)
  def map_join(enum, joiner, mapper) when is_binary(joiner) do
    join(map(enum, mapper), joiner)
  end

  defp entry_to_string(x) when is_binary(x), do: x
  defp entry_to_string(x), do: to_string(x)

  def into(enum, collectable) when is_list(collectable), do: collectable ++ to_list(enum)
  def into(enum, %{__struct__: MapSet} = set), do: reduce(enum, set, &MapSet.put(&2, &1))
  def into(enum, %{__struct__: _} = other), do: Collectable.__collect__(enum, other)
  def into(enum, collectable) when is_map(collectable), do: into_map(enum, collectable)
  def into(enum, collectable) when is_bitstring(collectable) do
    parts = map(enum, fn
      x when is_bitstring(x) -> x
      x -> raise ArgumentError, "collecting into a binary requires a bitstring, got: " <> inspect(x)
    end)
    if is_binary(collectable) and :lists.all(&is_binary/1, parts) do
      :erlang.iolist_to_binary([collectable | parts])
    else
      :lists.foldl(fn part, acc -> <<acc::bitstring, part::bitstring>> end, collectable, parts)
    end
  end
  def into(enum, other), do: Collectable.__collect__(enum, other)

  defp into_map(enum, map) do
    reduce(enum, map, fn
      {k, v}, acc -> :maps.put(k, v, acc)
      other, _ -> raise ArgumentError, "collecting into a map requires {key, value} tuples, got: " <> inspect(other)
    end)
  end

  def into(enum, collectable, transform), do: into(map(enum, transform), collectable)

  # ---- arithmetic ----

  def sum(%{__struct__: Range, first: first, last: _last, step: step} = range) do
    case Range.size(range) do
      0 -> 0
      n -> div(n * (first + first + (n - 1) * step), 2)
    end
  end
  def sum(enum), do: reduce(enum, 0, &+/2)

  def product(enum), do: reduce(enum, 1, &*/2)

  # ---- ordering ----

  def reverse(list) when is_list(list), do: :lists.reverse(list)
  def reverse(enum), do: reduce(enum, [], &[&1 | &2])
  def reverse(enum, tail), do: :lists.reverse(to_list(enum), to_list(tail))

  # :asc and :desc sorts, and sort_by, use the stable C sort (:lists.sort/1);
  # only a sort function of the caller's runs the merge sort in :lists.sort/2.
  def sort(enum), do: :lists.sort(to_list(enum))
  def sort(enum, :asc), do: sort(enum)
  def sort(enum, :desc), do: sort_desc(to_list(enum))
  def sort(enum, fun) when is_function(fun, 2) do
    list = to_list(enum)
    # &<=/2 and &>=/2 (captures of :erlang's operators) sort the same in C
    cond do
      fun == (&:erlang."=<"/2) -> :lists.sort(list)
      fun == (&:erlang.>=/2) -> sort_desc(list)
      true -> :lists.sort(fun, list)
    end
  end
  def sort(enum, {:asc, module}), do: :lists.sort(fn a, b -> module.compare(a, b) != :gt end, to_list(enum))
  def sort(enum, {:desc, module}), do: :lists.sort(fn a, b -> module.compare(a, b) != :lt end, to_list(enum))
  def sort(enum, module) when is_atom(module), do: sort(enum, {:asc, module})

  # descending, equal elements in their original order
  defp sort_desc(list), do: :lists.reverse(:lists.sort(:lists.reverse(list)))

  def sort_by(enum, mapper, sorter \\ :asc)
  def sort_by(enum, mapper, :asc) do
    {tagged, _} = reduce(enum, {[], 0}, fn x, {acc, i} -> {[{mapper.(x), i, x} | acc], i + 1} end)
    for {_, _, x} <- :lists.sort(tagged), do: x
  end
  def sort_by(enum, mapper, :desc) do
    {tagged, _} = reduce(enum, {[], 0}, fn x, {acc, i} -> {[{mapper.(x), -i, x} | acc], i + 1} end)
    for {_, _, x} <- :lists.reverse(:lists.sort(tagged)), do: x
  end
  def sort_by(enum, mapper, sorter) do
    pairs = map(enum, fn x -> {mapper.(x), x} end)
    fun = sort_fun(sorter)
    for {_, x} <- :lists.sort(fn {a, _}, {b, _} -> fun.(a, b) end, pairs), do: x
  end

  defp sort_fun({:asc, module}), do: fn a, b -> module.compare(a, b) != :gt end
  defp sort_fun({:desc, module}), do: fn a, b -> module.compare(a, b) != :lt end
  defp sort_fun(fun) when is_function(fun, 2), do: fun
  defp sort_fun(module) when is_atom(module), do: sort_fun({:asc, module})

  def min(enum, sorter \\ &<=/2, empty_fallback \\ fn -> raise Enum.EmptyError end)
  def min(enum, fallback, _) when is_function(fallback, 0), do: pick(enum, &<=/2, fallback)
  def min(enum, sorter, fallback), do: pick(enum, min_sorter(sorter), fallback)

  def max(enum, sorter \\ &>=/2, empty_fallback \\ fn -> raise Enum.EmptyError end)
  def max(enum, fallback, _) when is_function(fallback, 0), do: pick(enum, &>=/2, fallback)
  def max(enum, sorter, fallback), do: pick(enum, max_sorter(sorter), fallback)

  defp min_sorter(:asc), do: &<=/2
  defp min_sorter(:desc), do: &>=/2
  defp min_sorter(fun) when is_function(fun, 2), do: fun
  defp min_sorter(module) when is_atom(module), do: fn a, b -> module.compare(a, b) != :gt end
  defp max_sorter(:asc), do: &>=/2
  defp max_sorter(:desc), do: &<=/2
  defp max_sorter(fun) when is_function(fun, 2), do: fun
  defp max_sorter(module) when is_atom(module), do: fn a, b -> module.compare(a, b) != :lt end

  # The first element x for which sorter.(x, y) holds against every later y.
  defp pick(enum, sorter, fallback) do
    result =
      reduce(enum, :__ciex_empty__, fn
        x, :__ciex_empty__ -> {:v, x}
        x, {:v, best} -> if sorter.(best, x), do: {:v, best}, else: {:v, x}
      end)
    case result do
      {:v, x} -> x
      :__ciex_empty__ -> fallback.()
    end
  end

  def min_by(enum, fun, sorter \\ &<=/2, empty_fallback \\ fn -> raise Enum.EmptyError end)
  def min_by(enum, fun, fallback, _) when is_function(fallback, 0), do: pick_by(enum, fun, &<=/2, fallback)
  def min_by(enum, fun, sorter, fallback), do: pick_by(enum, fun, min_sorter(sorter), fallback)

  def max_by(enum, fun, sorter \\ &>=/2, empty_fallback \\ fn -> raise Enum.EmptyError end)
  def max_by(enum, fun, fallback, _) when is_function(fallback, 0), do: pick_by(enum, fun, &>=/2, fallback)
  def max_by(enum, fun, sorter, fallback), do: pick_by(enum, fun, max_sorter(sorter), fallback)

  defp pick_by(enum, fun, sorter, fallback) do
    result =
      reduce(enum, :__ciex_empty__, fn
        x, :__ciex_empty__ -> {:v, x, fun.(x)}
        x, {:v, best, key} ->
          k = fun.(x)
          if sorter.(key, k), do: {:v, best, key}, else: {:v, x, k}
      end)
    case result do
      {:v, x, _} -> x
      :__ciex_empty__ -> fallback.()
    end
  end

  def min_max(enum, empty_fallback \\ fn -> raise Enum.EmptyError end) do
    result =
      reduce(enum, :__ciex_empty__, fn
        x, :__ciex_empty__ -> {x, x}
        x, {lo, hi} -> {if(x < lo, do: x, else: lo), if(x > hi, do: x, else: hi)}
      end)
    case result do
      :__ciex_empty__ -> empty_fallback.()
      pair -> pair
    end
  end

  def min_max_by(enum, fun, sorter_or_fallback \\ &</2, empty_fallback \\ fn -> raise Enum.EmptyError end)
  def min_max_by(enum, fun, fallback, _) when is_function(fallback, 0), do: min_max_by(enum, fun, &</2, fallback)
  def min_max_by(enum, fun, sorter, fallback) do
    less = if is_function(sorter, 2), do: sorter, else: fn a, b -> sorter.compare(a, b) == :lt end
    result =
      reduce(enum, :__ciex_empty__, fn
        x, :__ciex_empty__ ->
          k = fun.(x)
          {x, k, x, k}
        x, {lo, lk, hi, hk} ->
          k = fun.(x)
          {lo, lk} = if less.(k, lk), do: {x, k}, else: {lo, lk}
          {hi, hk} = if less.(hk, k), do: {x, k}, else: {hi, hk}
          {lo, lk, hi, hk}
      end)
    case result do
      :__ciex_empty__ -> fallback.()
      {lo, _, hi, _} -> {lo, hi}
    end
  end

  def uniq(enum), do: uniq_by(enum, fn x -> x end)

  def uniq_by(enum, fun) do
    {list, _} = reduce(enum, {[], %{}}, fn x, {acc, seen} ->
      k = fun.(x)
      if :erlang.is_map_key(k, seen), do: {acc, seen}, else: {[x | acc], :maps.put(k, true, seen)}
    end)
    :lists.reverse(list)
  end

  def dedup(enum), do: dedup_by(enum, fn x -> x end)

  def dedup_by(enum, fun) do
    {list, _} = reduce(enum, {[], :__ciex_none__}, fn x, {acc, prev} ->
      k = fun.(x)
      case prev do
        {:k, ^k} -> {acc, prev}
        _ -> {[x | acc], {:k, k}}
      end
    end)
    :lists.reverse(list)
  end

  def frequencies(enum), do: frequencies_by(enum, fn x -> x end)

  def frequencies_by(enum, fun) do
    reduce(enum, %{}, fn x, acc ->
      k = fun.(x)
      case acc do
        %{^k => n} -> :maps.put(k, n + 1, acc)
        _ -> :maps.put(k, 1, acc)
      end
    end)
  end

  def group_by(enum, key_fun, value_fun \\ fn x -> x end) do
    reduce(reverse(enum), %{}, fn x, acc ->
      k = key_fun.(x)
      v = value_fun.(x)
      case acc do
        %{^k => list} -> :maps.put(k, [v | list], acc)
        _ -> :maps.put(k, [v], acc)
      end
    end)
  end

  # ---- zipping ----

  def zip(left, right), do: zip([left, right])

  def zip([]), do: []
  def zip(enums) do
    if Enum.all?(enums, &is_list/1) do
      zip_lists(enums, [])
    else
      Stream.zip(enums) |> to_list()
    end
  end

  defp zip_lists(lists, acc) do
    if Enum.all?(lists, &(&1 != [])) do
      zip_lists(for([_ | t] <- lists, do: t), [:erlang.list_to_tuple(for([h | _] <- lists, do: h)) | acc])
    else
      :lists.reverse(acc)
    end
  end

  def zip_with(left, right, fun), do: zip_with([left, right], fn [a, b] -> fun.(a, b) end)
  def zip_with(enums, fun), do: map(zip(enums), fn t -> fun.(:erlang.tuple_to_list(t)) end)

  def zip_reduce(left, right, acc, fun) do
    reduce(zip(left, right), acc, fn {a, b}, acc -> fun.(a, b, acc) end)
  end
  def zip_reduce(enums, acc, fun) do
    reduce(zip(enums), acc, fn t, acc -> fun.(:erlang.tuple_to_list(t), acc) end)
  end

  def unzip(enum) do
    {as, bs} = reduce(enum, {[], []}, fn {a, b}, {as, bs} -> {[a | as], [b | bs]} end)
    {:lists.reverse(as), :lists.reverse(bs)}
  end
end
