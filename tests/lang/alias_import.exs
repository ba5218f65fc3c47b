# alias, import (only/except), require, and their lexical scoping.
defmodule Deep.Nested.Helpers do
  def twice(x), do: x * 2
  def thrice(x), do: x * 3
  defmacro unless_nil(v, do: block) do
    quote do
      if unquote(v) != nil, do: unquote(block)
    end
  end
end

defmodule UsesAlias do
  alias Deep.Nested.Helpers
  alias Deep.Nested.Helpers, as: H
  def a, do: Helpers.twice(1)
  def b, do: H.thrice(1)
end

defmodule UsesImport do
  import Deep.Nested.Helpers, only: [twice: 1]
  def a, do: twice(5)
end

defmodule UsesExcept do
  import Deep.Nested.Helpers, except: [twice: 1]
  def a, do: thrice(5)
end

defmodule UsesRequire do
  require Deep.Nested.Helpers
  def a(v), do: Deep.Nested.Helpers.unless_nil(v, do: {:got, v})
end

defmodule LexicalAlias do
  def a do
    alias Deep.Nested.Helpers, as: X
    X.twice(100)
  end
  def b, do: __MODULE__
  alias __MODULE__.Child
  def c, do: Child
end

IO.inspect(UsesAlias.a(), label: "alias last segment")
IO.inspect(UsesAlias.b(), label: "alias as:")
IO.inspect(UsesImport.a(), label: "import only")
IO.inspect(UsesExcept.a(), label: "import except")
IO.inspect({UsesRequire.a(1), UsesRequire.a(nil)}, label: "require + macro")
IO.inspect(LexicalAlias.a(), label: "alias inside function")
IO.inspect(LexicalAlias.c(), label: "alias __MODULE__.Child")
alias Deep.Nested.Helpers, as: Top
IO.inspect(Top.twice(7), label: "top-level alias")
IO.inspect(Top, label: "alias expands to full name")
import List, only: [first: 1]
IO.inspect(first([:x, :y]), label: "top-level import")
alias Deep.Nested.{Helpers}
IO.inspect(Helpers.thrice(2), label: "multi-alias braces")
import Integer, only: [is_even: 1]
IO.inspect(Enum.filter(1..6, fn x -> is_even(x) end), label: "imported guard macro")
require Integer
IO.inspect(Integer.is_odd(3), label: "required macro")
