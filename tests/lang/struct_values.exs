# What defmodule returns for a struct, and struct errors as Elixir prints them.
{:module, name, bytecode, value} =
  defmodule Car do
    @enforce_keys [:make]
    defstruct [:make, model: "T", year: 1908]
  end
IO.inspect({name, is_binary(bytecode), value})

{:module, _, _, last} =
  defmodule Empty do
    defstruct []
  end
IO.inspect(last)

{:module, _, _, last} =
  defmodule WithFun do
    defstruct a: 1
    def new, do: %WithFun{}
  end
IO.inspect(last)

defmodule Check do
  def run do
    car = %Car{make: "Ford"}
    IO.inspect(car)
    %Car{model: model} = car
    IO.inspect(model)
    IO.inspect(match?(%Car{}, car))
    IO.inspect(match?(%Car{}, %{make: "Ford"}))
    IO.inspect(is_struct(car))
    IO.inspect(is_struct(car, Car))
    IO.inspect(is_struct(car, Empty))
    IO.inspect(is_struct(%{}))
    IO.inspect(Map.from_struct(car))
    IO.inspect(struct(Car, make: "VW", color: "red"))
    IO.inspect(struct(car, year: 1910))
    IO.inspect(struct!(Car, make: "Fiat"))
    IO.inspect(%{car | model: "A"})
    case car do
      %Car{make: "Ford", year: y} when y < 1950 -> IO.puts("old Ford")
      _ -> IO.puts("other")
    end
    for f <- [
          fn -> struct!(Car, make: "x", color: "red") end,
          fn -> struct!(Car, model: "S") end,
          fn -> struct!(car, color: "red") end,
          fn -> Kernel.struct(NoSuchStruct, []) end
        ] do
      try do
        f.()
      rescue
        e -> IO.puts(inspect(e.__struct__) <> ": " <> Exception.message(e))
      end
    end
  end
end

Check.run()

defmodule Check2 do
  def build(fields), do: struct!(Car, fields)
  def run do
    for fields <- [[color: 1], [color: 1, model: 2], [model: 2], [make: 1, year: 2]] do
      try do
        IO.inspect(build(fields))
      rescue
        e -> IO.puts(inspect(e.__struct__) <> ": " <> Exception.message(e))
      end
    end
  end
end

Check2.run()
