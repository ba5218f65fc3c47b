defmodule G do
  defmacro is_even(x), do: quote(do: rem(unquote(x), 2) == 0)
end
defmodule H do
  import G
  def f(x) when is_even(x), do: :even
  def f(x) when is_integer(x) and not is_even(x), do: :odd
  def g(x), do: is_even(x)
end
IO.inspect {H.f(2), H.f(3), H.g(4)}
defmodule K do
  require G
  def k(x) do
    case x do
      y when G.is_even(y) -> {:even, y}
      y -> {:other, y}
    end
  end
end
IO.inspect {K.k(10), K.k(11)}
IO.inspect Enum.filter(1..6, fn x -> G.is_even(x) end) |> length()
