# Protocol errors: an Inspect implementation that raises prints as
# #Inspect.Error<...>, defimpl of a module that is not a protocol, the
# warning for an implementation that lacks a function of its protocol, and
# an uncaught Protocol.UndefinedError ends the script.
defprotocol Area do
  def area(shape)
end

defmodule Square do
  defstruct side: 1
end

defprotocol Shape do
  def sides(shape)
  def name(shape, language \\ :en)
  def name(shape, language, style)
end

defimpl Shape, for: Square do
  def sides(_), do: 4
  def name(_, _language \\ :en), do: "square"
end

defmodule Bad do
  defstruct [:a]

  defimpl Inspect do
    def inspect(_s, _opts), do: raise(ArgumentError, "cannot show this")
  end
end

defmodule Check do
  def run do
    # up to its stack trace (whose frames are the implementation's own)
    for text <- [inspect(%Bad{a: 1}), inspect([%Bad{a: 2}], pretty: true)] do
      text
      |> String.split("\n")
      |> Enum.take_while(&(&1 != "  Stacktrace:"))
      |> Enum.each(&IO.puts("| " <> &1))
    end
    IO.puts("still running")
    IO.inspect({Shape.sides(%Square{}), Shape.name(%Square{}), Shape.name(%Square{}, :fr)})
    for f <- [fn -> Area.area(%Square{}) end, fn -> Area.area([]) end, fn -> Area.impl_for!(nil) end] do
      try do
        f.()
      rescue
        e in Protocol.UndefinedError -> IO.puts(Exception.message(e))
      end
    end
  end
end

Check.run()

try do
  defimpl Square, for: Integer do
    def area(n), do: n
  end
rescue
  e in ArgumentError -> IO.puts(Exception.message(e))
end

try do
  defimpl NoSuchProtocol, for: Integer do
    def area(n), do: n
  end
rescue
  e in ArgumentError -> IO.puts(Exception.message(e))
end

IO.puts(Area.area(struct(Square, side: 2)))
