defmodule Guards do
  defguard is_even(x) when is_integer(x) and rem(x, 2) == 0
  defguard is_pos_even(x) when is_even(x) and x > 0
  defguardp is_small(x) when x < 10
  def small?(x) when is_small(x), do: true
  def small?(_), do: false
end
defmodule UseGuards do
  import Guards
  def kind(x) when is_pos_even(x), do: :pos_even
  def kind(x) when is_even(x), do: :even
  def kind(_), do: :other
end
IO.inspect Enum.map([4, -2, 3, :a], &UseGuards.kind/1)
IO.inspect {Guards.small?(3), Guards.small?(30)}
IO.inspect Guards.__info__(:macros)
defmodule Exp do
  require Guards
  def t, do: Guards.is_even(10)
end
IO.inspect Exp.t()
