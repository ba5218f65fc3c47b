# Elixir's Regex over :re (17_re.ex).  A %Regex{} made on a node whose
# :re.version/0 differs (a BEAM node, PCRE 8) is run from its source and
# modifiers, as Elixir does on a version mismatch; one made here runs on a
# BEAM node the same way.
defmodule Regex.CompileError do
  defexception message: "regex could not be compiled"
end

defmodule Regex do
  defstruct re_pattern: nil, source: "", opts: "", re_version: ""

  def version, do: {:re.version(), :erlang.system_info(:endian)}

  def compile(source, options \\ "")
  def compile(source, options) when is_binary(source) and is_binary(options) do
    case modifiers(options, []) do
      {:error, rest} -> {:error, {:invalid_option, rest}}
      translated -> build(source, translated, options)
    end
  end
  def compile(source, options) when is_binary(source) and is_list(options), do: build(source, options, "")

  defp build(source, re_options, shown) do
    case :re.compile(source, re_options) do
      {:ok, re_pattern} ->
        {:ok, %Regex{re_pattern: re_pattern, re_version: version(), source: source, opts: shown_options(shown, re_options)}}
      error -> error
    end
  end

  defp shown_options("", []), do: ""
  defp shown_options("", options), do: options
  defp shown_options(shown, _options), do: shown

  def compile!(source, options \\ "") when is_binary(source) do
    case compile(source, options) do
      {:ok, regex} -> regex
      {:error, {reason, at}} -> raise Regex.CompileError, "#{reason} at position #{at}"
    end
  end

  defp modifiers(<<?u, t::binary>>, acc), do: modifiers(t, [:unicode, :ucp | acc])
  defp modifiers(<<?i, t::binary>>, acc), do: modifiers(t, [:caseless | acc])
  defp modifiers(<<?x, t::binary>>, acc), do: modifiers(t, [:extended | acc])
  defp modifiers(<<?f, t::binary>>, acc), do: modifiers(t, [:firstline | acc])
  defp modifiers(<<?U, t::binary>>, acc), do: modifiers(t, [:ungreedy | acc])
  defp modifiers(<<?s, t::binary>>, acc), do: modifiers(t, [:dotall, {:newline, :anycrlf} | acc])
  defp modifiers(<<?m, t::binary>>, acc), do: modifiers(t, [:multiline | acc])
  defp modifiers(<<?r, t::binary>>, acc) do
    IO.warn("the /r modifier in regular expressions is deprecated, please use /U instead")
    modifiers(t, [:ungreedy | acc])
  end
  defp modifiers(<<>>, acc), do: acc
  defp modifiers(rest, _acc), do: {:error, rest}

  def recompile(%Regex{} = regex) do
    v = version()
    case regex do
      %{re_version: ^v} -> {:ok, regex}
      %{source: source, opts: opts} -> compile(source, opts)
    end
  end

  def recompile!(regex) do
    case recompile(regex) do
      {:ok, regex} -> regex
      {:error, {reason, at}} -> raise Regex.CompileError, "#{reason} at position #{at}"
    end
  end

  def regex?(%Regex{}), do: true
  def regex?(_), do: false

  def source(%Regex{source: source}), do: source
  def opts(%Regex{opts: opts}), do: opts
  def re_pattern(%Regex{re_pattern: re_pattern}), do: re_pattern

  # :re.run on the compiled pattern, or on the source when the pattern was
  # compiled by another PCRE
  defp safe_run(%Regex{re_pattern: compiled, source: source, re_version: v, opts: opts}, string, options) do
    if v == version() do
      :re.run(string, compiled, options)
    else
      :re.run(string, source, modifiers(opts, options))
    end
  end

  def match?(%Regex{} = regex, string) when is_binary(string), do: safe_run(regex, string, capture: :none) == :match

  def run(regex, string, options \\ [])
  def run(%Regex{} = regex, string, options) when is_binary(string) do
    return = Keyword.get(options, :return, :binary)
    captures = Keyword.get(options, :capture, :all)
    offset = Keyword.get(options, :offset, 0)
    case safe_run(regex, string, [{:capture, captures, return}, offset: offset]) do
      :nomatch -> nil
      :match -> []
      {:match, results} -> results
    end
  end

  def scan(regex, string, options \\ [])
  def scan(%Regex{} = regex, string, options) when is_binary(string) do
    return = Keyword.get(options, :return, :binary)
    captures = Keyword.get(options, :capture, :all)
    offset = Keyword.get(options, :offset, 0)
    case safe_run(regex, string, [{:capture, captures, return}, :global, offset: offset]) do
      {:match, results} -> results
      _ -> []
    end
  end

  def names(%Regex{re_pattern: compiled, re_version: v, source: source}) do
    pattern =
      if v == version() do
        compiled
      else
        {:ok, recompiled} = :re.compile(source)
        recompiled
      end
    {:namelist, names} = :re.inspect(pattern, :namelist)
    names
  end

  def named_captures(regex, string, options \\ []) when is_binary(string) do
    names = names(regex)
    case run(regex, string, Keyword.put(options, :capture, names)) do
      nil -> nil
      results -> Enum.into(Enum.zip(names, results), %{})
    end
  end

  # ---- split ----

  def split(regex, string, options \\ [])
  def split(%Regex{}, "", options) do
    if Keyword.get(options, :trim, false), do: [], else: [""]
  end
  def split(%Regex{} = regex, string, options) when is_binary(string) and is_list(options) do
    on = Keyword.get(options, :on, :first)
    case safe_run(regex, string, [:global, capture: on]) do
      {:match, matches} ->
        limit =
          case Keyword.get(options, :parts, :infinity) do
            :infinity -> 0
            n when is_integer(n) and n > 0 -> n
          end
        trim = Keyword.get(options, :trim, false)
        with_captures = Keyword.get(options, :include_captures, false)
        split_at(matches, string, 0, limit, trim, with_captures)
      _ -> [string]
    end
  end

  defp split_at(_, string, offset, _limit, true, _with) when byte_size(string) <= offset, do: []
  defp split_at(_, string, offset, 1, _trim, _with), do: [tail(string, offset)]
  defp split_at([], string, offset, _limit, _trim, _with), do: [tail(string, offset)]
  defp split_at([[] | t], string, offset, limit, trim, with), do: split_at(t, string, offset, limit, trim, with)
  defp split_at([[{pos, _} | h] | t], string, offset, limit, trim, with) when pos < offset,
    do: split_at([h | t], string, offset, limit, trim, with)
  defp split_at([[{pos, len} | h] | t], string, offset, limit, trim, with) do
    kept = pos - offset
    part = :binary.part(string, offset, kept)
    rest = split_at([h | t], string, pos + len, limit - 1, trim, with)
    skip = kept == 0 and trim
    cond do
      with and skip -> [:binary.part(string, pos, len) | rest]
      with -> [part, :binary.part(string, pos, len) | rest]
      skip -> split_at([h | t], string, pos + len, limit, trim, with)
      true -> [part | rest]
    end
  end

  defp tail(string, offset), do: :binary.part(string, offset, byte_size(string) - offset)

  # ---- replace ----

  def replace(regex, string, replacement, options \\ [])
  def replace(%Regex{} = regex, string, replacement, options) when is_binary(string) and is_list(options) do
    run_opts = if Keyword.get(options, :global) != false, do: [:global], else: []
    case safe_run(regex, string, [{:capture, :all, :index} | run_opts]) do
      :nomatch -> string
      {:match, [first | _] = all} when is_list(first) ->
        :erlang.iolist_to_binary(replace_all(string, 0, replacement_parts(replacement), all))
      {:match, groups} ->
        :erlang.iolist_to_binary(replace_all(string, 0, replacement_parts(replacement), [groups]))
    end
  end

  defp replace_all(string, pos, _repl, []), do: [tail(string, pos)]
  defp replace_all(string, pos, repl, [[{mpos, len} | _] = groups | rest]) do
    [:binary.part(string, pos, mpos - pos), substitute(string, repl, groups) | replace_all(string, mpos + len, repl, rest)]
  end

  defp replacement_parts(fun) when is_function(fun) do
    {:arity, arity} = :erlang.fun_info(fun, :arity)
    {fun, arity}
  end
  defp replacement_parts(bin) when is_binary(bin), do: parse_replacement(bin)

  defp parse_replacement(""), do: []
  defp parse_replacement(<<?\\, ?g, ?{, rest::binary>>) when rest != "" do
    {digits, <<?}, rest::binary>>} = digits(rest, [])
    [:erlang.list_to_integer(digits) | parse_replacement(rest)]
  end
  defp parse_replacement(<<?\\, ?\\, rest::binary>>), do: literal(?\\, parse_replacement(rest))
  defp parse_replacement(<<?\\, c, rest::binary>>) when c >= ?0 and c <= ?9 do
    {digits, rest} = digits(rest, [c])
    [:erlang.list_to_integer(digits) | parse_replacement(rest)]
  end
  defp parse_replacement(<<c, rest::binary>>), do: literal(c, parse_replacement(rest))

  defp literal(c, [bin | t]) when is_binary(bin), do: [<<c, bin::binary>> | t]
  defp literal(c, parts), do: [<<c>> | parts]

  defp digits(<<c, rest::binary>>, acc) when c >= ?0 and c <= ?9, do: digits(rest, [c | acc])
  defp digits(rest, acc), do: {:lists.reverse(acc), rest}

  defp substitute(string, {fun, arity}, groups), do: apply(fun, group_texts(string, groups, arity))
  defp substitute(_string, [bin], _groups) when is_binary(bin), do: bin
  defp substitute(string, parts, groups) do
    groups = :erlang.list_to_tuple(groups)
    for part <- parts do
      cond do
        is_binary(part) -> part
        part >= tuple_size(groups) -> ""
        true -> group_text(string, elem(groups, part))
      end
    end
  end

  defp group_texts(_string, _groups, 0), do: []
  defp group_texts(string, [], n), do: ["" | group_texts(string, [], n - 1)]
  defp group_texts(string, [g | t], n), do: [group_text(string, g) | group_texts(string, t, n - 1)]

  defp group_text(_string, {pos, _len}) when pos < 0, do: ""
  defp group_text(string, {pos, len}), do: :binary.part(string, pos, len)

  # ---- escape ----

  def escape(string) when is_binary(string), do: :erlang.iolist_to_binary(escape_chars(string))

  defp escape_chars(<<c, rest::binary>>) when c in [?., ?^, ?$, ?*, ?+, ??, ?(, ?), ?[, ?], ?{, ?}, ?|, ?#, ?-, ?\\],
    do: [?\\, c | escape_chars(rest)]
  defp escape_chars(<<c, rest::binary>>) when c in [?\t, ?\n, ?\v, ?\f, ?\r, ?\s], do: [?\\, c | escape_chars(rest)]
  defp escape_chars(<<c, rest::binary>>), do: [c | escape_chars(rest)]
  defp escape_chars(<<>>), do: []

  def unescape_map(:newline), do: true
  def unescape_map(?f), do: ?\f
  def unescape_map(?n), do: ?\n
  def unescape_map(?r), do: ?\r
  def unescape_map(?t), do: ?\t
  def unescape_map(?v), do: ?\v
  def unescape_map(?a), do: ?\a
  def unescape_map(_), do: false
end
