# String: UTF-8 binaries.  Lengths, positions and slices count graphemes;
# the Unicode work (case mapping, grapheme clusters, whitespace) is done
# by the :ciex text BIFs, searching by :binary.
defmodule String do
  def length(s) when is_binary(s), do: :ciex.str_length(s)
  def valid?(s) when is_binary(s), do: :ciex.utf8_valid(s)
  def valid?(_), do: false
  def printable?(s, limit \\ :infinity)
  def printable?(s, limit) when is_binary(s), do: :ciex.printable(s, limit)
  def printable?(_, _), do: false

  def upcase(s, mode \\ :default) when is_binary(s), do: :ciex.upcase(s, mode)
  def downcase(s, mode \\ :default) when is_binary(s), do: :ciex.downcase(s, mode)
  def capitalize(s, mode \\ :default) when is_binary(s), do: :ciex.capitalize(s, mode)

  def graphemes(s) when is_binary(s), do: :ciex.graphemes(s)
  def codepoints(s) when is_binary(s), do: :ciex.codepoints(s)

  def next_grapheme(""), do: nil
  def next_grapheme(s) when is_binary(s) do
    n = :ciex.next_grapheme_size(s)
    {:binary.part(s, 0, n), :binary.part(s, n, byte_size(s) - n)}
  end

  def next_grapheme_size(""), do: nil
  def next_grapheme_size(s) when is_binary(s) do
    n = :ciex.next_grapheme_size(s)
    {n, :binary.part(s, n, byte_size(s) - n)}
  end

  def next_codepoint(<<cp::utf8, rest::binary>>), do: {<<cp::utf8>>, rest}
  def next_codepoint(<<byte, rest::binary>>), do: {<<byte>>, rest}
  def next_codepoint(<<>>), do: nil

  def first(""), do: nil
  def first(s) when is_binary(s), do: elem(next_grapheme(s), 0)

  def last(""), do: nil
  def last(s) when is_binary(s), do: List.last(:ciex.graphemes(s))

  def at(s, pos) when is_binary(s) and is_integer(pos) and pos >= 0 do
    case :ciex.str_slice(s, pos, 1) do
      "" -> nil
      g -> g
    end
  end
  def at(s, pos) when is_binary(s) and is_integer(pos) do
    pos = :ciex.str_length(s) + pos
    if pos >= 0, do: at(s, pos), else: nil
  end

  def reverse(s) when is_binary(s), do: :erlang.iolist_to_binary(:lists.reverse(:ciex.graphemes(s)))

  def duplicate(s, n), do: :binary.copy(s, n)

  # ---- slicing ----

  def slice(_, _, 0), do: ""
  def slice(s, start, len) when is_binary(s) and is_integer(start) and is_integer(len) and start >= 0 and len >= 0 do
    :ciex.str_slice(s, start, len)
  end
  def slice(s, start, len) when is_binary(s) and is_integer(start) and is_integer(len) and len >= 0 do
    :ciex.str_slice(s, max(:ciex.str_length(s) + start, 0), len)
  end

  def slice(s, %{__struct__: Range, first: first, last: last, step: step} = range) when is_binary(s) do
    cond do
      step > 0 -> slice_range(s, first, last, step)
      step == -1 and first > last -> slice_range(s, first, last, 1)
      true -> raise ArgumentError, "String.slice/2 does not accept ranges with negative steps, got: " <> inspect(range)
    end
  end

  defp slice_range("", _, _, _), do: ""
  defp slice_range(_s, first, last, _step) when first >= 0 and last >= 0 and first > last, do: ""
  defp slice_range(s, first, last, 1) when first >= 0 and last >= 0, do: :ciex.str_slice(s, first, last - first + 1)
  defp slice_range(s, first, last, step) do
    len = :ciex.str_length(s)
    first = if first < 0, do: max(first + len, 0), else: first
    last = if last < 0, do: last + len, else: last
    if first > last or first >= len do
      ""
    else
      part = :ciex.str_slice(s, first, last - first + 1)
      if step == 1, do: part, else: :erlang.iolist_to_binary(Enum.take_every(:ciex.graphemes(part), step))
    end
  end

  def split_at(s, pos) when is_binary(s) and is_integer(pos) and pos >= 0 do
    at = :ciex.byte_offset(s, pos)
    {:binary.part(s, 0, at), :binary.part(s, at, byte_size(s) - at)}
  end
  def split_at(s, pos) when is_binary(s) and is_integer(pos) do
    pos = :ciex.str_length(s) + pos
    if pos >= 0, do: split_at(s, pos), else: {"", s}
  end

  # ---- splitting ----

  def split(s) when is_binary(s), do: :ciex.split_whitespace(s)

  def split(s, pattern, options \\ [])
  def split(s, "", options) when is_binary(s) and is_list(options) do
    parts = Keyword.get(options, :parts, :infinity)
    trim = Keyword.get(options, :trim, false)
    graphemes = :ciex.graphemes(s)
    split_empty(graphemes, trim, parts)
  end
  def split(s, %{__struct__: Regex} = regex, options) when is_binary(s) and is_list(options) do
    Regex.split(regex, s, options)
  end
  def split(s, [], options) when is_binary(s) and is_list(options) do
    if s == "" and Keyword.get(options, :trim, false), do: [], else: [s]
  end
  def split(s, pattern, options) when is_binary(s) and is_list(options) do
    parts = Keyword.get(options, :parts, :infinity)
    trim = Keyword.get(options, :trim, false)
    case {parts, trim} do
      {:infinity, false} -> :binary.split(s, pattern, [:global])
      {:infinity, true} -> :binary.split(s, pattern, [:global, :trim_all])
      {2, false} -> :binary.split(s, pattern)
      _ -> split_each(s, pattern, trim, parts)
    end
  end

  defp split_empty(graphemes, trim, parts) do
    pieces = if trim, do: graphemes, else: ["" | graphemes] ++ [""]
    case parts do
      :infinity -> pieces
      n when length(pieces) <= n -> pieces
      n ->
        {head, rest} = Enum.split(pieces, n - 1)
        head ++ [:erlang.iolist_to_binary(rest)]
    end
  end

  defp split_each("", _pattern, true, _), do: []
  defp split_each(s, _pattern, _trim, 1), do: [s]
  defp split_each(s, pattern, trim, count) do
    case :binary.split(s, pattern) do
      ["", rest] when trim -> split_each(rest, pattern, trim, count)
      [first, rest] -> [first | split_each(rest, pattern, trim, count - 1)]
      [first] -> if trim and first == "", do: [], else: [first]
    end
  end

  def splitter(s, pattern, options \\ [])

  # the empty pattern splits between graphemes, with an empty string at
  # each end unless trimmed
  def splitter(s, "", options) when is_binary(s) do
    if Keyword.get(options, :trim, false) do
      Stream.unfold(s, &next_grapheme/1)
    else
      Stream.unfold({:start, s}, fn
        {:start, rest} -> {"", rest}
        :done -> nil
        rest ->
          case next_grapheme(rest) do
            nil -> {"", :done}
            {g, rest} -> {g, rest}
          end
      end)
    end
  end

  def splitter(s, pattern, options) do
    Stream.unfold(s, fn
      nil -> nil
      rest ->
        case :binary.split(rest, pattern) do
          [a, b] -> {a, b}
          [a] -> {a, nil}
        end
    end)
    |> then(fn st -> if Keyword.get(options, :trim, false), do: Stream.reject(st, &(&1 == "")), else: st end)
  end

  # ~w sigils: String.__words__(text, :strings | :atoms | :charlists)
  def __words__(s, :strings), do: split(s)
  def __words__(s, :atoms), do: for(w <- split(s), do: :erlang.binary_to_atom(w))
  def __words__(s, :charlists), do: for(w <- split(s), do: to_charlist(w))

  # ---- trimming and padding ----

  def trim(s) when is_binary(s), do: :ciex.trim(s, :both)
  def trim(s, to_trim) when is_binary(s) and is_binary(to_trim), do: trim_trailing(trim_leading(s, to_trim), to_trim)
  def trim_leading(s) when is_binary(s), do: :ciex.trim(s, :leading)
  def trim_leading(s, to_trim) when is_binary(s) and is_binary(to_trim), do: replace_leading(s, to_trim, "")
  def trim_trailing(s) when is_binary(s), do: :ciex.trim(s, :trailing)
  def trim_trailing(s, to_trim) when is_binary(s) and is_binary(to_trim), do: replace_trailing(s, to_trim, "")

  def pad_leading(s, count, padding \\ " ")
  def pad_leading(s, count, padding) when is_binary(padding), do: pad_leading(s, count, :ciex.graphemes(padding))
  def pad_leading(s, count, [_ | _] = padding) when is_binary(s) and is_integer(count) and count >= 0 do
    pad(:leading, s, count, padding)
  end

  def pad_trailing(s, count, padding \\ " ")
  def pad_trailing(s, count, padding) when is_binary(padding), do: pad_trailing(s, count, :ciex.graphemes(padding))
  def pad_trailing(s, count, [_ | _] = padding) when is_binary(s) and is_integer(count) and count >= 0 do
    pad(:trailing, s, count, padding)
  end

  defp pad(kind, s, count, padding) do
    len = :ciex.str_length(s)
    if len >= count do
      s
    else
      filler = fill(count - len, padding, padding)
      :erlang.iolist_to_binary(if kind == :leading, do: [filler, s], else: [s, filler])
    end
  end

  defp fill(0, _, _), do: []
  defp fill(n, [], all), do: fill(n, all, all)
  defp fill(n, [h | t], all), do: [h | fill(n - 1, t, all)]

  # ---- searching and replacing ----

  def contains?(s, []) when is_binary(s), do: false
  def contains?(s, "") when is_binary(s), do: true
  def contains?(s, pattern) when is_binary(s) and is_list(pattern) do
    Enum.any?(pattern, &contains?(s, &1))
  end
  def contains?(s, pattern) when is_binary(s), do: :binary.match(s, pattern) != :nomatch

  def starts_with?(s, prefixes) when is_binary(s) and is_list(prefixes), do: Enum.any?(prefixes, &starts_with?(s, &1))
  def starts_with?(s, prefix) when is_binary(s) and is_binary(prefix) do
    n = byte_size(prefix)
    byte_size(s) >= n and :binary.part(s, 0, n) == prefix
  end

  def ends_with?(s, suffixes) when is_binary(s) and is_list(suffixes), do: Enum.any?(suffixes, &ends_with?(s, &1))
  def ends_with?(s, suffix) when is_binary(s) and is_binary(suffix) do
    n = byte_size(suffix)
    byte_size(s) >= n and :binary.part(s, byte_size(s) - n, n) == suffix
  end

  # Unicode normalization on utf8proc; a byte that is not UTF-8 is kept
  def normalize(s, form) when is_binary(s) and form in [:nfc, :nfd, :nfkc, :nfkd] do
    case :ciex.unicode_normalize(s, form) do
      {normalized, ""} -> normalized
      {normalized, <<byte, rest::binary>>} -> normalized <> <<byte>> <> normalize(rest, form)
    end
  end

  def equivalent?(a, b) when is_binary(a) and is_binary(b), do: normalize(a, :nfd) == normalize(b, :nfd)

  # chunks of code points that are all valid (or printable), or all not
  def chunk(s, trait) when is_binary(s) and trait in [:valid, :printable] do
    case s do
      "" -> []
      _ -> chunk_by(s, trait, [], [])
    end
  end

  defp chunk_by(s, trait, current, acc) do
    case next_codepoint(s) do
      nil ->
        :lists.reverse([:erlang.iolist_to_binary(:lists.reverse(current)) | acc])
      {cp, rest} ->
        case current do
          [] ->
            chunk_by(rest, trait, [cp], acc)
          [prev | _] ->
            if chunk_trait(prev, trait) == chunk_trait(cp, trait) do
              chunk_by(rest, trait, [cp | current], acc)
            else
              chunk_by(rest, trait, [cp], [:erlang.iolist_to_binary(:lists.reverse(current)) | acc])
            end
        end
    end
  end

  defp chunk_trait(cp, :valid), do: valid?(cp)
  defp chunk_trait(cp, :printable), do: printable?(cp)

  def replace(s, pattern, replacement, options \\ [])
  def replace(s, %{__struct__: Regex} = regex, replacement, options) when is_binary(s) and is_list(options) do
    Regex.replace(regex, s, replacement, options)
  end
  def replace(s, pattern, replacement, options) when is_binary(s) and is_list(options) do
    global = Keyword.get(options, :global, true)
    cond do
      pattern == "" and replacement == "" -> s
      pattern == [] -> s
      pattern == "" ->
        graphemes = :ciex.graphemes(s)
        r = fn -> if is_binary(replacement), do: replacement, else: replacement.("") end
        if global do
          :erlang.iolist_to_binary([r.() | Enum.map(graphemes, fn g -> [g, r.()] end)])
        else
          :erlang.iolist_to_binary([r.(), s])
        end
      true ->
        matches =
          if global do
            :binary.matches(s, pattern)
          else
            case :binary.match(s, pattern) do
              :nomatch -> []
              m -> [m]
            end
          end
        :erlang.iolist_to_binary(do_replace(s, matches, replacement, 0))
    end
  end

  defp do_replace(s, [], _, n), do: [:binary.part(s, n, byte_size(s) - n)]
  defp do_replace(s, [{start, len} | rest], replacement, n) do
    middle = if is_binary(replacement), do: replacement, else: replacement.(:binary.part(s, start, len))
    [:binary.part(s, n, start - n), middle | do_replace(s, rest, replacement, start + len)]
  end

  def replace_prefix(s, match, replacement) when is_binary(s) and is_binary(match) and is_binary(replacement) do
    if starts_with?(s, match) do
      replacement <> :binary.part(s, byte_size(match), byte_size(s) - byte_size(match))
    else
      s
    end
  end

  def replace_suffix(s, match, replacement) when is_binary(s) and is_binary(match) and is_binary(replacement) do
    if ends_with?(s, match) do
      :binary.part(s, 0, byte_size(s) - byte_size(match)) <> replacement
    else
      s
    end
  end

  def replace_leading(_s, "", _), do: raise(ArgumentError, "cannot use an empty string as the match to replace")
  def replace_leading(s, match, replacement) when is_binary(s) and is_binary(match) and is_binary(replacement) do
    {n, rest} = count_leading(s, match, 0)
    :binary.copy(replacement, n) <> rest
  end

  defp count_leading(s, match, n) do
    if match != "" and starts_with?(s, match) do
      count_leading(:binary.part(s, byte_size(match), byte_size(s) - byte_size(match)), match, n + 1)
    else
      {n, s}
    end
  end

  def replace_trailing(_s, "", _), do: raise(ArgumentError, "cannot use an empty string as the match to replace")
  def replace_trailing(s, match, replacement) when is_binary(s) and is_binary(match) and is_binary(replacement) do
    {n, rest} = count_trailing(s, match, 0)
    rest <> :binary.copy(replacement, n)
  end

  defp count_trailing(s, match, n) do
    if match != "" and ends_with?(s, match) do
      count_trailing(:binary.part(s, 0, byte_size(s) - byte_size(match)), match, n + 1)
    else
      {n, s}
    end
  end

  def match?(s, %{__struct__: Regex} = regex), do: Regex.match?(regex, s)

  # ---- conversions ----

  def to_charlist(s) when is_binary(s) do
    case :ciex.utf8_to_list(s) do
      list when is_list(list) -> list
      {:error, encoded, rest} ->
        raise UnicodeConversionError, encoded: encoded, rest: rest, kind: :invalid
      {:incomplete, encoded, rest} ->
        raise UnicodeConversionError, encoded: encoded, rest: rest, kind: :incomplete
    end
  end

  def to_atom(s), do: :erlang.binary_to_atom(s)
  def to_existing_atom(s), do: :erlang.binary_to_existing_atom(s)

  def to_integer(s) when is_binary(s), do: to_integer(s, 10)
  def to_integer(s, base) when is_binary(s) and is_integer(base) do
    case :ciex.int_parse(s, base) do
      {n, ""} -> n
      _ ->
        raise ArgumentError, "errors were found at the given arguments:\n\n  * 1st argument: not a textual representation of an integer\n"
    end
  end

  def to_float(s) when is_binary(s) do
    case :ciex.float_parse(s) do
      {f, ""} -> if :binary.match(s, ".") != :nomatch, do: f, else: to_float_error()
      _ -> to_float_error()
    end
  end

  defp to_float_error() do
    raise ArgumentError, "errors were found at the given arguments:\n\n  * 1st argument: not a textual representation of a float\n"
  end

  def myers_difference(a, b) when is_binary(a) and is_binary(b) do
    for {kind, chars} <- List.myers_difference(graphemes(a), graphemes(b)), do: {kind, IO.iodata_to_binary(chars)}
  end

  # 1 - (the larger of the two bags' excess graphemes) / (the longer length)
  def bag_distance(_a, ""), do: 0.0
  def bag_distance("", _b), do: 0.0
  def bag_distance(a, b) when is_binary(a) and is_binary(b) do
    ga = graphemes(a)
    gb = graphemes(b)
    bag_a = Enum.frequencies(ga)
    bag_b = Enum.frequencies(gb)
    1 - max(bag_excess(bag_a, bag_b), bag_excess(bag_b, bag_a)) / max(Kernel.length(ga), Kernel.length(gb))
  end

  defp bag_excess(bag, other) do
    Enum.reduce(bag, 0, fn {g, n}, sum ->
      case other do
        %{^g => m} -> sum + max(n - m, 0)
        _ -> sum + n
      end
    end)
  end

  def jaro_distance(a, b) when is_binary(a) and is_binary(b) do
    a = :ciex.graphemes(a)
    b = :ciex.graphemes(b)
    la = Kernel.length(a)
    lb = Kernel.length(b)
    cond do
      la == 0 and lb == 0 -> 1.0
      la == 0 or lb == 0 -> 0.0
      true -> jaro(a, b, la, lb)
    end
  end

  defp jaro(a, b, la, lb) do
    window = max(div(max(la, lb), 2) - 1, 0)
    bt = :erlang.list_to_tuple(b)
    {matches_a, used} =
      Enum.reduce(Enum.with_index(a), {[], %{}}, fn {ca, i}, {acc, used} ->
        lo = max(i - window, 0)
        hi = min(i + window, lb - 1)
        case Enum.find(lo..hi//1, fn j -> not :erlang.is_map_key(j, used) and elem(bt, j) == ca end) do
          nil -> {acc, used}
          j -> {[ca | acc], :maps.put(j, true, used)}
        end
      end)
    m = Kernel.length(matches_a)
    if m == 0 do
      0.0
    else
      matches_b = for j <- Enum.sort(:maps.keys(used)), do: elem(bt, j)
      t = Enum.zip(:lists.reverse(matches_a), matches_b) |> Enum.count(fn {x, y} -> x != y end)
      (m / la + m / lb + (m - div(t, 2)) / m) / 3
    end
  end
end

# Integer: functions over integers.
defmodule Integer do
  def is_odd(n), do: rem(n, 2) != 0
  def is_even(n), do: rem(n, 2) == 0

  def to_string(n, base \\ 10), do: :erlang.integer_to_binary(n, base)
  def to_charlist(n, base \\ 10), do: :erlang.integer_to_list(n, base)

  def parse(s, base \\ 10)
  def parse(s, base) when is_binary(s) and is_integer(base) and base >= 2 and base <= 36, do: :ciex.int_parse(s, base)
  def parse(s, base) when is_binary(s) do
    raise ArgumentError, "invalid base #{inspect(base)}"
  end

  def digits(n, base \\ 10) when is_integer(n) and is_integer(base) and base >= 2 do
    if n < 0, do: Enum.map(do_digits(-n, base, []), &(-&1)), else: do_digits(n, base, [])
  end

  defp do_digits(n, base, acc) when n < base, do: [n | acc]
  defp do_digits(n, base, acc), do: do_digits(div(n, base), base, [rem(n, base) | acc])

  def undigits(digits, base \\ 10) when is_list(digits) and is_integer(base) and base >= 2 do
    Enum.reduce(digits, 0, fn d, acc ->
      if d >= base, do: raise(ArgumentError, "invalid digit #{d} in base #{base}")
      acc * base + d
    end)
  end

  def pow(base, exp) when is_integer(base) and is_integer(exp) and exp >= 0, do: do_pow(base, exp, 1)
  def pow(_base, exp) when is_integer(exp), do: raise(ArithmeticError, "bad argument in arithmetic expression")

  defp do_pow(_b, 0, acc), do: acc
  defp do_pow(b, e, acc) when rem(e, 2) == 1, do: do_pow(b * b, div(e, 2), acc * b)
  defp do_pow(b, e, acc), do: do_pow(b * b, div(e, 2), acc)

  def gcd(a, 0), do: abs(a)
  def gcd(0, b), do: abs(b)
  def gcd(a, b) when is_integer(a) and is_integer(b), do: gcd(b, rem(a, b))

  def mod(a, b) when is_integer(a) and is_integer(b) do
    r = rem(a, b)
    if r != 0 and (r < 0) != (b < 0), do: r + b, else: r
  end

  def floor_div(a, b) when is_integer(a) and is_integer(b) do
    if (a < 0) != (b < 0) and rem(a, b) != 0, do: div(a, b) - 1, else: div(a, b)
  end

  # a zero argument gives the other one as it is, negative or not
  def extended_gcd(0, 0), do: {0, 0, 0}
  def extended_gcd(a, 0) when is_integer(a), do: {a, 1, 0}
  def extended_gcd(0, b) when is_integer(b), do: {b, 0, 1}
  def extended_gcd(a, b) when is_integer(a) and is_integer(b), do: ext_gcd(a, b, 1, 0, 0, 1)
  # the gcd is never negative: a negative remainder flips every sign
  defp ext_gcd(r0, 0, s0, _s1, t0, _t1) when r0 < 0, do: {-r0, -s0, -t0}
  defp ext_gcd(r0, 0, s0, _s1, t0, _t1), do: {r0, s0, t0}
  defp ext_gcd(r0, r1, s0, s1, t0, t1) do
    q = div(r0, r1)
    ext_gcd(r1, r0 - q * r1, s1, s0 - q * s1, t1, t0 - q * t1)
  end
end

# Float: functions over floats.
defmodule Float do
  def parse(s) when is_binary(s), do: :ciex.float_parse(s)

  def pow(base, exponent) when is_float(base) and is_number(exponent), do: :math.pow(base, exponent)

  def round(f, precision \\ 0)
  def round(f, 0) when is_float(f), do: :erlang.float(:erlang.round(f))
  def round(f, precision) when is_float(f) and is_integer(precision) and precision >= 0 and precision <= 15 do
    :ciex.float_round(f, precision, :half_up)
  end
  def round(f, precision) when is_float(f), do: precision_error(precision)

  def ceil(f, precision \\ 0)
  def ceil(f, 0) when is_float(f), do: :math.ceil(f)
  def ceil(f, precision) when is_float(f) and is_integer(precision) and precision >= 0 and precision <= 15 do
    :ciex.float_round(f, precision, :ceil)
  end
  def ceil(f, precision) when is_float(f), do: precision_error(precision)

  def floor(f, precision \\ 0)
  def floor(f, 0) when is_float(f), do: :math.floor(f)
  def floor(f, precision) when is_float(f) and is_integer(precision) and precision >= 0 and precision <= 15 do
    :ciex.float_round(f, precision, :floor)
  end
  def floor(f, precision) when is_float(f), do: precision_error(precision)

  defp precision_error(precision) do
    raise ArgumentError, "precision #{precision} is out of valid range of 0..15"
  end

  def to_string(f) when is_float(f), do: :ciex.float_to_binary(f)
  def to_charlist(f) when is_float(f), do: :erlang.binary_to_list(:ciex.float_to_binary(f))

  def ratio(f) when is_float(f) do
    {num, den} = ratio_of(f, 1)
    g = Integer.gcd(num, den)
    {div(num, g), div(den, g)}
  end

  # multiply by two until the value is integral: exact for any double
  defp ratio_of(f, den) do
    if f == :erlang.trunc(f), do: {:erlang.trunc(f), den}, else: ratio_of(f * 2, den * 2)
  end

  def min_finite(), do: -1.7976931348623157e308
  def max_finite(), do: 1.7976931348623157e308
end

# Atom: functions over atoms.
defmodule Atom do
  def to_string(a), do: :erlang.atom_to_binary(a)
  def to_charlist(a), do: :erlang.atom_to_list(a)
end

# Function: information about funs.
defmodule Function do
  def identity(x), do: x
  def info(fun), do: :erlang.fun_info(fun)
  def info(fun, item), do: :erlang.fun_info(fun, item)
  def capture(m, f, a), do: :erlang.make_fun(m, f, a)
end

# System: the runtime's clock and environment.
defmodule System do
  # the first regular file named program in the PATH's directories (a name
  # with a slash: that file)
  def find_executable(program) when is_binary(program) do
    case String.contains?(program, "/") do
      true -> if File.regular?(program), do: program, else: nil
      false ->
        (System.get_env("PATH") || "")
        |> String.split(":", trim: true)
        |> Enum.find_value(fn dir ->
          path = Path.join(dir, program)
          if File.regular?(path), do: path
        end)
    end
  end

  def monotonic_time(), do: :erlang.monotonic_time()
  def monotonic_time(unit), do: :erlang.monotonic_time(normalize_unit(unit))
  def system_time(), do: :erlang.system_time()
  def system_time(unit), do: :erlang.system_time(normalize_unit(unit))
  def os_time(), do: :erlang.system_time()
  def os_time(unit), do: :erlang.system_time(normalize_unit(unit))
  def convert_time_unit(t, from, to), do: :erlang.convert_time_unit(t, normalize_unit(from), normalize_unit(to))
  def time_offset(), do: :erlang.time_offset()
  def time_offset(unit), do: :erlang.time_offset(normalize_unit(unit))
  def unique_integer(modifiers \\ []), do: :erlang.unique_integer(modifiers)
  def otp_release(), do: "25"
  def version(), do: "1.14.0"
  def halt(status \\ 0), do: :erlang.halt(status)
  def stop(status \\ 0), do: :erlang.halt(status)
  def schedulers(), do: :erlang.system_info(:schedulers)
  def schedulers_online(), do: :erlang.system_info(:schedulers_online)
  def get_env(name) when is_binary(name), do: :ciex.getenv(name)
  def get_env(name, default) when is_binary(name), do: :ciex.getenv(name) || default
  def argv(), do: :ciex.argv()
  def argv(args), do: :ciex.set_argv(args)

  defp normalize_unit(:seconds), do: :second
  defp normalize_unit(:milliseconds), do: :millisecond
  defp normalize_unit(:microseconds), do: :microsecond
  defp normalize_unit(:nanoseconds), do: :nanosecond
  defp normalize_unit(unit) when unit in [:second, :millisecond, :microsecond, :nanosecond, :native, :perf_counter], do: unit
  defp normalize_unit(unit) when is_integer(unit) and unit > 0, do: unit
  defp normalize_unit(other) do
    raise ArgumentError,
          "unsupported time unit. Expected :second, :millisecond, :microsecond, :nanosecond, or a positive integer, got " <>
            inspect(other)
  end
end

# Bitwise: the integer bit operators, as functions and operators.
defmodule Bitwise do
  def band(a, b), do: :erlang.band(a, b)
  def bor(a, b), do: :erlang.bor(a, b)
  def bxor(a, b), do: :erlang.bxor(a, b)
  def bnot(a), do: :erlang.bnot(a)
  def bsl(a, b), do: :erlang.bsl(a, b)
  def bsr(a, b), do: :erlang.bsr(a, b)
  def left &&& right, do: :erlang.band(left, right)
  def left ||| right, do: :erlang.bor(left, right)
  def left <<< right, do: :erlang.bsl(left, right)
  def left >>> right, do: :erlang.bsr(left, right)
  def ~~~expr, do: :erlang.bnot(expr)
end

# Code: what a script can ask about loaded modules, and evaluation.
defmodule Code do
  # Evaluates Elixir source with a binding ([name: value]); returns
  # {value, binding}, the binding sorted as Elixir's is (by name, descending).
  def eval_string(string, binding \\ [], opts \\ [])
  # a %Macro.Env{} (__ENV__) gives its file and line
  def eval_string(string, binding, %{__struct__: Macro.Env, file: file, line: line}),
    do: eval_string(string, binding, file: file, line: line)
  def eval_string(string, binding, opts) do
    file = Keyword.get(opts, :file, "nofile")
    line = Keyword.get(opts, :line, 1)
    string = IO.chardata_to_string(string)
    case :ciex.compile_eval(string, Keyword.keys(binding), line, file) do
      {:ok, fun} ->
        {value, out} = fun.(Map.new(binding))
        {value, Enum.sort(user_binding(Map.merge(Map.new(binding), out)), &(&1 >= &2))}
      {:error, CompileError, file, line, _column, description} ->
        raise CompileError, file: file, line: line, description: description
      {:raise, module, message} ->
        raise module, message
      {:error, kind, file, error_line, column, description} ->
        raise parse_error(kind, string, line, file, error_line, column, description)
    end
  end

  # Evaluates quoted code with a binding; returns {value, binding} as
  # eval_string does (variables made by a quote come out as {name, context}).
  def eval_quoted(quoted, binding \\ [], opts \\ []) do
    file = if is_map(opts), do: opts.file, else: Keyword.get(opts, :file, "nofile")
    names = for {name, _} <- binding, is_atom(name), do: name
    case :ciex.compile_quoted(quoted, names, file) do
      {:ok, fun} ->
        {value, out} = fun.(Map.new(binding))
        {value, Enum.sort(user_binding(Map.merge(Map.new(binding), out)), &(&1 >= &2))}
      {:error, CompileError, file, line, _column, description} ->
        raise CompileError, file: file, line: line, description: description
      {:error, kind, _file, _line, _column, description} ->
        raise kind, message: description
    end
  end

  # the names the compiler keeps for the prompt (`require`: "_ciex require M") are not variables
  defp user_binding(map) do
    for {k, _} = pair <- Map.to_list(map), not (is_atom(k) and String.starts_with?(Atom.to_string(k), "_ciex ")), do: pair
  end

  # The source's AST, as the parser builds it for compiling: {:ok, ast},
  # or {:error, {location, message, token}} as Elixir's tokenizer and
  # parser report it.
  def string_to_quoted(string, opts \\ []) do
    case :ciex.string_to_quoted(IO.chardata_to_string(string), Keyword.get(opts, :line, 1)) do
      {:ok, ast} ->
        {:ok, ast}
      {:error, _kind, error_line, column, message, _description} ->
        quoted_error(error_line, column, message)
    end
  end

  # Code.string_to_quoted's error: {:error, {location, prefix, token}}
  defp quoted_error(line, column, message) do
    location = if column > 0, do: [line: line, column: column], else: [line: line]
    {prefix, token} = split_message(message)
    {:error, {location, prefix, token}}
  end

  def string_to_quoted!(string, opts \\ []) do
    string = IO.chardata_to_string(string)
    line = Keyword.get(opts, :line, 1)
    case :ciex.string_to_quoted(string, line) do
      {:ok, ast} ->
        ast
      {:error, kind, error_line, column, _message, description} ->
        exception = parse_error(kind, string, line, Keyword.get(opts, :file, "nofile"), error_line, column, description)
        # as Elixir's parser raises it: without a stack trace
        :erlang.raise(:error, exception, [])
    end
  end

  # the AST and the comments (maps of line, column, text and the newlines
  # just before and after each)
  def string_to_quoted_with_comments(string, opts \\ []) when is_list(opts) do
    case :ciex.string_to_quoted_with_comments(IO.chardata_to_string(string), Keyword.get(opts, :line, 1)) do
      {:ok, ast, comments} ->
        {:ok, ast, comments}
      {:error, _kind, error_line, column, message, _description} ->
        quoted_error(error_line, column, message)
    end
  end

  def string_to_quoted_with_comments!(string, opts \\ []) do
    string = IO.chardata_to_string(string)
    line = Keyword.get(opts, :line, 1)
    case :ciex.string_to_quoted_with_comments(string, line) do
      {:ok, ast, comments} ->
        {ast, comments}
      {:error, kind, error_line, column, _message, description} ->
        exception = parse_error(kind, string, line, Keyword.get(opts, :file, "nofile"), error_line, column, description)
        :erlang.raise(:error, exception, [])
    end
  end

  # Elixir's error tuples keep the token apart from the text before it
  @token_prefixes ["syntax error before: ", "unexpected token: ", "unexpected reserved word: "]
  defp split_message(message) do
    case Enum.find(@token_prefixes, &String.starts_with?(message, &1)) do
      nil -> {message, ""}
      prefix -> {prefix, binary_part(message, byte_size(prefix), byte_size(message) - byte_size(prefix))}
    end
  end

  defp parse_error(kind, string, line, file, error_line, column, description) do
    content = Enum.at(String.split(string, "\n"), error_line - line)
    snippet = if content != nil and column > 0, do: %{content: content, offset: column - 1}
    kind.exception(file: file, line: error_line, column: column, description: description, snippet: snippet)
  end

  # Documentation chunks: modules defined at run time have no file, so no
  # docs (:module_not_found, as iex says of a module defined in the shell).
  # A module of Elixir's standard library: its documentation as the
  # installed Elixir has it, in the docs chunk of its .beam file (ciex
  # copies no documentation).  IEx.Helpers, ciex's own, carries the docs
  # written for ciex (IEx.Docs).  Otherwise :chunk_not_found.
  def fetch_docs(module) when is_atom(module) do
    cond do
      :application.get_application(module) != {:ok, :ciex} -> {:error, :module_not_found}
      module == IEx.Helpers ->
        {:docs_v1, 0, :elixir, "text/markdown", %{"en" => IEx.Docs.moduledoc(module)}, %{}, function_docs(module)}
      (docs = installed_chunk(module, 'Docs')) != nil -> docs
      (docs = otp_chunk(module)) != nil -> docs
      true -> {:error, :chunk_not_found}
    end
  end
  def fetch_docs(path) when is_binary(path), do: {:error, :module_not_found}

  # The decoded chunk ('Docs' or 'Dbgi') of the installed Elixir's .beam
  # file of a standard-library module, nil when Elixir is not installed.
  def __installed_chunk__(module, chunk), do: installed_chunk(module, chunk)

  defp installed_chunk(module, chunk) do
    Enum.find_value([:elixir, :iex, :logger, :eex, :ex_unit, :mix], fn app ->
      with dir when is_list(dir) <- :code.lib_dir(app, :ebin),
           path = Path.join(List.to_string(dir), Atom.to_string(module) <> ".beam"),
           true <- File.regular?(path),
           {:ok, {_, [{^chunk, data}]}} <- :beam_lib.chunks(String.to_charlist(path), [chunk]) do
        :erlang.binary_to_term(data)
      else
        _ -> nil
      end
    end)
  end

  # An Erlang module's docs as the installed OTP has them (erlang-doc:
  # ROOT/lib/APP-VSN/doc/chunks/MODULE.chunk, ROOT found from `erl`).
  defp otp_chunk(module) do
    with exe when is_binary(exe) <- System.find_executable("erl"),
         {:ok, real} <- :ciex.file_realpath(exe),
         lib = Path.join(Path.dirname(Path.dirname(real)), "lib"),
         {:ok, apps} <- File.ls(lib) do
      Enum.find_value(Enum.sort(apps), fn app ->
        path = Path.join([lib, app, "doc", "chunks", Atom.to_string(module) <> ".chunk"])
        case File.read(path) do
          {:ok, data} -> :erlang.binary_to_term(data)
          _ -> nil
        end
      end)
    else
      _ -> nil
    end
  end

  defp function_docs(module) do
    names = module.__info__(:functions) |> Enum.map(&elem(&1, 0)) |> Enum.uniq()
    for name <- names, {arity, head, _spec, text} <- IEx.Docs.fundocs(module, name) do
      {kind, signature} =
        case head do
          "defmacro " <> sig -> {:macro, sig}
          "def " <> sig -> {:function, sig}
        end
      defaults = length(String.split(signature, "\\\\")) - 1
      {{kind, name, arity}, 0, [signature], %{"en" => text}, if(defaults > 0, do: %{defaults: defaults}, else: %{})}
    end
    |> Enum.sort()
  end

  def ensure_loaded?(module), do: :erlang.module_loaded(module)
  def ensure_loaded(module) do
    if :erlang.module_loaded(module), do: {:module, module}, else: {:error, :nofile}
  end
  def ensure_compiled(module), do: ensure_loaded(module)
  def ensure_compiled!(module) do
    case ensure_loaded(module) do
      {:module, m} -> m
      _ -> raise ArgumentError, "could not load module #{inspect(module)} due to reason :nofile"
    end
  end
end
