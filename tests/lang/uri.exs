# URI: the iex> examples of its documentation, how %URI{} prints, merging
# (RFC 3986's examples), percent-encoding, queries, and URI.new's errors.
IO.inspect URI.append_query(URI.parse("http://example.com/"), "x=1") |> URI.to_string()
IO.inspect URI.append_query(URI.parse("http://example.com/?x=1"), "y=2") |> URI.to_string()
IO.inspect URI.append_query(URI.parse("http://example.com/?x=1"), "x=2") |> URI.to_string()
IO.inspect URI.append_query(URI.parse("http://example.com/?x=1&"), "y=2") |> URI.to_string()
IO.inspect URI.char_reserved?(?+)
IO.inspect URI.char_unescaped?(?{)
IO.inspect URI.char_unreserved?(?_)
IO.inspect Enum.filter(0..127, &URI.char_reserved?/1) |> List.to_string()
IO.inspect Enum.filter(0..127, &URI.char_unreserved?/1) |> List.to_string()
IO.inspect URI.decode("https%3A%2F%2Felixir-lang.org")
IO.inspect URI.decode_query("foo=1&bar=2")
IO.inspect URI.decode_query("percent=oh+yes%21", %{"starting" => "map"})
IO.inspect URI.decode_query("percent=oh+yes%21", %{}, :rfc3986)
IO.inspect URI.decode_query("a&b=&=c&a=2")
IO.inspect URI.decode_www_form("%3Call+in%2F")
IO.inspect URI.default_port("ftp")
IO.inspect URI.default_port("ponzi")
IO.inspect URI.default_port("ponzi", 9999)
IO.inspect URI.default_port("ponzi")
IO.inspect URI.parse("ponzi://host/x").port
IO.inspect URI.to_string(URI.parse("ponzi://host:9999/x"))
IO.inspect URI.encode("ftp://s-ite.tld/?value=put it+й")
IO.inspect URI.encode("a string", &(&1 != ?i))
IO.inspect URI.encode_query(%{"foo" => 1, "bar" => 2})
IO.inspect URI.encode_query(%{"key" => "value with spaces"})
IO.inspect URI.encode_query(%{"key" => "value with spaces"}, :rfc3986)
IO.inspect URI.encode_query([a: "é&=", b: :atom, c: nil, d: 1.5])
try do
  URI.encode_query(%{key: [:a, :list]})
rescue
  e in ArgumentError -> IO.puts e.message
end
try do
  URI.encode_query([{[?k], 1}])
rescue
  e in ArgumentError -> IO.puts e.message
end
IO.inspect URI.encode_www_form("put: it+й")
IO.inspect URI.merge(URI.parse("http://google.com"), "/query") |> to_string()
IO.inspect URI.merge("http://example.com", "http://google.com") |> to_string()
IO.inspect URI.query_decoder("foo=1&bar=2") |> Enum.to_list()
IO.inspect URI.query_decoder("food=bread%26butter&drinks=tap%20water+please") |> Enum.to_list()
IO.inspect URI.query_decoder("food=bread%26butter&drinks=tap%20water+please", :rfc3986) |> Enum.to_list()
for s <- ["%zz", "%4", "a%2", "%C3%A9+x", "%", "%%41"] do
  IO.inspect {URI.decode(s), URI.decode_www_form(s)}
end

IO.puts "-- new/new!"
IO.inspect URI.new("https://elixir-lang.org/")
IO.inspect URI.new("//elixir-lang.org/")
IO.inspect URI.new("/foo/bar")
IO.inspect URI.new("foo/bar")
IO.inspect URI.new("//[fe80::]/")
IO.inspect URI.new("https:?query")
IO.inspect URI.new("/invalid_greater_than_in_path/>")
{:ok, uri} = URI.new("https://elixir-lang.org/")
IO.inspect URI.new(uri)
IO.inspect URI.new!("https://elixir-lang.org/")
uri = URI.new!("https://elixir-lang.org/")
IO.inspect URI.new!(uri)
IO.inspect URI.new!("https://user:pw@elixir-lang.org:8443/a/b?c=d#e")
try do
  URI.new!("/invalid_greater_than_in_path/>")
rescue
  e in URI.Error -> IO.puts Exception.message(e)
end
for s <- ["http://x?#", "http://", "//", "http://u:p@host:abc/", "HTTP://Host:8080", "mailto:a@b.c",
          "http://a@b@c/", "http://[::1]:4000/x", "x:y", "1x:y", "a+b.c-d:rest", "", "?q", "#f",
          "http://h/p?q=1#frag#x", "http://h:/p", "file:///etc/passwd", "/a b", "http://h/<", "http://h:p/",
          "http://h]/", "http://[zz/", "http://h/%zz", "a b:c", "http://h/p?q=<>#x", "http://u ser@h/",
          "http://h/é", ":x", "http://h/{}", "//u@h:8/p", "//h:/p", "http://1.2.3.4:80/", "http://[::ffff:1.2.3.4]/",
          "http://[1:2:3:4:5:6:7:8]/", "http://[1::2::3]/", "http://[12345::]/"] do
  IO.puts inspect({s, URI.new(s)}, structs: false, width: 1000)
end

IO.puts "-- parse"
IO.inspect URI.parse("https://elixir-lang.org/")
IO.inspect URI.parse("//elixir-lang.org/")
IO.inspect URI.parse("/foo/bar")
IO.inspect URI.parse("foo/bar")
IO.inspect URI.parse("/invalid_greater_than_in_path/>")
IO.inspect URI.parse("/?foo[bar]=baz")
IO.inspect URI.parse(URI.parse("http://x"))
for s <- ["http://x?#", "http://", "//", "http://u:p@host:abc/", "HTTP://Host:8080", "mailto:a@b.c",
          "http://a@b@c/", "http://[::1]:4000/x", "x:y", "1x:y", "", "?q", "#f", "http://h/p?q=1#frag#x",
          "http://h:/p", "file:///etc/passwd", "http://@h/", "http://[::1/", "http://h:12x/"] do
  IO.puts inspect({s, URI.parse(s)}, structs: false, width: 1000)
end

IO.puts "-- to_string"
IO.inspect URI.to_string(URI.parse("http://google.com"))
IO.inspect URI.to_string(URI.parse("foo://bar.baz"))
IO.inspect to_string(URI.parse("https://u@h:443/a?b#c"))
IO.inspect "#{URI.parse("https://h:80/x")}"
IO.inspect URI.to_string(%URI{host: "::1", port: 80, scheme: "http"})
IO.inspect URI.to_string(%URI{authority: "auth", path: "/x"})
IO.inspect URI.to_string(%URI{path: "/only", query: "", fragment: ""})
IO.inspect %URI{}
IO.inspect URI.parse("http://example.com")
IO.inspect [URI.parse("http://example.com/a")], width: 200

IO.puts "-- merge"
base = "http://a/b/c/d;p?q"
for rel <- ["g:h", "g", "./g", "g/", "/g", "//g", "?y", "g?y", "#s", "g#s", "g?y#s", ";x", "g;x", "g;x?y#s", "",
            ".", "./", "..", "../", "../g", "../..", "../../", "../../g", "../../../g", "../../../../g",
            "/./g", "/../g", "g.", ".g", "g..", "..g", "./../g", "./g/.", "g/./h", "g/../h", "g;x=1/./y",
            "g;x=1/../y"] do
  IO.puts "#{rel} -> #{URI.merge(base, rel)}"
end
IO.inspect URI.merge(URI.parse("http://x.com"), URI.parse("y"))
try do
  URI.merge("/relative", "x")
rescue
  e in ArgumentError -> IO.puts e.message
end

IO.puts "-- :uri_string.parse"
for s <- ["https://u@h:8/p?q#f", "http://h:/p", "//h", "?q", "#f", "", "mailto:a@b", "http://h/<", "/a b",
          "http://[::1]:80/", "http://[1::2::3]/", 'http://h/x', 'bad path>'] do
  IO.puts inspect(:uri_string.parse(s), width: 1000)
end
