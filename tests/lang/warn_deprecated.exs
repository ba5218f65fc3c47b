# Calls of functions Elixir 1.14 deprecates warn (a capture too): at the
# top level when it is compiled; in a module once the file has run, after
# the unused aliases, one warning per function with every function that
# calls it, module by module.  The calls still work.
IO.inspect(Map.size(%{a: 1}))

defmodule WarnDeprecated do
  def mapped(m), do: Map.map(m, fn {_k, v} -> v * 2 end)
  def kw(k), do: Keyword.map(k, fn {_k, v} -> v + 1 end)
  def grapheme(s), do: String.next_grapheme_size(s)
end

defmodule WarnDeprecatedToo do
  alias Foo.Unused
  def size(m), do: Map.size(m) + Map.size(m)
  def double(m), do: Map.size(m) * 2
end

IO.inspect(WarnDeprecatedToo.size(%{a: 1}))
IO.inspect(WarnDeprecated.mapped(%{a: 1, b: 2}))
IO.inspect(WarnDeprecated.kw(a: 1))
IO.inspect(WarnDeprecated.grapheme("éa"))
f = &Map.size/1
IO.inspect(f.(%{b: 2}))
