# defmodule: nested names, def/defp, multiple clauses, default args,
# module attributes as constants, doc attributes accepted quietly, __MODULE__.
defmodule Outer do
  @moduledoc """
  Outer module docs.
  """
  @greeting "hello"
  @limits [min: 1, max: 9]
  @answer 6 * 7

  @doc "Greets someone."
  @spec greet(String.t()) :: String.t()
  def greet(name), do: "#{@greeting}, #{name}"

  @doc false
  def limits, do: @limits
  def answer, do: @answer
  def me, do: __MODULE__

  def pad(s, width \\ 5, char \\ "."), do: String.pad_leading(s, width, char)

  def count(list, acc \\ 0)
  def count([], acc), do: acc
  def count([_ | t], acc), do: count(t, acc + 1)

  def public(x), do: helper(x) + 1
  defp helper(x), do: x * 10

  @typedoc "a type"
  @type t :: integer()

  defmodule Inner do
    def where, do: __MODULE__
    def call_outer, do: Outer.answer()
  end

  @greeting "redefined"
  def greeting_after, do: @greeting
end

defmodule Outer.Sibling do
  def hi, do: :sibling
end

defmodule A.B.C do
  def name, do: __MODULE__
end

IO.inspect(Outer.greet("ann"), label: "attribute in string")
IO.inspect(Outer.limits(), label: "keyword attribute")
IO.inspect(Outer.answer(), label: "computed attribute")
IO.inspect(Outer.me(), label: "__MODULE__")
IO.inspect({Outer.pad("x"), Outer.pad("x", 3), Outer.pad("x", 3, "-")}, label: "defaults")
IO.inspect({Outer.count([1, 2, 3]), Outer.count([1], 10)}, label: "default with clauses")
IO.inspect(Outer.public(4), label: "defp helper")
IO.inspect(Outer.Inner.where(), label: "nested module name")
IO.inspect(Outer.Inner.call_outer(), label: "nested calls outer")
IO.inspect(Outer.greeting_after(), label: "attribute redefined later")
IO.inspect(Outer.Sibling.hi(), label: "dotted defmodule")
IO.inspect(A.B.C.name(), label: "deep name")
IO.inspect(function_exported?(Outer, :helper, 1), label: "defp not exported")
IO.inspect(function_exported?(Outer, :pad, 1), label: "default arity exported")
IO.inspect(function_exported?(Outer, :pad, 3), label: "full arity exported")
IO.inspect(Outer.__info__(:module), label: "__info__(:module)")
IO.inspect(Code.ensure_loaded?(Outer.Inner), label: "ensure_loaded?")
IO.inspect(apply(Outer, :greet, ["bob"]), label: "apply")
mod = Outer
IO.inspect(mod.answer(), label: "call via variable module")
IO.inspect(is_atom(Outer), label: "module is an atom")
result = defmodule Tiny do
  def x, do: 1
end
IO.inspect(elem(result, 0), label: "defmodule returns {:module, ...}")
IO.inspect(elem(result, 1), label: "defmodule result name")
