# Map: functions over maps, on the :maps BIFs.
defmodule Map do
  def new(), do: %{}
  def new(%{__struct__: _} = struct), do: new(Enum.to_list(struct))
  def new(map) when is_map(map), do: map
  def new(enum), do: :maps.from_list(Enum.to_list(enum))
  def new(enum, fun), do: :maps.from_list(Enum.map(enum, fun))

  def get(map, key, default \\ nil) do
    case map do
      %{^key => value} -> value
      %{} -> default
      other -> :erlang.error({:badmap, other})
    end
  end

  def get_lazy(map, key, fun) do
    case map do
      %{^key => value} -> value
      %{} -> fun.()
      other -> :erlang.error({:badmap, other})
    end
  end

  def fetch(map, key), do: :maps.find(key, map)
  def fetch!(map, key), do: :maps.get(key, map)
  def has_key?(map, key), do: :maps.is_key(key, map)
  def put(map, key, value), do: :maps.put(key, value, map)
  def delete(map, key), do: :maps.remove(key, map)
  def keys(map), do: :maps.keys(map)
  def values(map), do: :maps.values(map)
  def to_list(map), do: :maps.to_list(map)
  def size(map), do: map_size(map)
  def equal?(a, b) when is_map(a) and is_map(b), do: a === b

  def merge(a, b), do: :maps.merge(a, b)
  def merge(a, b, fun) when is_function(fun, 3) do
    :maps.fold(fn k, v2, acc ->
      case acc do
        %{^k => v1} -> :maps.put(k, fun.(k, v1, v2), acc)
        _ -> :maps.put(k, v2, acc)
      end
    end, a, b)
  end

  def put_new(map, key, value) do
    case map do
      %{^key => _} -> map
      %{} -> :maps.put(key, value, map)
      other -> :erlang.error({:badmap, other})
    end
  end

  def put_new_lazy(map, key, fun) do
    case map do
      %{^key => _} -> map
      %{} -> :maps.put(key, fun.(), map)
      other -> :erlang.error({:badmap, other})
    end
  end

  def replace(map, key, value) do
    case map do
      %{^key => _} -> :maps.put(key, value, map)
      %{} -> map
      other -> :erlang.error({:badmap, other})
    end
  end

  def replace!(map, key, value) do
    case map do
      %{^key => _} -> :maps.put(key, value, map)
      %{} -> :erlang.error({:badkey, key, map})
      other -> :erlang.error({:badmap, other})
    end
  end

  def replace_lazy(map, key, fun) do
    case map do
      %{^key => v} -> :maps.put(key, fun.(v), map)
      %{} -> map
      other -> :erlang.error({:badmap, other})
    end
  end

  def update(map, key, default, fun) do
    case map do
      %{^key => value} -> :maps.put(key, fun.(value), map)
      %{} -> :maps.put(key, default, map)
      other -> :erlang.error({:badmap, other})
    end
  end

  def update!(map, key, fun) do
    value = :maps.get(key, map)
    :maps.put(key, fun.(value), map)
  end

  def pop(map, key, default \\ nil) do
    case map do
      %{^key => value} -> {value, :maps.remove(key, map)}
      %{} -> {default, map}
      other -> :erlang.error({:badmap, other})
    end
  end

  def pop!(map, key) do
    value = :maps.get(key, map)
    {value, :maps.remove(key, map)}
  end

  def pop_lazy(map, key, fun) do
    case map do
      %{^key => value} -> {value, :maps.remove(key, map)}
      %{} -> {fun.(), map}
      other -> :erlang.error({:badmap, other})
    end
  end

  def get_and_update(map, key, fun) do
    current = get(map, key)
    case fun.(current) do
      {get, update} -> {get, :maps.put(key, update, map)}
      :pop -> {current, :maps.remove(key, map)}
      other -> raise RuntimeError, "the given function must return a two-element tuple or :pop, got: " <> inspect(other)
    end
  end

  def get_and_update!(map, key, fun) do
    current = :maps.get(key, map)
    case fun.(current) do
      {get, update} -> {get, :maps.put(key, update, map)}
      :pop -> {current, :maps.remove(key, map)}
      other -> raise RuntimeError, "the given function must return a two-element tuple or :pop, got: " <> inspect(other)
    end
  end

  def take(map, keys) when is_map(map) do
    :maps.from_list(for k <- Enum.to_list(keys), :erlang.is_map_key(k, map), do: {k, :maps.get(k, map)})
  end
  def take(other, _keys), do: :erlang.error({:badmap, other})

  def drop(map, keys) when is_map(map), do: Enum.reduce(keys, map, fn k, acc -> :maps.remove(k, acc) end)
  def drop(other, _keys), do: :erlang.error({:badmap, other})

  def split(map, keys) when is_map(map) do
    {take(map, keys), drop(map, keys)}
  end

  def filter(map, fun) when is_map(map), do: :maps.from_list(for(pair <- :maps.to_list(map), fun.(pair), do: pair))
  def reject(map, fun) when is_map(map), do: :maps.from_list(for(pair <- :maps.to_list(map), not fun.(pair), do: pair))
  def map(map, fun) when is_map(map), do: :maps.from_list(for({k, _} = pair <- :maps.to_list(map), do: {k, fun.(pair)}))

  def from_struct(%{__struct__: _} = struct), do: :maps.remove(:__struct__, struct)
  def from_struct(module) when is_atom(module), do: :maps.remove(:__struct__, struct(module))

  def from_keys(keys, value), do: :maps.from_list(for(k <- keys, do: {k, value}))
end

# Keyword: lists of {atom, value} pairs, where the first entry of a key wins.
defmodule Keyword do
  def new(), do: []
  # the last value of a key wins, at the place of its last occurrence:
  # the pairs are put_new'd from the last one
  def new(pairs), do: new(pairs, fn pair -> pair end)
  def new(pairs, transform) when is_function(transform, 1) do
    :lists.foldl(fn el, acc ->
      {k, v} = transform.(el)
      put_new(acc, k, v)
    end, [], Enum.reverse(pairs))
  end

  def keyword?([{k, _} | rest]) when is_atom(k), do: keyword?(rest)
  def keyword?([]), do: true
  def keyword?(_), do: false

  def get(kw, key, default \\ nil) when is_list(kw) and is_atom(key) do
    case :lists.keyfind(key, 1, kw) do
      {_, v} -> v
      false -> default
    end
  end

  def get_lazy(kw, key, fun) when is_list(kw) and is_atom(key) and is_function(fun, 0) do
    case :lists.keyfind(key, 1, kw) do
      {_, v} -> v
      false -> fun.()
    end
  end

  def get_values(kw, key) when is_list(kw) and is_atom(key), do: for({^key, v} <- kw, do: v)

  def fetch(kw, key) when is_list(kw) and is_atom(key) do
    case :lists.keyfind(key, 1, kw) do
      {_, v} -> {:ok, v}
      false -> :error
    end
  end

  def fetch!(kw, key) when is_list(kw) and is_atom(key) do
    case :lists.keyfind(key, 1, kw) do
      {_, v} -> v
      false -> :erlang.error(KeyError.exception(key: key, term: kw))
    end
  end

  def has_key?(kw, key) when is_list(kw) and is_atom(key), do: :lists.keyfind(key, 1, kw) != false
  def keys(kw) when is_list(kw) do
    :lists.map(fn
      {k, _} when is_atom(k) -> k
      other ->
        raise ArgumentError, "expected a keyword list, but an entry in the list is not a " <>
          "two-element tuple with an atom as its first element, got: " <> inspect(other)
    end, kw)
  end
  def values(kw) when is_list(kw), do: :lists.map(fn {_, v} -> v end, kw)
  def to_list(kw) when is_list(kw), do: kw

  def delete(kw, key) when is_list(kw) and is_atom(key), do: for({k, _} = pair <- kw, k != key, do: pair)
  def delete_first(kw, key) when is_list(kw) and is_atom(key) do
    case :lists.keyfind(key, 1, kw) do
      false -> kw
      _ -> :lists.keydelete(key, 1, kw)
    end
  end

  def put(kw, key, value) when is_list(kw) and is_atom(key), do: [{key, value} | delete(kw, key)]

  def put_new(kw, key, value) when is_list(kw) and is_atom(key) do
    case :lists.keyfind(key, 1, kw) do
      {_, _} -> kw
      false -> [{key, value} | kw]
    end
  end

  def put_new_lazy(kw, key, fun) when is_list(kw) and is_atom(key) and is_function(fun, 0) do
    case :lists.keyfind(key, 1, kw) do
      {_, _} -> kw
      false -> [{key, fun.()} | kw]
    end
  end

  def update(kw, key, default, fun) when is_list(kw) and is_atom(key) and is_function(fun, 1) do
    case :lists.keyfind(key, 1, kw) do
      {_, v} -> put_at_first(kw, key, fun.(v))
      false -> kw ++ [{key, default}]
    end
  end

  def update!(kw, key, fun) when is_list(kw) and is_atom(key) and is_function(fun, 1) do
    case :lists.keyfind(key, 1, kw) do
      {_, v} -> put_at_first(kw, key, fun.(v))
      false -> :erlang.error(KeyError.exception(key: key, term: kw))
    end
  end

  def replace(kw, key, value) when is_list(kw) and is_atom(key) do
    case :lists.keyfind(key, 1, kw) do
      {_, _} -> put_at_first(kw, key, value)
      false -> kw
    end
  end

  def replace!(kw, key, value) when is_list(kw) and is_atom(key) do
    case :lists.keyfind(key, 1, kw) do
      {_, _} -> put_at_first(kw, key, value)
      false -> :erlang.error(KeyError.exception(key: key, term: kw))
    end
  end

  # the first occurrence takes the value, later ones go
  defp put_at_first([{key, _} | rest], key, value), do: [{key, value} | delete(rest, key)]
  defp put_at_first([pair | rest], key, value), do: [pair | put_at_first(rest, key, value)]
  defp put_at_first([], _key, _value), do: []

  def pop(kw, key, default \\ nil) when is_list(kw) and is_atom(key) do
    case fetch(kw, key) do
      {:ok, v} -> {v, delete(kw, key)}
      :error -> {default, kw}
    end
  end

  def pop!(kw, key) when is_list(kw) and is_atom(key) do
    case fetch(kw, key) do
      {:ok, v} -> {v, delete(kw, key)}
      :error -> :erlang.error(KeyError.exception(key: key, term: kw))
    end
  end

  def pop_lazy(kw, key, fun) when is_list(kw) and is_atom(key) and is_function(fun, 0) do
    case fetch(kw, key) do
      {:ok, v} -> {v, delete(kw, key)}
      :error -> {fun.(), kw}
    end
  end

  def pop_first(kw, key, default \\ nil) when is_list(kw) and is_atom(key) do
    case :lists.keytake(key, 1, kw) do
      {:value, {^key, v}, rest} -> {v, rest}
      false -> {default, kw}
    end
  end

  def pop_values(kw, key) when is_list(kw) and is_atom(key), do: {get_values(kw, key), delete(kw, key)}

  def get_and_update(kw, key, fun) when is_list(kw) and is_atom(key) do
    current = get(kw, key)
    case fun.(current) do
      {get, new} -> {get, if(has_key?(kw, key), do: put_at_first(kw, key, new), else: [{key, new} | kw])}
      :pop -> {current, delete(kw, key)}
    end
  end

  def merge(kw1, []) when is_list(kw1), do: kw1
  def merge([], kw2) when is_list(kw2), do: kw2
  def merge(kw1, kw2) when is_list(kw1) and is_list(kw2) do
    keyword_argument!(kw2, "second")
    keyword_argument!(kw1, "first")
    for({k, _} = pair <- kw1, not has_key?(kw2, k), do: pair) ++ kw2
  end

  def merge(kw1, kw2, fun) when is_list(kw1) and is_list(kw2) and is_function(fun, 3) do
    keyword_argument!(kw1, "first")
    keyword_argument!(kw2, "second")
    do_merge(kw2, [], kw1, kw1, fun)
  end

  defp keyword_argument!(kw, which) do
    if not keyword?(kw) do
      raise ArgumentError, "expected a keyword list as the #{which} argument, got: " <> inspect(kw)
    end
  end

  defp do_merge([{key, v2} | tail], acc, rest, original, fun) do
    case :lists.keyfind(key, 1, original) do
      {^key, v1} ->
        do_merge(tail, [{key, fun.(key, v1, v2)} | acc], delete(rest, key), :lists.keydelete(key, 1, original), fun)
      false ->
        do_merge(tail, [{key, v2} | acc], rest, original, fun)
    end
  end
  defp do_merge([], acc, rest, _original, _fun), do: rest ++ :lists.reverse(acc)

  def split(kw, keys) when is_list(kw) and is_list(keys) do
    {a, b} = Enum.reduce(kw, {[], []}, fn {k, _} = pair, {take, drop} ->
      if k in keys, do: {[pair | take], drop}, else: {take, [pair | drop]}
    end)
    {:lists.reverse(a), :lists.reverse(b)}
  end

  def take(kw, keys) when is_list(kw) and is_list(keys), do: for({k, _} = pair <- kw, k in keys, do: pair)
  def drop(kw, keys) when is_list(kw) and is_list(keys), do: for({k, _} = pair <- kw, k not in keys, do: pair)
  def filter(kw, fun) when is_list(kw) and is_function(fun, 1), do: for(pair <- kw, fun.(pair), do: pair)
  def reject(kw, fun) when is_list(kw) and is_function(fun, 1), do: for(pair <- kw, not fun.(pair), do: pair)
  def map(kw, fun) when is_list(kw), do: for({k, _} = pair <- kw, do: {k, fun.(pair)})
  def equal?(a, b) when is_list(a) and is_list(b), do: :lists.sort(a) === :lists.sort(b)
  def from_keys(keys, value) when is_list(keys), do: for(k <- keys, do: {k, value})

  def replace_lazy(kw, key, fun) when is_list(kw) and is_atom(key) and is_function(fun, 1) do
    case :lists.keyfind(key, 1, kw) do
      {^key, value} -> put_at_first(kw, key, fun.(value))
      false -> kw
    end
  end

  def get_and_update!(kw, key, fun) when is_list(kw) and is_atom(key) and is_function(fun, 1) do
    case :lists.keyfind(key, 1, kw) do
      {^key, current} ->
        case fun.(current) do
          {get, new} -> {get, put_at_first(kw, key, new)}
          # only the first occurrence goes, as in Elixir
          :pop -> {current, :lists.keydelete(key, 1, kw)}
          other -> raise "the given function must return a two-element tuple or :pop, got: " <> inspect(other)
        end
      false ->
        raise KeyError, key: key, term: kw
    end
  end

  # Keyword.validate/2: the keys given must be among the allowed ones
  # (atoms, or {atom, default}), each at most once; defaults fill the rest.
  def validate(keyword, values) when is_list(keyword) and is_list(values) do
    case validate_keys(keyword, values) do
      {:ok, kw} -> {:ok, kw}
      {:unknown, keys} -> {:error, keys}
      {:duplicate, keys} -> {:error, keys}
    end
  end

  def validate!(keyword, values) do
    case validate_keys(keyword, values) do
      {:ok, kw} ->
        kw
      {:unknown, keys} ->
        allowed = for v <- values, do: (case v do {k, _} -> k; k -> k end)
        raise ArgumentError,
              "unknown keys " <> inspect(keys) <> " in " <> inspect(keyword) <> ", the allowed keys are: " <> inspect(allowed)
      {:duplicate, keys} ->
        raise ArgumentError, "duplicate keys " <> inspect(keys) <> " in " <> inspect(keyword)
    end
  end

  defp validate_keys(keyword, values) do
    {acc, unknown, dups, seen} =
      :lists.foldl(fn
        {key, _} = pair, {acc, unknown, dups, seen} when is_atom(key) ->
          cond do
            :lists.member(key, seen) -> {acc, unknown, [key | dups], seen}
            allowed_key?(key, values) -> {[pair | acc], unknown, dups, [key | seen]}
            true -> {acc, [key | unknown], dups, seen}
          end
        other, _ ->
          raise ArgumentError, "expected a keyword list as first argument, got invalid entry: " <> inspect(other)
      end, {[], [], [], []}, keyword)
    cond do
      unknown != [] -> {:unknown, unknown}
      dups != [] -> {:duplicate, :lists.reverse(dups)}
      true ->
        {:ok, :lists.foldl(fn
          {key, default}, acc when is_atom(key) -> if :lists.member(key, seen), do: acc, else: [{key, default} | acc]
          key, acc when is_atom(key) -> acc
          other, _ -> raise ArgumentError, "expected the second argument to be a list of atoms or tuples, got: " <> inspect(other)
        end, acc, values)}
    end
  end

  defp allowed_key?(key, values), do: :lists.member(key, values) or :lists.keymember(key, 1, values)
end

# List: functions specific to lists.
defmodule List do
  # Myers' difference, searched as Elixir's List does so that the same
  # edit script comes out: envelope d = 0, 1, ... holds one path per
  # diagonal -d..d (step 2), {y, rest1, rest2, edits}; each is taken from
  # the neighbour that went furthest, moved down (a :del from list1) or
  # right (an :ins from list2, or a :diff from diff_script), then along
  # equal elements.  The first path to use up both lists wins.
  def myers_difference(list1, list2) when is_list(list1) and is_list(list2) do
    myers_envelope(0, [{0, list1, list2, []}], nil)
  end

  def myers_difference(list1, list2, diff_script)
      when is_list(list1) and is_list(list2) and is_function(diff_script) do
    myers_envelope(0, [{0, list1, list2, []}], diff_script)
  end

  defp myers_envelope(d, paths, script) do
    case myers_diagonals(-d, d, paths, [], script) do
      {:done, edits} -> myers_compact(edits, [])
      {:next, paths} -> myers_envelope(d + 1, paths, script)
    end
  end

  defp myers_diagonals(k, d, _paths, next, _script) when k > d, do: {:next, :lists.reverse(next)}
  defp myers_diagonals(k, d, paths, next, script) do
    {path, rest} = myers_step(k, d, paths, script)
    case myers_snake(path) do
      {:cont, path} -> myers_diagonals(k + 2, d, rest, [path | next], script)
      {:done, edits} -> {:done, edits}
    end
  end

  defp myers_step(0, 0, [path], _script), do: {path, []}
  defp myers_step(k, d, [path | _] = paths, script) when k == -d, do: {myers_down(path, script), paths}
  defp myers_step(k, d, [path], script) when k == d, do: {myers_right(path, script), []}
  defp myers_step(_k, _d, [path1, path2 | rest], script) do
    if elem(path1, 0) > elem(path2, 0) do
      {myers_right(path1, script), [path2 | rest]}
    else
      {myers_down(path2, script), [path2 | rest]}
    end
  end

  defp myers_snake({y, [x | rest1], [x | rest2], edits}), do: myers_snake({y + 1, rest1, rest2, [{:eq, x} | edits]})
  defp myers_snake({_y, [], [], edits}), do: {:done, edits}
  defp myers_snake(path), do: {:cont, path}

  defp myers_right({y, [x1 | rest1] = list1, [x2 | rest2], edits}, script) when script != nil do
    case script.(x1, x2) do
      no when no in [false, nil] -> {y, list1, rest2, [{:ins, x2} | edits]}
      diff -> {y + 1, rest1, rest2, [{:diff, diff} | edits]}
    end
  end
  defp myers_right({y, list1, [x | rest], edits}, _script), do: {y, list1, rest, [{:ins, x} | edits]}
  defp myers_right({y, list1, [], edits}, _script), do: {y, list1, [], edits}

  defp myers_down({y, [x1 | rest1], [x2 | rest2] = list2, edits}, script) when script != nil do
    case script.(x1, x2) do
      no when no in [false, nil] -> {y + 1, rest1, list2, [{:del, x1} | edits]}
      diff -> {y + 1, rest1, rest2, [{:diff, diff} | edits]}
    end
  end
  defp myers_down({y, [x | rest], list2, edits}, _script), do: {y + 1, rest, list2, [{:del, x} | edits]}
  defp myers_down({y, [], list2, edits}, _script), do: {y + 1, [], list2, edits}

  # edits come newest first: runs of one kind are gathered, and an
  # insertion between two equal runs that repeats the first is moved
  defp myers_compact([], acc), do: acc
  defp myers_compact([{:diff, _} = diff | rest], acc), do: myers_compact(rest, [diff | acc])
  defp myers_compact([{kind, x} | rest], [{kind, xs} | acc]), do: myers_compact(rest, [{kind, [x | xs]} | acc])
  defp myers_compact(rest, [{:eq, xs}, {:ins, xs}, {:eq, other} | acc]) do
    myers_compact(rest, [{:ins, xs}, {:eq, xs ++ other} | acc])
  end
  defp myers_compact([{kind, x} | rest], acc), do: myers_compact(rest, [{kind, [x]} | acc])

  def first(list, default \\ nil)
  def first([], default), do: default
  def first([h | _], _default), do: h

  def last(list, default \\ nil)
  def last([], default), do: default
  def last([h], _default), do: h
  def last([_ | t], default), do: last(t, default)

  def flatten(list), do: :lists.flatten(list)
  def flatten(list, tail), do: :lists.flatten(list, tail)

  def duplicate(elem, n), do: :lists.duplicate(n, elem)

  def wrap(nil), do: []
  def wrap(list) when is_list(list), do: list
  def wrap(other), do: [other]

  def delete(list, elem), do: :lists.delete(elem, list)

  def delete_at(list, index) do
    case pop_at(list, index) do
      {_, rest} -> rest
    end
  end

  def insert_at(list, index, value) when is_integer(index) do
    index = if index < 0, do: max(length(list) + index + 1, 0), else: index
    {a, b} = Enum.split(list, index)
    a ++ [value | b]
  end

  def replace_at(list, index, value), do: update_at(list, index, fn _ -> value end)

  def update_at(list, index, fun) when is_integer(index) do
    index = if index < 0, do: length(list) + index, else: index
    if index < 0, do: list, else: do_update_at(list, index, fun)
  end
  defp do_update_at([h | t], 0, fun), do: [fun.(h) | t]
  defp do_update_at([h | t], n, fun), do: [h | do_update_at(t, n - 1, fun)]
  defp do_update_at([], _, _), do: []

  def pop_at(list, index, default \\ nil) when is_integer(index) do
    index = if index < 0, do: length(list) + index, else: index
    if index < 0, do: {default, list}, else: do_pop_at(list, index, default, [])
  end
  defp do_pop_at([h | t], 0, _default, acc), do: {h, :lists.reverse(acc, t)}
  defp do_pop_at([h | t], n, default, acc), do: do_pop_at(t, n - 1, default, [h | acc])
  defp do_pop_at([], _, default, acc), do: {default, :lists.reverse(acc)}

  def foldl(list, acc, fun), do: :lists.foldl(fun, acc, list)
  def foldr(list, acc, fun), do: :lists.foldr(fun, acc, list)

  def keyfind(list, key, pos, default \\ nil) do
    case :lists.keyfind(key, pos + 1, list) do
      false -> default
      tuple -> tuple
    end
  end

  def keyfind!(list, key, pos) do
    case :lists.keyfind(key, pos + 1, list) do
      false ->
        raise KeyError, key: key, term: list,
          message: "key #{inspect(key)} at position #{inspect(pos)} not found in: #{inspect(list)}"
      tuple -> tuple
    end
  end

  def keymember?(list, key, pos), do: :lists.keymember(key, pos + 1, list)
  def keydelete(list, key, pos), do: :lists.keydelete(key, pos + 1, list)
  def keyreplace(list, key, pos, new), do: :lists.keyreplace(key, pos + 1, list, new)
  def keystore(list, key, pos, new), do: :lists.keystore(key, pos + 1, list, new)
  def keysort(list, pos), do: :lists.keysort(pos + 1, list)
  def keysort(list, pos, :asc), do: keysort(list, pos)
  # :desc, a module with compare/2 (Date...), or {:asc | :desc, module}
  def keysort(list, pos, sorter) when is_list(list) and is_integer(pos) do
    fun = keysort_fun(sorter)
    :lists.sort(fn a, b -> fun.(elem(a, pos), elem(b, pos)) end, list)
  end

  defp keysort_fun(:desc), do: &>=/2
  defp keysort_fun(module) when is_atom(module), do: &(module.compare(&1, &2) != :gt)
  defp keysort_fun({:asc, module}) when is_atom(module), do: &(module.compare(&1, &2) != :gt)
  defp keysort_fun({:desc, module}) when is_atom(module), do: &(module.compare(&1, &2) != :lt)

  def keytake(list, key, pos) do
    case :lists.keytake(key, pos + 1, list) do
      {:value, elem, rest} -> {elem, rest}
      false -> nil
    end
  end

  def to_tuple(list), do: :erlang.list_to_tuple(list)
  def zip([]), do: []
  def zip(lists), do: Enum.zip(lists)

  def to_string(list) when is_list(list) do
    case :unicode.characters_to_binary(list) do
      result when is_binary(result) -> result
      {:error, encoded, rest} ->
        raise UnicodeConversionError, encoded: encoded, rest: rest, kind: :invalid
      {:incomplete, encoded, rest} ->
        raise UnicodeConversionError, encoded: encoded, rest: rest, kind: :incomplete
    end
  end

  def to_charlist(list) when is_list(list) do
    case :unicode.characters_to_list(list) do
      result when is_list(result) -> result
      {:error, encoded, rest} -> raise UnicodeConversionError, encoded: encoded, rest: rest, kind: :invalid
    end
  end

  def to_integer(charlist), do: :erlang.list_to_integer(charlist)
  def to_integer(charlist, base), do: :erlang.binary_to_integer(:erlang.list_to_binary(charlist), base)
  def to_float(charlist), do: :erlang.binary_to_float(:erlang.list_to_binary(charlist))
  def to_atom(charlist), do: :erlang.list_to_atom(charlist)
  def to_existing_atom(charlist), do: :erlang.binary_to_existing_atom(List.to_string(charlist))

  def improper?(list) when is_list(list) and length(list) >= 0, do: false
  def improper?(list) when is_list(list), do: true

  def starts_with?([h | t], [h | pt]), do: starts_with?(t, pt)
  def starts_with?(_, []), do: true
  def starts_with?(_, _), do: false

  def ascii_printable?(list, limit \\ :infinity)
  def ascii_printable?(_, 0), do: true
  def ascii_printable?([], _), do: true
  def ascii_printable?([c | t], limit) when is_integer(c) and ((c >= 32 and c <= 126) or (c >= 7 and c <= 13) or c == 27) do
    ascii_printable?(t, if(limit == :infinity, do: :infinity, else: limit - 1))
  end
  def ascii_printable?(_, _), do: false
end

# Tuple: functions over tuples.
defmodule Tuple do
  def to_list(t), do: :erlang.tuple_to_list(t)
  def append(t, x), do: :erlang.append_element(t, x)
  def duplicate(x, n), do: :erlang.make_tuple(n, x)
  def insert_at(t, i, x), do: :erlang.insert_element(i + 1, t, x)
  def delete_at(t, i), do: :erlang.delete_element(i + 1, t)
  def sum(t), do: Enum.sum(:erlang.tuple_to_list(t))
  def product(t), do: Enum.product(:erlang.tuple_to_list(t))
end

# Access: data[key] for maps and keyword lists, and the accessors of
# get_in/put_in/update_in.
defmodule Access do
  def get(container, key, default \\ nil)
  def get(%{__struct__: mod} = struct, key, default) do
    case :erlang.function_exported(mod, :fetch, 2) do
      true ->
        case mod.fetch(struct, key) do
          {:ok, v} -> v
          :error -> default
        end
      false ->
        :erlang.error(UndefinedFunctionError.exception(module: mod, function: :fetch, arity: 2,
          message: "function " <> inspect(mod) <> ".fetch/2 is undefined (" <> inspect(mod) <>
            " does not implement the Access behaviour. If you are using get_in/put_in/update_in, " <>
            "you can specify the field to be accessed using Access.key!/1)"))
    end
  end
  def get(map, key, default) when is_map(map) do
    case map do
      %{^key => v} -> v
      _ -> default
    end
  end
  def get(list, key, default) when is_list(list) and is_atom(key) do
    case :lists.keyfind(key, 1, list) do
      {_, v} -> v
      false -> default
    end
  end
  def get(list, key, _default) when is_list(list) do
    raise ArgumentError, "the Access calls for keywords expect the key to be an atom, got: " <> inspect(key)
  end
  def get(nil, _key, default), do: default

  def fetch(map, key) when is_map(map) do
    case map do
      %{^key => v} -> {:ok, v}
      _ -> :error
    end
  end
  def fetch(list, key) when is_list(list) and is_atom(key) do
    case :lists.keyfind(key, 1, list) do
      {_, v} -> {:ok, v}
      false -> :error
    end
  end
  def fetch(list, key) when is_list(list) do
    raise ArgumentError, "the Access calls for keywords expect the key to be an atom, got: " <> inspect(key)
  end
  def fetch(nil, _key), do: :error

  def fetch!(container, key) do
    case fetch(container, key) do
      {:ok, v} -> v
      :error -> raise KeyError, key: key, term: container
    end
  end

  def get_and_update(%{__struct__: mod} = struct, key, fun) do
    case :erlang.function_exported(mod, :get_and_update, 3) do
      true -> mod.get_and_update(struct, key, fun)
      false -> Map.get_and_update(struct, key, fun)
    end
  end
  def get_and_update(map, key, fun) when is_map(map), do: Map.get_and_update(map, key, fun)
  def get_and_update(list, key, fun) when is_list(list), do: Keyword.get_and_update(list, key, fun)
  def get_and_update(nil, key, _fun) do
    raise ArgumentError, "could not put/update key #{inspect(key)} on a nil value"
  end

  def pop(map, key) when is_map(map), do: Map.pop(map, key)
  def pop(list, key) when is_list(list), do: Keyword.pop(list, key)
  def pop(nil, _key), do: {nil, nil}

  # ---- accessors for get_in and friends ----

  def key(key, default \\ nil) do
    fn
      :get, data, next -> next.(Map.get(data, key, default))
      :get_and_update, data, next ->
        value = Map.get(data, key, default)
        case next.(value) do
          {get, update} -> {get, Map.put(data, key, update)}
          :pop -> {value, Map.delete(data, key)}
        end
    end
  end

  def key!(key) do
    fn
      op, data, next when is_map(data) ->
        value = Map.fetch!(data, key)
        case op do
          :get -> next.(value)
          :get_and_update ->
            case next.(value) do
              {get, update} -> {get, Map.put(data, key, update)}
              :pop -> {value, Map.delete(data, key)}
            end
        end
      _op, data, _next -> raise "Access.key!/1 expected a map/struct, got: #{inspect(data)}"
    end
  end

  def elem(index) when is_integer(index) and index >= 0 do
    pos = index + 1
    fn
      :get, data, next when is_tuple(data) -> next.(:erlang.element(pos, data))
      :get_and_update, data, next when is_tuple(data) ->
        value = :erlang.element(pos, data)
        case next.(value) do
          {get, update} -> {get, :erlang.setelement(pos, data, update)}
          :pop -> raise "cannot pop data from a tuple"
        end
      _op, data, _next -> raise "Access.elem/1 expected a tuple, got: #{inspect(data)}"
    end
  end

  def at(index) when is_integer(index) do
    fn
      :get, data, next when is_list(data) -> next.(Enum.at(data, index))
      :get_and_update, data, next when is_list(data) ->
        case Enum.fetch(data, index) do
          {:ok, value} -> update_at(data, index, value, next)
          :error -> {nil, data}
        end
      _op, data, _next -> raise "Access.at/1 expected a list, got: #{inspect(data)}"
    end
  end

  def at!(index) when is_integer(index) do
    fn
      op, data, next when is_list(data) ->
        case Enum.fetch(data, index) do
          {:ok, value} when op == :get -> next.(value)
          {:ok, value} -> update_at(data, index, value, next)
          :error -> raise Enum.OutOfBoundsError
        end
      _op, data, _next -> raise "Access.at!/1 expected a list, got: #{inspect(data)}"
    end
  end

  defp update_at(data, index, value, next) do
    case next.(value) do
      {get, update} -> {get, List.replace_at(data, index, update)}
      :pop -> {value, List.delete_at(data, index)}
    end
  end

  def all() do
    fn
      :get, data, next when is_list(data) -> Enum.map(data, next)
      :get_and_update, data, next when is_list(data) ->
        {gets, updates} =
          Enum.reduce(data, {[], []}, fn x, {gets, updates} ->
            case next.(x) do
              {get, update} -> {[get | gets], [update | updates]}
              :pop -> {[x | gets], updates}
            end
          end)
        {:lists.reverse(gets), :lists.reverse(updates)}
      _op, data, _next -> raise "Access.all/0 expected a list, got: #{inspect(data)}"
    end
  end

  # Access.slice/1: the elements of a list at the indexes of a range
  def slice(%{__struct__: Range, step: step} = range) do
    if step > 0 do
      fn op, data, next -> slice_op(op, data, range, next) end
    else
      raise ArgumentError, "Access.slice/1 does not accept ranges with negative steps, got: " <> inspect(range)
    end
  end

  defp slice_op(:get, data, range, next) when is_list(data), do: data |> Enum.slice(range) |> Enum.map(next)
  defp slice_op(:get_and_update, data, %{first: first, last: last, step: step}, next) when is_list(data) do
    count = length(data)
    first = if first < 0, do: first + count, else: first
    last = if last < 0, do: last + count, else: last
    selected? = fn i -> i >= first and i <= last and rem(i - first, step) == 0 end
    {gets, updates, _} =
      Enum.reduce(data, {[], [], 0}, fn x, {gets, updates, i} ->
        if selected?.(i) do
          case next.(x) do
            {get, update} -> {[get | gets], [update | updates], i + 1}
            :pop -> {[x | gets], updates, i + 1}
          end
        else
          {gets, [x | updates], i + 1}
        end
      end)
    {:lists.reverse(gets), :lists.reverse(updates)}
  end
  defp slice_op(_op, data, _range, _next) do
    raise ArgumentError, "Access.slice/1 expected a list, got: " <> inspect(data)
  end

  def filter(pred) when is_function(pred) do
    fn
      :get, data, next when is_list(data) -> data |> Enum.filter(pred) |> Enum.map(next)
      :get_and_update, data, next when is_list(data) ->
        {gets, updates} =
          Enum.reduce(data, {[], []}, fn x, {gets, updates} ->
            if pred.(x) do
              case next.(x) do
                {get, update} -> {[get | gets], [update | updates]}
                :pop -> {[x | gets], updates}
              end
            else
              {gets, [x | updates]}
            end
          end)
        {:lists.reverse(gets), :lists.reverse(updates)}
      _op, data, _next -> raise "Access.filter/1 expected a list, got: #{inspect(data)}"
    end
  end
end
