# A user Inspect document holding long lists, tuples, maps, keyword
# lists and structs: they break across lines as in Elixir.
defmodule Money do
  defstruct [:amount, :currency]
  defimpl Inspect do
    import Inspect.Algebra
    def inspect(%Money{amount: a, currency: c}, opts) do
      concat(["#Money<", to_doc(a, opts), " ", to_doc(c, opts), ">"])
    end
  end
end
defmodule Plain do
  defstruct [:a, :b]
end
defmodule T do
  def run do
    IO.inspect(%Money{amount: Enum.to_list(1..40), currency: :eur})
    IO.inspect(%Money{amount: {Enum.to_list(1..30), "x"}, currency: %{a: String.duplicate("y", 50), b: [c: 1, d: [1, 2]]}})
    IO.inspect(%Money{amount: %{1 => "one", "two" => 2, three: 3}, currency: 'abc'})
    IO.inspect(%Money{amount: [1 | 2], currency: %Plain{a: Enum.to_list(1..30), b: %Money{amount: 1, currency: 2}}})
    IO.inspect(%Money{amount: Enum.to_list(1..100), currency: []}, limit: 5)
    IO.inspect([%Money{amount: [a: 1, b: 2], currency: {}}, %Money{amount: "str", currency: 1.5}])
    IO.inspect(%Money{amount: MapSet.new([1, 2]), currency: 1..3})
    IO.inspect(%Money{amount: List.duplicate(%{key: "value", other: [1, 2, 3]}, 3), currency: nil})
  end
end
T.run()
