# Structs: defstruct with defaults, update, pattern match, inspect.
# Struct literals must be expanded after the struct module exists, so the
# checks live in a function of a module defined after the structs.
defmodule User do
  defstruct name: "anon", age: 0, tags: []
end

defmodule Point do
  defstruct [:x, :y]
end

defmodule Geo.Pos do
  @enforce_keys [:lat]
  defstruct [:lat, lon: 0.0]
end

defmodule StructsTest do
  def run do
    u = %User{}
    IO.inspect(u, label: "defaults")
    IO.inspect(%User{name: "ann", age: 30}, label: "with fields")
    IO.inspect(%Point{}, label: "nil defaults")
    IO.inspect(%Point{x: 1, y: 2}, label: "point")
    IO.inspect(%Geo.Pos{lat: 1.5}, label: "nested module name")
    u2 = %User{u | age: 41}
    IO.inspect(u2, label: "update")
    IO.inspect(%{u2 | name: "bob"}, label: "map update syntax")
    IO.inspect(u2.age, label: "dot access")
    %User{name: n} = u2
    IO.inspect(n, label: "pattern match field")
    match = case %Point{x: 0, y: 5} do
      %Point{x: 0} = p -> {:on_y_axis, p.y}
      %Point{} -> :elsewhere
    end
    IO.inspect(match, label: "case on struct")
    IO.inspect(is_struct(u), label: "is_struct")
    IO.inspect(is_struct(u, User), label: "is_struct/2")
    IO.inspect(is_struct(%{}), label: "is_struct plain map")
    IO.inspect(is_map(u), label: "is_map")
    IO.inspect(u.__struct__, label: "__struct__")
    IO.inspect(Map.from_struct(%Point{x: 1, y: 2}), label: "Map.from_struct")
    IO.inspect(struct(Point, x: 9), label: "struct/2")
    IO.inspect(struct!(User, name: "z"), label: "struct!/2")
    IO.inspect(Map.keys(u), label: "Map.keys includes __struct__")
    IO.inspect(%Point{x: 1, y: 2} == %Point{x: 1, y: 2}, label: "equality")
    IO.inspect(%Point{x: 1, y: 2} == %{x: 1, y: 2}, label: "struct vs map")
    IO.inspect(Map.put(%Point{}, :x, 5), label: "Map.put keeps struct")
    IO.inspect(%{__struct__: Point, x: 1, y: 2}, label: "raw map with __struct__")
    IO.inspect(Map.delete(%Point{x: 1, y: 2}, :x), label: "invalid struct prints as map")
    IO.inspect(%User{} |> Map.get(:tags), label: "Map.get on struct")
    f = fn %User{age: a} when a > 18 -> :adult; %User{} -> :minor end
    IO.inspect({f.(%User{age: 20}), f.(%User{age: 3})}, label: "fn clause on struct")
    IO.inspect([%Point{x: 1, y: 1}], label: "struct in list")
  end
end

StructsTest.run()
