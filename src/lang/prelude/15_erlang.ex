# The Erlang standard library modules Elixir code calls directly.  A
# remote call finds a module's function first and a BIF of the same name
# second, so these modules only add what the C BIFs do not provide
# (:lists.reverse/2, :lists.keyfind/3, ... stay BIFs).

# :lists
defmodule :lists do
  def seq(from, to), do: seq(from, to, 1)
  def seq(from, to, incr) when is_integer(from) and is_integer(to) and is_integer(incr) do
    cond do
      incr > 0 and from - incr <= to -> seq_down(from + div(to - from, incr) * incr, from, incr, [])
      incr < 0 and from - incr >= to -> seq_down(from + div(from - to, -incr) * incr, from, incr, [])
      incr == 0 and from == to -> [from]
      true -> :erlang.error(:badarg)
    end
  end
  defp seq_down(x, from, incr, acc) when (incr > 0 and x >= from) or (incr < 0 and x <= from) do
    seq_down(x - incr, from, incr, [x | acc])
  end
  defp seq_down(_, _, _, acc), do: acc

  def map(f, list), do: Enum.map(list, f)
  def flatmap(f, list), do: Enum.flat_map(list, f)
  def foreach(f, list) do
    Enum.each(list, f)
    :ok
  end
  def filter(f, list), do: Enum.filter(list, f)
  def filtermap(f, list) do
    Enum.reduce(list, [], fn x, acc ->
      case f.(x) do
        true -> [x | acc]
        false -> acc
        {true, v} -> [v | acc]
      end
    end)
    |> :lists.reverse()
  end
  def foldl(f, acc, list), do: foldl_list(list, f, acc)
  defp foldl_list([h | t], f, acc), do: foldl_list(t, f, f.(h, acc))
  defp foldl_list([], _f, acc), do: acc
  def foldr(f, acc, list), do: foldl_list(:lists.reverse(list), f, acc)
  def mapfoldl(f, acc, list), do: Enum.map_reduce(list, acc, f)
  def mapfoldr(f, acc, list) do
    {l, acc} = Enum.map_reduce(:lists.reverse(list), acc, f)
    {:lists.reverse(l), acc}
  end
  def any(f, list), do: Enum.any?(list, f)
  def all(f, list), do: Enum.all?(list, f)
  def partition(f, list), do: Enum.split_with(list, f)
  def takewhile(f, list), do: Enum.take_while(list, f)
  def dropwhile(f, list), do: Enum.drop_while(list, f)
  def splitwith(f, list), do: Enum.split_while(list, f)

  def flatten(list), do: flatten(list, [])
  def flatten(list, tail), do: do_flatten(list, tail)
  defp do_flatten([h | t], tail) when is_list(h), do: do_flatten(h, do_flatten(t, tail))
  defp do_flatten([h | t], tail), do: [h | do_flatten(t, tail)]
  defp do_flatten([], tail), do: tail

  def nth(1, [h | _]), do: h
  def nth(n, [_ | t]) when n > 1, do: nth(n - 1, t)
  def nthtail(0, list), do: list
  def nthtail(n, [_ | t]) when n > 0, do: nthtail(n - 1, t)
  def last([h]), do: h
  def last([_ | t]), do: last(t)
  def sum(list), do: foldl_list(list, fn x, acc -> x + acc end, 0)
  def max([h | t]), do: foldl_list(t, fn x, m -> if x > m, do: x, else: m end, h)
  def min([h | t]), do: foldl_list(t, fn x, m -> if x < m, do: x, else: m end, h)
  def append(lists), do: Enum.concat(lists)
  def append(a, b), do: a ++ b
  def concat(things), do: :erlang.binary_to_list(:erlang.iolist_to_binary(Enum.map(things, &concat_item/1)))
  defp concat_item(x) when is_atom(x), do: :erlang.atom_to_binary(x)
  defp concat_item(x) when is_integer(x), do: :erlang.integer_to_binary(x)
  defp concat_item(x) when is_float(x), do: :ciex.float_to_binary(x)
  defp concat_item(x), do: x
  def duplicate(n, x), do: do_duplicate(n, x, [])
  defp do_duplicate(0, _, acc), do: acc
  defp do_duplicate(n, x, acc) when n > 0, do: do_duplicate(n - 1, x, [x | acc])
  def delete(x, [x | t]), do: t
  def delete(x, [h | t]), do: [h | delete(x, t)]
  def delete(_, []), do: []
  def subtract(a, b), do: a -- b
  def sublist(list, len), do: Enum.take(list, len)
  def sublist(list, start, len), do: Enum.take(nthtail(start - 1, list), len)
  def split(n, list) when is_integer(n) and n >= 0 and n <= length(list), do: Enum.split(list, n)
  def zip(a, b), do: Enum.zip(a, b)
  def zip3(a, b, c), do: Enum.zip([a, b, c])
  def unzip(list), do: Enum.unzip(list)
  def zipwith(f, a, b), do: Enum.zip_with(a, b, f)
  def enumerate(list), do: enumerate(1, list)
  def enumerate(index, list), do: for({x, i} <- Enum.with_index(list, index), do: {i, x})
  def usort(list), do: dedup_sorted(:lists.sort(list))
  def usort(f, list), do: dedup_sorted(sort(f, list))
  def uniq(list), do: Enum.uniq(list)
  def prefix(a, b), do: List.starts_with?(b, a)
  def suffix(a, b), do: List.starts_with?(:lists.reverse(b), :lists.reverse(a))
  def merge(a, b), do: :lists.sort(a ++ b)

  defp dedup_sorted([a, b | t]) when a === b, do: dedup_sorted([a | t])
  defp dedup_sorted([a | t]), do: [a | dedup_sorted(t)]
  defp dedup_sorted([]), do: []

  # A stable bottom-up merge sort: fun.(a, b) is true when a may come
  # first.  Runs of two are merged pairwise, pass after pass.
  def sort(fun, list) when is_function(fun, 2), do: merge_passes(pair_runs(list, fun, []), fun)

  defp pair_runs([a, b | t], fun, acc) do
    run = if fun.(a, b), do: [a, b], else: [b, a]
    pair_runs(t, fun, [run | acc])
  end
  defp pair_runs([a], _fun, acc), do: :lists.reverse([[a] | acc])
  defp pair_runs([], _fun, acc), do: :lists.reverse(acc)

  defp merge_passes([], _fun), do: []
  defp merge_passes([run], _fun), do: run
  defp merge_passes(runs, fun), do: merge_passes(merge_pairs(runs, fun, []), fun)

  defp merge_pairs([a, b | t], fun, acc), do: merge_pairs(t, fun, [merge_lists(a, b, fun, []) | acc])
  defp merge_pairs([a], _fun, acc), do: :lists.reverse([a | acc])
  defp merge_pairs([], _fun, acc), do: :lists.reverse(acc)

  defp merge_lists([a | ta] = left, [b | tb] = right, fun, acc) do
    if fun.(a, b), do: merge_lists(ta, right, fun, [a | acc]), else: merge_lists(left, tb, fun, [b | acc])
  end
  defp merge_lists([], right, _fun, acc), do: :lists.reverse(acc, right)
  defp merge_lists(left, [], _fun, acc), do: :lists.reverse(acc, left)

  def keydelete(key, n, [h | t]) when elem(h, n - 1) == key, do: t
  def keydelete(key, n, [h | t]), do: [h | keydelete(key, n, t)]
  def keydelete(_key, _n, []), do: []
  def keymember(key, n, list), do: :lists.keyfind(key, n, list) != false
  def keyreplace(key, n, [h | t], new) when elem(h, n - 1) == key, do: [new | t]
  def keyreplace(key, n, [h | t], new), do: [h | keyreplace(key, n, t, new)]
  def keyreplace(_key, _n, [], _new), do: []
  def keystore(key, n, [h | t], new) when elem(h, n - 1) == key, do: [new | t]
  def keystore(key, n, [h | t], new), do: [h | keystore(key, n, t, new)]
  def keystore(_key, _n, [], new), do: [new]
  def keytake(key, n, list), do: keytake(key, n, list, [])
  defp keytake(key, n, [h | t], acc) when elem(h, n - 1) == key, do: {:value, h, :lists.reverse(acc, t)}
  defp keytake(key, n, [h | t], acc), do: keytake(key, n, t, [h | acc])
  defp keytake(_key, _n, [], _acc), do: false
  def keysort(n, list), do: sort(fn a, b -> :erlang.element(n, a) <= :erlang.element(n, b) end, list)
  def ukeysort(n, list) do
    keysort(n, list) |> Enum.dedup_by(&:erlang.element(n, &1))
  end
  def keymap(f, n, list), do: for(t <- list, do: :erlang.setelement(n, t, f.(:erlang.element(n, t))))
  def search(f, list) do
    case Enum.find(list, :__ciex_none__, f) do
      :__ciex_none__ -> false
      x -> {:value, x}
    end
  end
end

# :maps, beyond the BIFs
defmodule :maps do
  def fold(f, acc, map), do: :lists.foldl(fn {k, v}, acc -> f.(k, v, acc) end, acc, :maps.to_list(map))
  def map(f, map), do: :maps.from_list(for({k, v} <- :maps.to_list(map), do: {k, f.(k, v)}))
  def filter(f, map), do: :maps.from_list(for({k, v} <- :maps.to_list(map), f.(k, v), do: {k, v}))
  def filtermap(f, map) do
    Enum.reduce(:maps.to_list(map), %{}, fn {k, v}, acc ->
      case f.(k, v) do
        true -> :maps.put(k, v, acc)
        false -> acc
        {true, v2} -> :maps.put(k, v2, acc)
      end
    end)
  end
  def foreach(f, map) do
    Enum.each(:maps.to_list(map), fn {k, v} -> f.(k, v) end)
    :ok
  end
  def size(map) when is_map(map), do: map_size(map)
  def take(key, map) do
    case map do
      %{^key => v} -> {v, :maps.remove(key, map)}
      %{} -> :error
      _ -> :erlang.error({:badmap, map})
    end
  end
  def update(key, value, map) do
    case map do
      %{^key => _} -> :maps.put(key, value, map)
      %{} -> :erlang.error({:badkey, key, map})
      _ -> :erlang.error({:badmap, map})
    end
  end
  def update_with(key, f, map) do
    case map do
      %{^key => v} -> :maps.put(key, f.(v), map)
      %{} -> :erlang.error({:badkey, key, map})
      _ -> :erlang.error({:badmap, map})
    end
  end
  def update_with(key, f, init, map) do
    case map do
      %{^key => v} -> :maps.put(key, f.(v), map)
      %{} -> :maps.put(key, init, map)
      _ -> :erlang.error({:badmap, map})
    end
  end
  def merge_with(f, a, b) do
    :lists.foldl(fn {k, v2}, acc ->
      case acc do
        %{^k => v1} -> :maps.put(k, f.(k, v1, v2), acc)
        _ -> :maps.put(k, v2, acc)
      end
    end, a, :maps.to_list(b))
  end
  def with(keys, map), do: Map.take(map, keys)
  def without(keys, map), do: Map.drop(map, keys)
  def from_keys(keys, value), do: :maps.from_list(for(k <- keys, do: {k, value}))
  def groups_from_list(f, list), do: Enum.group_by(list, f)
end

# :string, the Erlang string functions on chardata
defmodule :string do
  def uppercase(s), do: same_type(s, String.upcase(text(s)))
  def lowercase(s), do: same_type(s, String.downcase(text(s)))
  def titlecase(s), do: same_type(s, String.capitalize(text(s)))
  def casefold(s), do: same_type(s, String.downcase(text(s)))
  def trim(s), do: same_type(s, String.trim(text(s)))
  def trim(s, :leading), do: same_type(s, String.trim_leading(text(s)))
  def trim(s, :trailing), do: same_type(s, String.trim_trailing(text(s)))
  def trim(s, :both), do: trim(s)
  def length(s), do: String.length(text(s))
  def is_empty(s), do: text(s) == ""
  def reverse(s), do: :lists.reverse(String.to_charlist(text(s)))
  def equal(a, b), do: text(a) == text(b)
  def copies(s, n), do: same_type(s, String.duplicate(text(s), n))
  def concat(a, b), do: same_type(a, text(a) <> text(b))
  def split(s, sep), do: split(s, sep, :leading)
  def split(s, sep, :leading), do: Enum.map(String.split(text(s), text(sep), parts: 2), &same_type(s, &1))
  def split(s, sep, :all), do: Enum.map(String.split(text(s), text(sep)), &same_type(s, &1))
  def lexemes(s, seps) do
    seps = for(c <- seps, do: <<c::utf8>>)
    Enum.map(String.split(text(s), seps, trim: true), &same_type(s, &1))
  end
  def tokens(s, seps), do: lexemes(s, seps)
  def join(list, sep), do: :lists.flatten(Enum.intersperse(list, sep))
  def to_integer(s) do
    case :ciex.int_parse(text(s), 10) do
      {n, rest} -> {n, same_type(s, rest)}
      :error -> {:error, :no_integer}
    end
  end
  def to_float(s) do
    case :ciex.float_parse(text(s)) do
      {f, rest} -> {f, same_type(s, rest)}
      :error -> {:error, :no_float}
    end
  end
  def find(s, pattern) do
    t = text(s)
    case :binary.match(t, text(pattern)) do
      {at, _} -> same_type(s, :binary.part(t, at, byte_size(t) - at))
      :nomatch -> :nomatch
    end
  end
  def slice(s, start), do: same_type(s, String.slice(text(s), start, String.length(text(s))))
  def slice(s, start, len), do: same_type(s, String.slice(text(s), start, len))
  def replace(s, pattern, replacement), do: replace(s, pattern, replacement, :leading)
  def replace(s, pattern, replacement, where) do
    parts = String.split(text(s), text(pattern), if(where == :all, do: [], else: [parts: 2]))
    Enum.map(Enum.intersperse(parts, text(replacement)), &same_type(s, &1))
  end
  def pad(s, n), do: pad(s, n, :trailing, ?\s)
  def pad(s, n, dir), do: pad(s, n, dir, ?\s)
  def pad(s, n, :leading, c), do: String.pad_leading(text(s), n, <<c::utf8>>) |> then(&same_type(s, &1))
  def pad(s, n, :trailing, c), do: String.pad_trailing(text(s), n, <<c::utf8>>) |> then(&same_type(s, &1))

  defp text(s) when is_binary(s), do: s
  defp text(s), do: :unicode.characters_to_binary(s)
  defp same_type(s, result) when is_binary(s), do: result
  defp same_type(_s, result), do: String.to_charlist(result)
end

# :unicode conversions between charlists and UTF-8 binaries
defmodule :unicode do
  def characters_to_binary(data) when is_binary(data) do
    if :ciex.utf8_valid(data), do: data, else: utf8_error(data)
  end
  def characters_to_binary(data) do
    try do
      :ciex.chardata_to_binary(data)
    rescue
      ArgumentError -> list_error(data)
    end
  end
  def characters_to_binary(data, _in), do: characters_to_binary(data)
  def characters_to_binary(data, _in, _out), do: characters_to_binary(data)

  def characters_to_list(data) when is_binary(data), do: :ciex.utf8_to_list(data)
  def characters_to_list(data) do
    case characters_to_binary(data) do
      bin when is_binary(bin) -> :ciex.utf8_to_list(bin)
      error -> error
    end
  end
  def characters_to_list(data, _in), do: characters_to_list(data)

  # normalization forms, on utf8proc (src/vm/bif_unicode.c)
  def characters_to_nfc_binary(data), do: nf_binary(data, :nfc)
  def characters_to_nfd_binary(data), do: nf_binary(data, :nfd)
  def characters_to_nfkc_binary(data), do: nf_binary(data, :nfkc)
  def characters_to_nfkd_binary(data), do: nf_binary(data, :nfkd)
  def characters_to_nfc_list(data), do: nf_list(data, :nfc)
  def characters_to_nfd_list(data), do: nf_list(data, :nfd)
  def characters_to_nfkc_list(data), do: nf_list(data, :nfkc)
  def characters_to_nfkd_list(data), do: nf_list(data, :nfkd)

  defp nf_binary(data, form) do
    case characters_to_binary(data) do
      bin when is_binary(bin) ->
        case :ciex.unicode_normalize(bin, form) do
          {normalized, ""} -> normalized
          {normalized, rest} -> {:error, normalized, rest}
        end
      {_kind, good, rest} ->
        {:error, elem(:ciex.unicode_normalize(good, form), 0), rest}
    end
  end

  defp nf_list(data, form) do
    case nf_binary(data, form) do
      bin when is_binary(bin) -> :ciex.utf8_to_list(bin)
      {:error, good, rest} -> {:error, :ciex.utf8_to_list(good), rest}
    end
  end

  defp utf8_error(bin) do
    {kind, good, rest} = :ciex.utf8_to_list(bin)
    {kind, :ciex.chardata_to_binary(good), rest}
  end

  # the valid prefix and the first offending element of a chardata list
  defp list_error(data) do
    {good, rest} = split_valid(data, [])
    {:error, :ciex.chardata_to_binary(:lists.reverse(good)), rest}
  end
  defp split_valid([h | t], acc) when is_integer(h) and h >= 0 and h <= 0x10FFFF, do: split_valid(t, [h | acc])
  defp split_valid([h | t], acc) when is_binary(h) do
    if :ciex.utf8_valid(h) do
      split_valid(t, [h | acc])
    else
      {_, good, rest} = utf8_error(h)
      {[good | acc], [rest | t]}
    end
  end
  defp split_valid([h | t], acc) when is_list(h) do
    case split_valid(h, []) do
      {good, []} -> split_valid(t, [:lists.reverse(good) | acc])
      {good, rest} -> {[:lists.reverse(good) | acc], [rest | t]}
    end
  end
  defp split_valid(rest, acc), do: {acc, rest}
end

# :proplists
defmodule :proplists do
  def get_value(key, list), do: get_value(key, list, :undefined)
  def get_value(key, list, default) do
    case lookup(key, list) do
      {^key, v} -> v
      true -> true
      :none -> default
      _ -> default
    end
  end
  def lookup(key, [{key, _} = t | _]), do: t
  def lookup(key, [{k, _} | t]) when k != key, do: lookup(key, t)
  def lookup(key, [key | _]), do: true
  def lookup(key, [_ | t]), do: lookup(key, t)
  def lookup(_key, []), do: :none
  def get_bool(key, list) do
    case get_value(key, list, false) do
      true -> true
      _ -> false
    end
  end
  def get_all_values(key, list), do: for({^key, v} <- list, do: v)
  def is_defined(key, list), do: lookup(key, list) != :none
  def delete(key, list), do: for(x <- list, not matches_key(x, key), do: x)
  def get_keys(list), do: Enum.uniq(for(x <- list, do: (if is_tuple(x), do: elem(x, 0), else: x)))
  defp matches_key({k, _}, key), do: k == key
  defp matches_key(k, key), do: k == key
end

# :erlang functions that are not BIFs here
defmodule :erlang do
  def insert_element(i, t, v) when is_integer(i) and is_tuple(t) and i >= 1 and i <= tuple_size(t) + 1 do
    :erlang.list_to_tuple(List.insert_at(:erlang.tuple_to_list(t), i - 1, v))
  end
  # a badarg with the BIF's own frame, so the message names the argument
  def insert_element(i, t, v), do: :erlang.raise(:error, :badarg, [{:erlang, :insert_element, [i, t, v], []}])
  def delete_element(i, t) when is_integer(i) and is_tuple(t) and i >= 1 and i <= tuple_size(t) do
    :erlang.list_to_tuple(List.delete_at(:erlang.tuple_to_list(t), i - 1))
  end
  def delete_element(i, t), do: :erlang.raise(:error, :badarg, [{:erlang, :delete_element, [i, t], []}])
  def map_get(key, map), do: :maps.get(key, map)
  def list_to_float(l), do: :erlang.binary_to_float(:erlang.list_to_binary(l))
  def list_to_existing_atom(l), do: :erlang.binary_to_existing_atom(:ciex.chardata_to_binary(l))
  def binary_to_existing_atom(b, _encoding), do: :erlang.binary_to_existing_atom(b)
  def binary_to_list(b, from, to), do: :binary.bin_to_list(b, from - 1, to - from + 1)
  def fun_info(f) do
    items = [:module, :name, :arity, :env, :type]
    for item <- items, do: :erlang.fun_info(f, item)
  end
  def list_to_integer(l, base), do: :erlang.binary_to_integer(:erlang.list_to_binary(l), base)
end

# :timer's pure conversions (the process parts are in 67_timer.ex)
# :io_lib helpers besides format/2 and write/1 (BIFs)
defmodule :io_lib do
  def print(term), do: :io_lib.format('~p', [term])
  def write_atom(a), do: :io_lib.write(a)
  def write_string(s), do: :io_lib.format('~p', [s])
  def char_list(l), do: is_list(l) and Enum.all?(l, &(is_integer(&1) and &1 >= 0))
  def nl(), do: '\n'
end

# :code: what other nodes ask of this one (iex --remsh asks
# :code.ensure_loaded(IEx)).  Modules live in memory; there are no files.
defmodule :code do
  def ensure_loaded(module) when is_atom(module) do
    case :erlang.module_loaded(module) do
      true -> {:module, module}
      false -> {:error, :nofile}
    end
  end
  # lib_dir(app, :ebin): the ebin directory of an application of the
  # Elixir installed on this machine (found from `elixir` on the PATH);
  # ciex's own modules have none.
  def lib_dir(app, :ebin) when is_atom(app) do
    with exe when is_binary(exe) <- System.find_executable("elixir"),
         {:ok, real} <- :ciex.file_realpath(exe),
         # ELIXIR_HOME/bin/elixir: the applications are ELIXIR_HOME/lib/APP/ebin
         dir = Path.join([Path.dirname(Path.dirname(real)), "lib", Atom.to_string(app), "ebin"]),
         true <- File.dir?(dir) do
      String.to_charlist(dir)
    else
      _ -> {:error, :bad_name}
    end
  end

  def is_loaded(module) when is_atom(module) do
    case :erlang.module_loaded(module) do
      true -> {:file, :in_memory}
      false -> false
    end
  end
end

# :beam_lib.chunks/2: the chunks of a .beam file, which ciex reads from an
# installed Elixir (its docs, its protocols' attributes); ciex's own
# modules have no .beam files.
defmodule :beam_lib do
  def chunks(file, ids) do
    case read_beam(file) do
      {:ok, bin} ->
        case parse_chunks(bin) do
          {:ok, all} -> pick(file, all, ids)
          :error -> {:error, :beam_lib, {:not_a_beam_file, file}}
        end
      {:error, reason} -> {:error, :beam_lib, {:file_error, file, reason}}
    end
  end

  defp read_beam(bin) when is_binary(bin) and byte_size(bin) > 4 and binary_part(bin, 0, 4) == "FOR1", do: {:ok, bin}
  defp read_beam(file), do: File.read(IO.chardata_to_string(file))

  defp parse_chunks(<<"FOR1", _size::32, "BEAM", rest::binary>>), do: {:ok, split_chunks(rest, [])}
  defp parse_chunks(_), do: :error

  defp split_chunks(<<id::binary-size(4), len::32, data::binary-size(len), rest::binary>>, acc) do
    pad = rem(4 - rem(len, 4), 4)
    rest = if byte_size(rest) >= pad, do: binary_part(rest, pad, byte_size(rest) - pad), else: <<>>
    split_chunks(rest, [{id, data} | acc])
  end
  defp split_chunks(_, acc), do: :lists.reverse(acc)

  defp pick(file, all, ids) do
    module = module_of(all)
    found =
      Enum.reduce_while(ids, [], fn id, acc ->
        case chunk(all, id) do
          {:ok, value} -> {:cont, [{id, value} | acc]}
          :missing -> {:halt, {:missing, id}}
        end
      end)
    case found do
      {:missing, id} -> {:error, :beam_lib, {:missing_chunk, file, chunk_name(id)}}
      list -> {:ok, {module, :lists.reverse(list)}}
    end
  end

  defp chunk(all, :attributes) do
    case List.keyfind(all, "Attr", 0) do
      {_, data} -> {:ok, :erlang.binary_to_term(data)}
      nil -> :missing
    end
  end
  defp chunk(all, id) when is_list(id) do
    case List.keyfind(all, List.to_string(id), 0) do
      {_, data} -> {:ok, data}
      nil -> :missing
    end
  end
  defp chunk(_all, _id), do: :missing

  defp chunk_name(:attributes), do: 'Attr'
  defp chunk_name(id), do: id

  # the module's name: the first atom of the atom table
  defp module_of(all) do
    case List.keyfind(all, "AtU8", 0) || List.keyfind(all, "Atom", 0) do
      {_, <<_count::32, len::8, name::binary-size(len), _::binary>>} -> String.to_atom(name)
      _ -> nil
    end
  end
end
