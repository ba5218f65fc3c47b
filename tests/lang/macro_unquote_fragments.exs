defmodule Colors do
  @codes [red: 31, green: 32]
  for {name, code} <- @codes do
    def unquote(name)(text), do: "\e[#{unquote(code)}m" <> text
  end
  for n <- 1..3, rem(n, 2) == 1 do
    def unquote(:"odd_#{n}")(), do: unquote(n) * 10
  end
  def plain, do: :ok
end
IO.inspect Colors.red("x")
IO.inspect Colors.green("y")
IO.inspect {Colors.odd_1(), Colors.odd_3(), Colors.plain()}
IO.inspect Colors.__info__(:functions)
