# Calls of functions Elixir 1.14 deprecates warn where they are compiled
# (a capture too); the calls still work.
IO.inspect(Map.size(%{a: 1}))

defmodule WarnDeprecated do
  def mapped(m), do: Map.map(m, fn {_k, v} -> v * 2 end)
  def kw(k), do: Keyword.map(k, fn {_k, v} -> v + 1 end)
  def grapheme(s), do: String.next_grapheme_size(s)
end

IO.inspect(WarnDeprecated.mapped(%{a: 1, b: 2}))
IO.inspect(WarnDeprecated.kw(a: 1))
IO.inspect(WarnDeprecated.grapheme("éa"))
f = &Map.size/1
IO.inspect(f.(%{b: 2}))
