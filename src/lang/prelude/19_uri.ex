# URI: parsing, building, percent-encoding and query strings, as Elixir
# 1.14 does them.
#
# URI.parse/1 splits a string as RFC 3986's appendix B does (it never
# fails); URI.new/1 validates it with OTP's :uri_string.parse/1 (at the end
# of this file), whose error names the character where the last attempt
# stopped.
defmodule URI.Error do
  defexception [:action, :reason, :part]

  def message(%{action: action, reason: reason, part: part}) do
    "cannot #{action} due to reason #{reason}: #{inspect(part)}"
  end
end

defmodule URI do
  # the order Elixir 1.14 declares (and inspect prints) the fields in
  defstruct [:scheme, :authority, :userinfo, :host, :port, :path, :query, :fragment]

  @default_ports %{"ftp" => 21, "sftp" => 22, "tftp" => 69, "http" => 80, "https" => 443,
                   "ldap" => 389, "ws" => 80, "wss" => 443}

  def default_port(scheme) when is_binary(scheme) do
    :persistent_term.get({URI, :default_port, scheme}, Map.get(@default_ports, scheme))
  end

  def default_port(scheme, port) when is_binary(scheme) and is_integer(port) and port >= 0 do
    :persistent_term.put({URI, :default_port, scheme}, port)
  end

  # ---- characters ----

  def char_reserved?(c) when is_integer(c), do: c in ':/?#[]@!$&\'()*+,;='

  def char_unreserved?(c) when is_integer(c) do
    (c >= ?0 and c <= ?9) or (c >= ?a and c <= ?z) or (c >= ?A and c <= ?Z) or c in '~_-.'
  end

  def char_unescaped?(c) when is_integer(c), do: char_reserved?(c) or char_unreserved?(c)

  # ---- percent-encoding ----

  def encode(string, predicate \\ &char_unescaped?/1) when is_binary(string) and is_function(predicate, 1) do
    for <<c <- string>>, into: "", do: percent(c, predicate)
  end

  def encode_www_form(string) when is_binary(string) do
    for <<c <- string>>, into: "" do
      case percent(c, &char_unreserved?/1) do
        "%20" -> "+"
        other -> other
      end
    end
  end

  defp percent(c, predicate) do
    if predicate.(c), do: <<c>>, else: <<?%, hex(div(c, 16)), hex(rem(c, 16))>>
  end

  defp hex(n) when n <= 9, do: n + ?0
  defp hex(n), do: n + ?A - 10

  def decode(uri) when is_binary(uri), do: unpercent(uri, [], false)
  def decode_www_form(string) when is_binary(string), do: unpercent(string, [], true)

  # a "%" not followed by two hex digits stays as it is
  defp unpercent(<<?+, rest::binary>>, acc, true), do: unpercent(rest, [?\s | acc], true)
  defp unpercent(<<?%, a, b, rest::binary>> = all, acc, spaces) do
    case {hex_value(a), hex_value(b)} do
      {x, y} when is_integer(x) and is_integer(y) -> unpercent(rest, [x * 16 + y | acc], spaces)
      _ -> unpercent(binary_part(all, 1, byte_size(all) - 1), [?% | acc], spaces)
    end
  end
  defp unpercent(<<c, rest::binary>>, acc, spaces), do: unpercent(rest, [c | acc], spaces)
  defp unpercent(<<>>, acc, _spaces), do: :erlang.list_to_binary(:lists.reverse(acc))

  defp hex_value(c) when c >= ?0 and c <= ?9, do: c - ?0
  defp hex_value(c) when c >= ?a and c <= ?f, do: c - ?a + 10
  defp hex_value(c) when c >= ?A and c <= ?F, do: c - ?A + 10
  defp hex_value(_), do: nil

  # ---- queries ----

  def encode_query(enumerable, encoding \\ :www_form) do
    Enum.map_join(enumerable, "&", &encode_pair(&1, encoding))
  end

  defp encode_pair({key, _}, _encoding) when is_list(key) do
    raise ArgumentError, "encode_query/2 keys cannot be lists, got: " <> inspect(key)
  end
  defp encode_pair({_, value}, _encoding) when is_list(value) do
    raise ArgumentError, "encode_query/2 values cannot be lists, got: " <> inspect(value)
  end
  defp encode_pair({key, value}, :rfc3986) do
    encode(Kernel.to_string(key), &char_unreserved?/1) <> "=" <> encode(Kernel.to_string(value), &char_unreserved?/1)
  end
  defp encode_pair({key, value}, :www_form) do
    encode_www_form(Kernel.to_string(key)) <> "=" <> encode_www_form(Kernel.to_string(value))
  end

  def decode_query(query, map \\ %{}, encoding \\ :www_form)
  def decode_query(query, map, encoding) when is_binary(query) and is_map(map) do
    decode_query_into(query, map, encoding)
  end

  defp decode_query_into(query, map, encoding) do
    case next_query_pair(query, encoding) do
      nil -> map
      {{key, value}, rest} -> decode_query_into(rest, Map.put(map, key, value), encoding)
    end
  end

  def query_decoder(query, encoding \\ :www_form) when is_binary(query) do
    Stream.unfold(query, &next_query_pair(&1, encoding))
  end

  defp next_query_pair("", _encoding), do: nil
  defp next_query_pair(query, encoding) do
    {pair, rest} =
      case :binary.split(query, "&") do
        [pair, rest] -> {pair, rest}
        [pair] -> {pair, ""}
      end
    decoded =
      case :binary.split(pair, "=") do
        [key, value] -> {decode_with(key, encoding), decode_with(value, encoding)}
        [key] -> {decode_with(key, encoding), ""}
      end
    {decoded, rest}
  end

  defp decode_with(string, :www_form), do: decode_www_form(string)
  defp decode_with(string, :rfc3986), do: decode(string)

  def append_query(%URI{query: query} = uri, new) when is_binary(new) and query in [nil, ""] do
    %{uri | query: new}
  end
  def append_query(%URI{query: query} = uri, new) when is_binary(new) do
    if String.ends_with?(query, "&"), do: %{uri | query: query <> new}, else: %{uri | query: query <> "&" <> new}
  end

  # ---- URI.parse/1: RFC 3986 appendix B ----

  def parse(%URI{} = uri), do: uri
  def parse(string) when is_binary(string) do
    {scheme, rest} = split_scheme(string)
    {authority, rest} =
      case rest do
        "//" <> after_slashes ->
          {a, r} = take_until(after_slashes, '/?#')
          {a, r}
        _ -> {nil, rest}
      end
    {path, rest} = take_until(rest, '?#')
    {query, rest} =
      case rest do
        "?" <> r -> take_until(r, '#')
        _ -> {nil, rest}
      end
    fragment =
      case rest do
        "#" <> r -> elem(take_until(r, '\n'), 0)
        _ -> nil
      end
    {userinfo, host, port} = split_authority(authority)
    scheme = scheme && String.downcase(scheme)
    port = port || (scheme && default_port(scheme))
    %URI{scheme: scheme, authority: authority, userinfo: userinfo, host: host, port: port,
         path: nillify(path), query: query, fragment: fragment}
  end

  defp split_scheme(<<c, _::binary>> = string) when (c >= ?a and c <= ?z) or (c >= ?A and c <= ?Z) do
    {candidate, rest} = take_until(string, ':')
    if rest != "" and Enum.all?(:binary.bin_to_list(candidate), &scheme_char?/1) do
      {candidate, binary_part(rest, 1, byte_size(rest) - 1)}
    else
      {nil, string}
    end
  end
  defp split_scheme(string), do: {nil, string}

  defp scheme_char?(c), do: (c >= ?a and c <= ?z) or (c >= ?A and c <= ?Z) or (c >= ?0 and c <= ?9) or c in '+-.'

  defp take_until(string, stops), do: take_until(string, stops, 0)
  defp take_until(string, stops, i) do
    if i < byte_size(string) and not (:binary.at(string, i) in stops) do
      take_until(string, stops, i + 1)
    else
      {binary_part(string, 0, i), binary_part(string, i, byte_size(string) - i)}
    end
  end

  # userinfo up to the last "@", a host in brackets or up to ":", a port
  defp split_authority(nil), do: {nil, nil, nil}
  defp split_authority(authority) do
    {userinfo, rest} =
      case :binary.matches(authority, "@") do
        [] -> {nil, authority}
        matches ->
          {at, 1} = List.last(matches)
          {binary_part(authority, 0, at), binary_part(authority, at + 1, byte_size(authority) - at - 1)}
      end
    {host, rest} = split_host(rest)
    port =
      case rest do
        ":" <> digits ->
          {d, _} = take_digits(digits, 0)
          if d == "", do: nil, else: String.to_integer(d)
        _ -> nil
      end
    host = host |> String.trim_leading("[") |> String.trim_trailing("]")
    {nillify(userinfo), host, port}
  end

  defp split_host("[" <> inner = all) do
    {ip, rest} = take_while(inner, &ip_literal_char?/1)
    case rest do
      "]" <> after_bracket -> {"[" <> ip <> "]", after_bracket}
      _ -> take_until(all, ':')
    end
  end
  defp split_host(string), do: take_until(string, ':')

  defp ip_literal_char?(c), do: (c >= ?a and c <= ?z) or (c >= ?A and c <= ?Z) or (c >= ?0 and c <= ?9) or c in ':.'

  defp take_digits(string, i) do
    if i < byte_size(string) and :binary.at(string, i) in ?0..?9 do
      take_digits(string, i + 1)
    else
      {binary_part(string, 0, i), binary_part(string, i, byte_size(string) - i)}
    end
  end

  defp take_while(string, pred), do: take_while(string, pred, 0)
  defp take_while(string, pred, i) do
    if i < byte_size(string) and pred.(:binary.at(string, i)) do
      take_while(string, pred, i + 1)
    else
      {binary_part(string, 0, i), binary_part(string, i, byte_size(string) - i)}
    end
  end

  defp nillify(""), do: nil
  defp nillify(other), do: other

  # ---- URI.new/1: RFC 3986 validated as :uri_string.parse/1 does ----

  def new(%URI{} = uri), do: {:ok, uri}
  def new(string) when is_binary(string) do
    case :uri_string.parse(string) do
      %{} = map -> {:ok, from_components(map)}
      {:error, :invalid_uri, part} -> {:error, Kernel.to_string(part)}
    end
  end

  def new!(%URI{} = uri), do: uri
  def new!(string) when is_binary(string) do
    case new(string) do
      {:ok, uri} -> uri
      {:error, part} -> raise URI.Error, action: :parse, reason: :invalid_uri, part: part
    end
  end

  defp from_components(%{path: ""} = map), do: from_components(%{map | path: nil})
  defp from_components(map) do
    uri = Map.merge(%URI{}, map)
    case map do
      %{scheme: scheme} ->
        scheme = String.downcase(scheme, :ascii)
        case map do
          %{port: _} -> %{uri | scheme: scheme}
          _ -> %{uri | scheme: scheme, port: default_port(scheme)}
        end
      _ ->
        uri
    end
  end

  # ---- building ----

  def to_string(%URI{} = uri) do
    %{scheme: scheme, port: port, path: path, query: query, fragment: fragment} = uri
    uri = if scheme && port == default_port(scheme), do: %{uri | port: nil}, else: uri
    authority = authority_text(uri)
    :erlang.iolist_to_binary([
      if(scheme, do: [scheme, ?:], else: []),
      if(authority, do: ["//" | authority], else: []),
      if(path, do: path, else: []),
      if(query, do: ["?" | query], else: []),
      if(fragment, do: ["#" | fragment], else: [])
    ])
  end

  # a host with a colon is an IPv6 address: it goes in brackets
  defp authority_text(%{host: nil, authority: authority}), do: authority
  defp authority_text(%{host: host, userinfo: userinfo, port: port}) do
    [
      if(userinfo, do: [userinfo | "@"], else: []),
      if(String.contains?(host, ":"), do: ["[", host | "]"], else: host),
      if(port, do: [":" | Integer.to_string(port)], else: [])
    ]
  end

  # ---- merging: RFC 3986 section 5.2 ----

  def merge(%URI{scheme: nil}, _rel), do: raise(ArgumentError, "you must merge onto an absolute URI")
  def merge(_base, %URI{scheme: scheme} = rel) when scheme != nil do
    %{rel | path: remove_dot_segments_from_path(rel.path)}
  end
  def merge(%URI{} = base, %URI{host: host} = rel) when host != nil do
    %{rel | scheme: base.scheme, path: remove_dot_segments_from_path(rel.path)}
  end
  def merge(%URI{} = base, %URI{path: nil} = rel) do
    %{base | query: rel.query || base.query, fragment: rel.fragment}
  end
  def merge(%URI{} = base, %URI{} = rel) do
    %{base | path: merge_paths(base.path, rel.path), query: rel.query, fragment: rel.fragment}
  end
  def merge(base, rel), do: merge(parse(base), parse(rel))

  defp merge_paths(nil, rel_path), do: merge_paths("/", rel_path)
  defp merge_paths(_, "/" <> _ = rel_path), do: remove_dot_segments_from_path(rel_path)
  defp merge_paths(base_path, rel_path) do
    base_dir = base_path |> String.split("/") |> Enum.drop(-1)
    remove_dot_segments(base_dir ++ String.split(rel_path, "/"))
  end

  defp remove_dot_segments_from_path(nil), do: nil
  defp remove_dot_segments_from_path(path), do: remove_dot_segments(String.split(path, "/"))

  # "." goes, ".." takes the segment before it away (never the root), and
  # a path ending in either ends without a slash, as in Elixir
  defp remove_dot_segments(segments) do
    segments
    |> Enum.reduce([], fn
      ".", acc -> acc
      "..", [""] -> [""]
      "..", [] -> []
      "..", [_ | acc] -> acc
      segment, acc -> [segment | acc]
    end)
    |> Enum.reverse()
    |> Enum.join("/")
  end
end

# OTP's :uri_string.parse/1: the grammar of RFC 3986 as OTP applies it.
# A URI with a scheme is tried first and, when any part of it fails, the
# whole string is read again as a relative reference; the error holds the
# character at which that second reading stopped.  Each reader returns
# the components it found as a map.
defmodule :uri_string do
  def parse(""), do: %{path: ""}
  def parse(string) when is_binary(string) do
    try do
      with_scheme(string)
    catch
      {:invalid, _} ->
        try do
          relative(string)
        catch
          {:invalid, part} -> {:error, :invalid_uri, part}
        end
    end
  end
  def parse(chars) when is_list(chars) do
    case parse(:unicode.characters_to_binary(chars)) do
      %{} = map -> :maps.map(fn _key, value -> if is_binary(value), do: :unicode.characters_to_list(value), else: value end, map)
      error -> error
    end
  end

  defp fail(part), do: throw({:invalid, part})
  defp fail_at(<<c::utf8, _::binary>>), do: fail([c])
  defp fail_at(<<c, _::binary>>), do: fail([c])
  defp fail_at(<<>>), do: fail("")

  defp with_scheme(<<c, _::binary>> = string) do
    if alpha?(c), do: :ok, else: fail_at(string)
    {scheme, rest} = span(string, &scheme_char?/1)
    case rest do
      ":" <> hier -> Map.put_new(Map.put(hierarchy(hier), :scheme, scheme), :path, "")
      "" -> fail("")
      _ -> fail_at(rest)
    end
  end

  # after "scheme:"
  defp hierarchy("//" <> rest), do: authority(rest)
  defp hierarchy("/" <> _ = rest), do: path_and_after(rest, &pchar?/1)
  defp hierarchy(rest), do: path_and_after(rest, &pchar?/1)

  defp relative("//" <> rest), do: Map.put_new(authority(rest), :path, "")
  defp relative("/" <> _ = rest), do: path_and_after(rest, &pchar?/1)
  defp relative("?" <> _ = rest), do: path_and_after(rest, &pchar?/1)
  defp relative("#" <> _ = rest), do: path_and_after(rest, &pchar?/1)
  defp relative(rest), do: path_and_after(rest, &segment_nz_nc?/1)

  # a path whose first segment takes the characters `first?` allows, then
  # an optional query and fragment
  defp path_and_after(string, first?) do
    {first, rest} = span(string, fn c -> c != ?/ and c != ?? and c != ?# and first?.(c) end)
    {more, rest} =
      case rest do
        "/" <> _ -> span(rest, fn c -> c == ?/ or (c != ?? and c != ?# and pchar?(c)) end)
        _ -> {"", rest}
      end
    Map.put(query_and_fragment(rest), :path, first <> more)
  end

  defp query_and_fragment("?" <> rest) do
    {query, rest} = span(rest, fn c -> c != ?# and query_char?(c) end)
    Map.put(fragment(rest), :query, query)
  end
  defp query_and_fragment(rest), do: fragment(rest)

  defp fragment("#" <> rest) do
    {fragment, rest} = span(rest, &query_char?/1)
    if rest == "", do: %{fragment: fragment}, else: fail_at(rest)
  end
  defp fragment(""), do: %{}
  defp fragment(rest), do: fail_at(rest)

  # userinfo@host:port, or (when that fails) host:port
  defp authority(rest) do
    try do
      {userinfo, after_info} = span(rest, &userinfo_char?/1)
      case after_info do
        "@" <> host_part -> Map.put(host_port(host_part), :userinfo, userinfo)
        _ -> fail_at(after_info)
      end
    catch
      {:invalid, _} -> host_port(rest)
    end
  end

  defp host_port("[" <> rest) do
    {ip, after_ip} = span(rest, &ipv6_char?/1)
    case after_ip do
      "]" <> tail ->
        unless ipv6?(ip), do: fail(:erlang.binary_to_list(ip))
        Map.put(port_and_after(tail), :host, ip)
      _ -> fail_at(after_ip)
    end
  end
  defp host_port(rest) do
    {host, tail} = span(rest, &reg_name_char?/1)
    Map.put(port_and_after(tail), :host, host)
  end

  defp port_and_after(":" <> rest) do
    {digits, tail} = span(rest, &digit?/1)
    port = if digits == "", do: :undefined, else: String.to_integer(digits)
    Map.put(after_authority(tail), :port, port)
  end
  defp port_and_after(rest), do: after_authority(rest)

  defp after_authority("/" <> _ = rest), do: path_and_after(rest, &pchar?/1)
  defp after_authority(""), do: %{}
  defp after_authority("?" <> _ = rest), do: query_and_fragment(rest)
  defp after_authority("#" <> _ = rest), do: fragment(rest)
  defp after_authority(rest), do: fail_at(rest)

  # IPv6 text: hex groups of at most 4 digits, at most one "::", and an
  # IPv4 address allowed as the last group
  defp ipv6?(ip) do
    groups = String.split(ip, ":")
    doubles = length(:binary.matches(ip, "::"))
    {last, init} = List.pop_at(groups, -1)
    v4 = String.contains?(last, ".")
    count = length(groups) + if(v4, do: 1, else: 0)
    hex_groups = if v4, do: init, else: groups
    doubles <= 1 and ip != "" and
      Enum.all?(hex_groups, fn g -> byte_size(g) <= 4 and Enum.all?(:binary.bin_to_list(g), &hex?/1) end) and
      (not v4 or ipv4?(last)) and
      (if doubles == 1, do: count <= 8, else: count == 8 and Enum.all?(groups, &(&1 != "")))
  end

  defp ipv4?(text) do
    parts = String.split(text, ".")
    length(parts) == 4 and
      Enum.all?(parts, fn p -> p != "" and byte_size(p) <= 3 and Enum.all?(:binary.bin_to_list(p), &digit?/1) and String.to_integer(p) <= 255 end)
  end

  defp span(string, pred), do: span(string, pred, 0)
  defp span(string, pred, i) do
    if i < byte_size(string) and pred.(:binary.at(string, i)) do
      span(string, pred, i + 1)
    else
      {binary_part(string, 0, i), binary_part(string, i, byte_size(string) - i)}
    end
  end

  defp alpha?(c), do: (c >= ?a and c <= ?z) or (c >= ?A and c <= ?Z)
  defp digit?(c), do: c >= ?0 and c <= ?9
  defp hex?(c), do: digit?(c) or (c >= ?a and c <= ?f) or (c >= ?A and c <= ?F)
  defp unreserved?(c), do: alpha?(c) or digit?(c) or c in '-._~'
  defp sub_delim?(c), do: c in '!$&\'()*+,;='
  defp scheme_char?(c), do: alpha?(c) or digit?(c) or c in '+-.'
  defp pchar?(c), do: c in '%:@' or unreserved?(c) or sub_delim?(c)
  defp segment_nz_nc?(c), do: c in '%@' or unreserved?(c) or sub_delim?(c)
  defp query_char?(c), do: c in '/?' or pchar?(c)
  defp userinfo_char?(c), do: c in '%:' or unreserved?(c) or sub_delim?(c)
  defp reg_name_char?(c), do: c == ?% or unreserved?(c) or sub_delim?(c)
  defp ipv6_char?(c), do: c in ':.' or hex?(c)
end
