# A user Enumerable struct through the rest of Enum, Stream, Map.new,
# MapSet.new and nested comprehensions.
defmodule Countdown do
  defstruct from: 3
  defimpl Enumerable do
    def reduce(_cd, {:halt, acc}, _fun), do: {:halted, acc}
    def reduce(cd, {:suspend, acc}, fun), do: {:suspended, acc, &reduce(cd, &1, fun)}
    def reduce(%Countdown{from: 0}, {:cont, acc}, _fun), do: {:done, acc}
    def reduce(%Countdown{from: n}, {:cont, acc}, fun), do: reduce(%Countdown{from: n - 1}, fun.(n, acc), fun)
    def count(%Countdown{from: n}), do: {:ok, n}
    def member?(_, _), do: {:error, __MODULE__}
    def slice(_), do: {:error, __MODULE__}
  end
end
defmodule T do
  def run do
    cd = %Countdown{from: 5}
    IO.inspect Enum.at(cd, 1)
    IO.inspect Enum.slice(cd, 1, 2)
    IO.inspect Enum.reverse(cd)
    IO.inspect Enum.join(cd, ",")
    IO.inspect MapSet.new(cd)
    IO.inspect Map.new(cd, &{&1, &1 * &1})
    IO.inspect Enum.into(cd, %{}, &{&1, 0})
    IO.inspect Stream.take(cd, 2) |> Enum.to_list()
    IO.inspect Enum.zip(cd, cd)
    IO.inspect Enum.chunk_every(cd, 2)
    IO.inspect Enum.max(cd)
    IO.inspect Enum.sort(cd, :desc)
    IO.inspect Enum.frequencies(cd)
    IO.inspect Enum.empty?(cd)
    IO.inspect Enum.random(%Countdown{from: 1})
    IO.inspect List.to_tuple(Enum.to_list(cd))
    IO.inspect Enum.flat_map([cd, [9]], & &1)
    IO.inspect Enum.concat(cd, [0])
    IO.inspect Stream.zip(cd, Stream.cycle([:x])) |> Enum.to_list()
    IO.inspect Enum.take_while(cd, &(&1 > 3))
    IO.inspect Enum.uniq(cd)
    IO.inspect for(x <- cd, y <- [1], into: "", do: "#{x + y}")
  end
end
T.run()
