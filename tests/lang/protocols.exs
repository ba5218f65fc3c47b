# defprotocol / defimpl: implementations for built-in types, a list of
# types, a struct, fallback to Any, @derive, and the protocol's reflection.
defprotocol Size do
  @doc "The size of a value"
  def size(data)
  def size(data, unit)
end

defimpl Size, for: BitString do
  def size(s), do: byte_size(s)
  def size(s, unit), do: "#{byte_size(s)} #{unit}"
end

defimpl Size, for: [List, Map] do
  def size(x), do: Enum.count(x)
  def size(x, unit), do: "#{Enum.count(x)} #{unit}"
end

r =
  defimpl Size, for: Tuple do
    def size(t), do: tuple_size(t)
    def size(t, unit), do: "#{tuple_size(t)} #{unit}"
  end
IO.inspect(elem(r, 0))
IO.inspect(elem(r, 1))
IO.inspect(elem(r, 3))

defmodule Bag do
  defstruct items: []

  defimpl Size do
    def size(%Bag{items: items}), do: length(items)
    def size(bag, unit), do: "#{size(bag)} #{unit} (#{@protocol}, #{inspect(@for)})"
  end
end

defprotocol Describe do
  @fallback_to_any true
  def describe(x)
end

defimpl Describe, for: Any do
  def describe(_), do: "something"
end

defimpl Describe, for: Integer do
  def describe(n) when n < 0, do: "a negative integer"
  def describe(_), do: "an integer"
end

defimpl Describe, for: [Atom, Float, Function, PID, Reference, Port] do
  def describe(_), do: "a #{@for |> inspect() |> String.downcase()}"
end

defprotocol Valid do
  def valid?(x)
end

defimpl Valid, for: Any do
  def valid?(x), do: {:any, x}
end

defmodule Point do
  @derive [Valid]
  defstruct x: 0, y: 0
end

defmodule Check do
  def run do
    IO.inspect(Size.size("héllo"))
    IO.inspect(Size.size([1, 2, 3]))
    IO.inspect(Size.size(%{a: 1}, "keys"))
    IO.inspect(Size.size({1, 2}))
    IO.inspect(Size.size(%Bag{items: [1, 2]}))
    IO.puts(Size.size(%Bag{items: [1]}, "items"))
    IO.inspect(Size.impl_for("x"))
    IO.inspect(Size.impl_for([]))
    IO.inspect(Size.impl_for(%Bag{}))
    IO.inspect(Size.impl_for(1))
    IO.inspect(Size.impl_for(%Point{}))
    IO.inspect(Size.impl_for!({}))
    IO.inspect(Size.__protocol__(:module))
    IO.inspect(Size.__protocol__(:functions))
    IO.inspect(Size.__protocol__(:consolidated?))
    IO.inspect(Size.__protocol__(:impls))
    IO.inspect(Size.Tuple.__impl__(:for))
    IO.inspect(Size.Tuple.__impl__(:protocol))
    IO.inspect(Size.Tuple.__impl__(:target))
    IO.inspect(Size.Bag.__impl__(:for))

    IO.inspect(Enum.map([1, -1, :a, 1.5, &Check.run/0, self(), make_ref(), %Bag{}, "s", {1}], &Describe.describe/1))
    IO.inspect(Describe.impl_for(%Bag{}))
    IO.inspect(Describe.impl_for(:a))
    IO.inspect(Describe.impl_for({}))

    IO.inspect(Valid.valid?(%Point{x: 1}))
    IO.inspect(Valid.impl_for(%Point{}))
    IO.inspect(Valid.Point.__impl__(:for))
    IO.inspect(Valid.impl_for(%Bag{}))

    for v <- [1, 2.5, :a, %Bag{}, {1, 2, 3}, [1]] do
      try do
        Size.size(v)
      rescue
        e in Protocol.UndefinedError ->
          IO.puts(Exception.message(e))
          IO.inspect({e.protocol, e.value == v, e.description})
      end
    end
    try do
      Valid.impl_for!(1)
    rescue
      e -> IO.puts(Exception.message(e))
    end
    try do
      Size.size(1, :unit)
    rescue
      e -> IO.puts(Exception.message(e))
    end

    IO.inspect(Protocol.assert_protocol!(Size))
    IO.inspect(Protocol.assert_protocol!(Enumerable))
    IO.inspect(Protocol.assert_impl!(Size, Bag))
    IO.inspect(Protocol.consolidated?(Size))
    IO.inspect(Protocol.consolidated?(Enumerable))
    for f <- [fn -> Protocol.assert_protocol!(Bag) end,
              fn -> Protocol.assert_protocol!(Nope) end,
              fn -> Protocol.assert_impl!(Size, Point) end,
              fn -> Protocol.assert_impl!(Describe, Bag) end] do
      try do
        f.()
      rescue
        e in ArgumentError -> IO.puts(Exception.message(e))
      end
    end
    IO.inspect(Enumerable.impl_for([]))
    IO.inspect(Enumerable.impl_for(%{}))
    IO.inspect(Enumerable.impl_for(1..2))
    IO.inspect(Enumerable.impl_for(%Bag{}))
    IO.inspect(Enumerable.impl_for(:a))
    IO.inspect(Collectable.impl_for([]))
    IO.inspect(Collectable.impl_for(%{}))
    IO.inspect(Collectable.impl_for(1))
    IO.inspect(String.Chars.impl_for(1))
    IO.inspect(String.Chars.impl_for({}))
    IO.inspect(List.Chars.impl_for(:a))
    IO.inspect(Inspect.impl_for(1))
    IO.inspect(Inspect.impl_for(%Bag{}))
    IO.inspect(Enumerable.__protocol__(:functions))
    IO.inspect(Collectable.__protocol__(:functions))
    IO.inspect(Inspect.__protocol__(:functions))
    IO.inspect(String.Chars.__protocol__(:functions))
    IO.inspect(List.Chars.__protocol__(:functions))
  end
end

Check.run()

try do
  defmodule NoAny do
    @derive [Size]
    defstruct [:a]
  end
rescue
  e in ArgumentError -> IO.puts(Exception.message(e))
end

# Protocol.derive/2 from outside the struct's module
defmodule Late do
  defstruct [:a]
end

require Protocol
IO.inspect(Protocol.derive(Valid, Late))
IO.inspect(Valid.valid?(struct(Late, a: 1)))
IO.inspect(Valid.impl_for(struct(Late)))
IO.inspect(Valid.Late.__impl__(:for))
