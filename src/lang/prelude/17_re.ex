# Erlang's :re over PCRE2.  Compiling and matching are C (src/vm/bif_re.c,
# :ciex.re_*); here are the conversions of subjects and patterns given as
# iodata or charlists, and replace/3,4 and split/2,3 over run/3, with the
# results re.erl gives (iodata by default, {:return, :binary | :list}).
defmodule :re do
  def version, do: :ciex.re_version()

  def compile(re), do: compile(re, [])
  def compile(re, options) when is_list(options) do
    :ciex.re_compile(to_bin(re, :lists.member(:unicode, options)), options)
  end

  def run(subject, re), do: run(subject, re, [])
  def run(subject, re, options) when is_list(options) do
    uni = unicode?(re, options)
    :ciex.re_run(to_bin(subject, uni), pattern(re, uni), options)
  end

  def inspect({:re_pattern, _, _, _, _} = re, :namelist), do: {:namelist, :ciex.re_names(re)}
  def inspect(_re, _item), do: :erlang.error(:badarg)

  # ---- replace ----

  def replace(subject, re, replacement) do
    try do
      replace(subject, re, replacement, [])
    rescue
      _ -> :erlang.error(:badarg)
    end
  end
  def replace(subject, re, replacement, options) when is_list(options) do
    {run_opts, return} = replace_options(options, [], :iodata)
    uni = unicode?(re, options)
    flat = to_bin(subject, uni)
    repl = parse_replacement(to_bin(replacement, uni))
    iodata =
      case run(flat, pattern(re, uni), [{:capture, :all, :index} | run_opts]) do
        :nomatch -> subject
        {:match, [first | _] = all} when is_list(first) -> replace_matches(flat, 0, repl, all)
        {:match, groups} -> replace_matches(flat, 0, repl, [groups])
      end
    convert(iodata, return, uni)
  end

  defp replace_options([], acc, return), do: {:lists.reverse(acc), return}
  defp replace_options([{:return, r} | t], acc, _) when r in [:iodata, :list, :binary], do: replace_options(t, acc, r)
  defp replace_options([o | _], _, _) when o == :report_errors, do: :erlang.error(:badarg)
  defp replace_options([o | _], _, _) when is_tuple(o) and elem(o, 0) in [:capture, :return], do: :erlang.error(:badarg)
  defp replace_options([o | t], acc, return), do: replace_options(t, [o | acc], return)
  defp replace_options(_, _, _), do: :erlang.error(:badarg)

  defp convert(iodata, :iodata, _uni), do: iodata
  defp convert(iodata, :binary, true), do: :unicode.characters_to_binary(iodata)
  defp convert(iodata, :binary, false), do: :erlang.iolist_to_binary(iodata)
  defp convert(iodata, :list, true), do: :unicode.characters_to_list(iodata)
  defp convert(iodata, :list, false), do: :erlang.binary_to_list(:erlang.iolist_to_binary(iodata))

  # the replacement as binaries and group numbers: & is the match, \N and
  # \g{N} a group, a backslash before anything else that character
  defp parse_replacement(""), do: []
  defp parse_replacement(<<?\\, ?g, ?{, rest::binary>>) when rest != "" do
    {digits, <<?}, rest::binary>>} = digits(rest, [])
    [:erlang.list_to_integer(digits) | parse_replacement(rest)]
  end
  defp parse_replacement(<<?\\, ?g, rest::binary>>) when rest != "" do
    {digits, rest} = digits(rest, [])
    [:erlang.list_to_integer(digits) | parse_replacement(rest)]
  end
  defp parse_replacement(<<?\\, c, rest::binary>>) when c < ?1 or c > ?9, do: literal(c, parse_replacement(rest))
  defp parse_replacement(<<?\\, rest::binary>>) when rest != "" do
    {digits, rest} = digits(rest, [])
    [:erlang.list_to_integer(digits) | parse_replacement(rest)]
  end
  defp parse_replacement(<<?&, rest::binary>>), do: [0 | parse_replacement(rest)]
  defp parse_replacement(<<c, rest::binary>>), do: literal(c, parse_replacement(rest))

  defp literal(c, [bin | t]) when is_binary(bin), do: [<<c, bin::binary>> | t]
  defp literal(c, parts), do: [<<c>> | parts]

  defp digits(<<c, rest::binary>>, acc) when c >= ?0 and c <= ?9, do: digits(rest, [c | acc])
  defp digits(rest, acc), do: {:lists.reverse(acc), rest}

  defp replace_matches(whole, pos, _repl, []) do
    if pos == byte_size(whole), do: [], else: :binary.part(whole, pos, byte_size(whole) - pos)
  end
  defp replace_matches(whole, pos, repl, [[{mpos, len} | _] = groups | tail]) do
    new = expand(whole, repl, groups)
    rest = replace_matches(whole, mpos + len, repl, tail)
    if mpos > pos, do: [:binary.part(whole, pos, mpos - pos), new | rest], else: [new | rest]
  end

  defp expand(_whole, [bin], _groups) when is_binary(bin), do: bin
  defp expand(whole, repl, groups) do
    groups = :erlang.list_to_tuple(groups)
    for part <- repl do
      cond do
        is_binary(part) -> part
        part >= tuple_size(groups) -> ""
        true ->
          {start, len} = elem(groups, part)
          if start < 0, do: "", else: :binary.part(whole, start, len)
      end
    end
  end

  # ---- split ----

  def split(subject, re), do: split(subject, re, [])
  def split(subject, re, options) when is_list(options) do
    {opts, return, limit, trim, group} = split_options(options, [], :iodata, -1, false, false)
    uni = unicode?(re, options)
    flat = to_bin(subject, uni)
    {compiled, run_opts} = compiled_for_split(re, opts, uni)
    {:re_pattern, nsub, _, _, _} = compiled
    parts =
      case run(flat, compiled, run_opts ++ [:global]) do
        :nomatch -> [wrap(flat, group)]
        {:match, matches} ->
          res = split_parts(flat, 0, matches, nsub, limit, group)
          if trim, do: strip_empty(res, group), else: res
      end
    if group, do: for(p <- parts, do: convert_parts(p, return, uni)), else: convert_parts(parts, return, uni)
  end

  defp split_options([], acc, r, l, s, g), do: {:lists.reverse(acc), r, l, s, g}
  defp split_options([:trim | t], acc, r, _l, _s, g), do: split_options(t, acc, r, -1, true, g)
  defp split_options([{:parts, 0} | t], acc, r, _l, _s, g), do: split_options(t, acc, r, -1, true, g)
  defp split_options([{:parts, :infinity} | t], acc, r, _l, _s, g), do: split_options(t, acc, r, -1, false, g)
  defp split_options([{:parts, n} | t], acc, r, _l, _s, g) when is_integer(n) and n >= 1,
    do: split_options(t, acc, r, n - 1, false, g)
  defp split_options([:group | t], acc, r, l, s, _g), do: split_options(t, acc, r, l, s, true)
  defp split_options([{:return, r} | t], acc, _r, l, s, g) when r in [:iodata, :list, :binary],
    do: split_options(t, acc, r, l, s, g)
  defp split_options([o | _], _, _, _, _, _) when o in [:global, :report_errors], do: :erlang.error(:badarg)
  defp split_options([o | _], _, _, _, _, _) when is_tuple(o) and elem(o, 0) in [:capture, :return, :parts],
    do: :erlang.error(:badarg)
  defp split_options([o | t], acc, r, l, s, g), do: split_options(t, [o | acc], r, l, s, g)
  defp split_options(_, _, _, _, _, _), do: :erlang.error(:badarg)

  defp compiled_for_split({:re_pattern, _, _, _, _} = re, opts, _uni), do: {re, opts}
  defp compiled_for_split(re, opts, uni) do
    case compile(to_bin(re, uni), for(o <- opts, not run_option?(o), do: o)) do
      {:ok, compiled} -> {compiled, for(o <- opts, run_option?(o) or newline_option?(o), do: o)}
      {:error, _} -> :erlang.error(:badarg)
    end
  end

  defp run_option?(o) when o in [:anchored, :global, :notbol, :noteol, :notempty, :notempty_atstart, :report_errors],
    do: true
  defp run_option?({k, _}) when k in [:offset, :capture, :match_limit, :match_limit_recursion], do: true
  defp run_option?({:capture, _, _}), do: true
  defp run_option?(_), do: false

  defp newline_option?({:newline, _}), do: true
  defp newline_option?(_), do: false

  defp wrap(bin, true), do: [bin]
  defp wrap(bin, false), do: bin

  defp rest_from(subj, off), do: :binary.part(subj, off, byte_size(subj) - off)

  defp split_parts(subj, off, _, _, 0, group), do: [wrap(rest_from(subj, off), group)]
  defp split_parts(subj, off, [], _, _, group), do: [wrap(rest_from(subj, off), group)]
  defp split_parts(subj, off, _, _, _, group) when byte_size(subj) <= off, do: [wrap("", group)]
  defp split_parts(subj, off, [[{mpos, mlen} | subs] | tail], nsub, limit, group) do
    if mpos == off and mlen == 0 and empty_groups?(subs) do
      split_parts(subj, mpos, tail, nsub, limit, group)
    else
      kept = :binary.part(subj, off, mpos - off)
      groups = for {start, len} <- pad_groups(subs, nsub), do: if(start < 0, do: "", else: :binary.part(subj, start, len))
      rest = split_parts(subj, mpos + mlen, tail, nsub, limit - 1, group)
      if group, do: [[kept | groups] | rest], else: [kept | groups ++ rest]
    end
  end

  defp empty_groups?([]), do: true
  defp empty_groups?([{_, 0} | t]), do: empty_groups?(t)
  defp empty_groups?(_), do: false

  defp pad_groups(_, 0), do: []
  defp pad_groups([], n), do: [{0, 0} | pad_groups([], n - 1)]
  defp pad_groups([h | t], n), do: [h | pad_groups(t, n - 1)]

  defp strip_empty(parts, false), do: strip_trailing(parts)
  defp strip_empty(groups, true) do
    groups |> :lists.reverse() |> Enum.drop_while(&(strip_trailing(&1) == [])) |> :lists.reverse()
  end

  defp strip_trailing(parts), do: parts |> :lists.reverse() |> Enum.drop_while(&(&1 == "")) |> :lists.reverse()

  defp convert_parts(parts, :list, true), do: for(p <- parts, do: :unicode.characters_to_list(p))
  defp convert_parts(parts, :list, false), do: for(p <- parts, do: :erlang.binary_to_list(p))
  defp convert_parts(parts, _, _), do: parts

  # ---- arguments ----

  defp pattern({:re_pattern, _, _, _, _} = re, _uni), do: re
  defp pattern(re, uni), do: to_bin(re, uni)

  defp unicode?({:re_pattern, _, u, _, _}, _options), do: u == 1
  defp unicode?(_re, options), do: :lists.member(:unicode, options)

  defp to_bin(data, _uni) when is_binary(data), do: data
  defp to_bin(data, true) when is_list(data) do
    case :unicode.characters_to_binary(data) do
      bin when is_binary(bin) -> bin
      _ -> :erlang.error(:badarg)
    end
  end
  defp to_bin(data, false) when is_list(data), do: :erlang.iolist_to_binary(data)
  defp to_bin(_data, _uni), do: :erlang.error(:badarg)
end
