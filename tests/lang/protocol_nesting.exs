# Protocols and implementations inside modules: a nested defprotocol,
# defimpl without for: in a nested struct module, for: __MODULE__, and
# what defprotocol returns.
defmodule Shapes do
  defprotocol Area do
    def area(s)
  end
  defmodule Circle do
    defstruct r: 1
    defimpl Shapes.Area do
      def area(%{r: r}), do: 3 * r * r
    end
  end
  defimpl Area, for: Map do
    def area(m), do: map_size(m)
  end
  def total(list), do: Enum.map(list, &Area.area/1)
end
defmodule A.B do
  defstruct [:x]
  defimpl Shapes.Area, for: __MODULE__ do
    def area(_), do: :ab
  end
end
defmodule Run do
  def go do
    IO.inspect(Shapes.total([%Shapes.Circle{r: 2}, %{a: 1}, %A.B{}]))
    IO.inspect(Shapes.Area.impl_for(%Shapes.Circle{}))
    IO.inspect(Shapes.Area.impl_for(%A.B{}))
    IO.inspect(Shapes.Area.Map.__impl__(:for))
  end
end
Run.go()
r = defprotocol Named do
  def name(x)
end
IO.inspect(elem(r, 0))
IO.inspect(elem(r, 1))
IO.inspect(elem(r, 3))
