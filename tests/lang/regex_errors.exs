# Invalid regular expressions, bad arguments and runaway patterns.
for source <- ["(", ")", "[", "a{2,1}", "*", "a)", "\\", "(?<n>a)(?<n>b)", "(?<=a+)b", "[z-a]",
               "(?z)", "[[:foo:]]", "a{99999999999}", "(?#abc", "[[.a.]]", "(?<1>a)", "(*FOO)",
               "+", "?", "[a", "(?i", "(?", "ab(?<x", "(?<n", "\\L", "(?R", "(?C", "\\N{x}"] do
  IO.inspect({source, Regex.compile(source)})
end
IO.inspect(Regex.compile(<<0xFF>>, "u"))
IO.inspect(Regex.compile("a", "z"))
IO.inspect(Regex.compile("a", "io"))
IO.inspect(:re.compile("(", [:unicode]))

try do
  Regex.compile!("(")
rescue
  e -> IO.inspect(e)
end

try do
  Regex.compile!("a", "q")
rescue
  e -> IO.puts(Exception.message(e))
end

x = "("
try do
  ~r/a#{x}/
rescue
  e in Regex.CompileError -> IO.puts("interpolated: " <> e.message)
end

IO.inspect(%Regex.CompileError{})
IO.inspect(Regex.CompileError.exception("boom"))

try do
  Regex.run(~r/a/, :not_a_string)
rescue
  e -> IO.inspect(e.__struct__)
end

try do
  Regex.run("a", "abc")
rescue
  e -> IO.inspect(e.__struct__)
end

try do
  :re.run("a", "(")
rescue
  e -> IO.inspect(e.__struct__)
end

try do
  :re.compile("a", [:no_such_option])
rescue
  e -> IO.inspect(e.__struct__)
end

try do
  :re.run(<<0xFF>>, "a", [:unicode])
rescue
  e -> IO.inspect(e.__struct__)
end

IO.inspect(:re.run("abc", "(", [:report_errors]))

# a runaway pattern is cut off by PCRE's match limit, as on the BEAM
s = String.duplicate("a", 30) <> "!"
IO.inspect(Regex.run(~r/^(a+)+$/, s))
IO.inspect(Regex.match?(~r/^(a+)+$/, s))
IO.inspect(s =~ ~r/^(a|aa)+$/)
IO.inspect(:re.run(s, "^(a+)+$", [:report_errors]))
IO.inspect(:re.run(s, "^(a+)+$", [:report_errors, {:match_limit, 1000}]))
IO.inspect(:re.run(s, "^(a+)+$", [{:match_limit, 1000}]))
IO.inspect(:re.run("aaa", "^(a+)+$", [:report_errors, {:match_limit, 1000}]))
IO.inspect(Regex.run(~r/^(a+)+$/, "aaaa"))
IO.puts("still running")

# what PCRE 8 took and PCRE2 refuses on its own, and the other way round
for e <- ~w(i j m q y I J M O Y T) do
  IO.inspect({e, Regex.run(Regex.compile!("\\" <> e), "x" <> e <> "y"), Regex.run(Regex.compile!("[\\" <> e <> "]"), e)})
end
IO.inspect(Regex.scan(~r/[\w-.]+@[\w-]+/, "mail a.b-c@d-e.f now"))
IO.inspect(Regex.run(~r/[\d-z]+/, "1-z"))
IO.inspect(Regex.run(~r/[%\s-_]+/, "% -_"))
IO.inspect(Regex.compile("[\\w-_](", "u"))
IO.inspect(Regex.compile("[\\w-_][\\d-z](?<n>"))
IO.inspect(Regex.compile("(?<pré>a)", "u"))
IO.inspect(Regex.compile("(?<pré>a)"))
IO.inspect(Regex.compile("(?<n>a)(?'é'b)", "u"))
IO.inspect(Regex.compile("\\N{U+0041}", "u"))
IO.inspect(Regex.compile("((\\N{U+0041}", "u"))
IO.inspect(Regex.compile("(?<=a)(?<!b)c", "u") |> elem(0))
