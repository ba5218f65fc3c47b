# User implementations of the protocols the standard library calls:
# Enumerable (Enum, for), Collectable (Enum.into, for ... into:),
# String.Chars (to_string, interpolation), List.Chars, Inspect.
defmodule Countdown do
  defstruct from: 3

  defimpl Enumerable do
    def reduce(_cd, {:halt, acc}, _fun), do: {:halted, acc}
    def reduce(cd, {:suspend, acc}, fun), do: {:suspended, acc, &reduce(cd, &1, fun)}
    def reduce(%Countdown{from: 0}, {:cont, acc}, _fun), do: {:done, acc}
    def reduce(%Countdown{from: n}, {:cont, acc}, fun), do: reduce(%Countdown{from: n - 1}, fun.(n, acc), fun)
    def count(%Countdown{from: n}), do: {:ok, n}
    def member?(%Countdown{from: n}, x), do: {:ok, is_integer(x) and x >= 1 and x <= n}
    def slice(_), do: {:error, __MODULE__}
  end
end

defmodule Walk do
  # no count/member? of its own: Enum falls back to reduce
  defstruct [:list]

  defimpl Enumerable do
    def reduce(%Walk{list: l}, acc, fun), do: Enumerable.List.reduce(l, acc, fun)
    def count(_), do: {:error, __MODULE__}
    def member?(_, _), do: {:error, __MODULE__}
    def slice(_), do: {:error, __MODULE__}
  end
end

defmodule Sink do
  defstruct items: [], count: 0

  defimpl Collectable do
    def into(%Sink{} = sink) do
      collector = fn
        acc, {:cont, x} -> %Sink{acc | items: [x | acc.items], count: acc.count + 1}
        acc, :done -> %Sink{acc | items: Enum.reverse(acc.items)}
        _acc, :halt -> :ok
      end
      {sink, collector}
    end
  end
end

defmodule Temp do
  defstruct [:degrees]

  defimpl String.Chars do
    def to_string(%Temp{degrees: d}), do: "#{d}°C"
  end

  defimpl List.Chars do
    def to_charlist(%Temp{degrees: d}), do: ~c"T" ++ Integer.to_charlist(d)
  end
end

defimpl String.Chars, for: Tuple do
  def to_string(t), do: t |> Tuple.to_list() |> Enum.join("-")
end

defmodule Money do
  defstruct [:amount, :currency]

  defimpl Inspect do
    import Inspect.Algebra

    def inspect(%Money{amount: a, currency: c}, opts) do
      concat(["#Money<", to_doc(a, opts), " ", to_doc(c, opts), ">"])
    end
  end
end

defmodule User do
  @derive {Inspect, only: [:name, :age]}
  defstruct [:name, :password, :age]
end

defmodule Secret do
  @derive {Inspect, except: [:token]}
  defstruct [:id, :token]
end

defmodule Plain do
  @derive [Inspect]
  defstruct [:a]
end

defmodule Check do
  def run do
    cd = %Countdown{from: 4}
    IO.inspect(Enum.map(cd, &(&1 * 10)))
    IO.inspect(Enum.count(cd))
    IO.inspect(Enum.member?(cd, 2))
    IO.inspect(Enum.member?(cd, 9))
    IO.inspect(Enum.to_list(cd))
    IO.inspect(Enum.take(cd, 2))
    IO.inspect(Enum.sum(cd))
    IO.inspect(Enum.sort(cd))
    IO.inspect(Enum.zip(cd, [:a, :b]))
    IO.inspect(for x <- cd, rem(x, 2) == 0, do: x)
    IO.inspect(Stream.map(cd, &(&1 + 1)) |> Enum.to_list())
    IO.inspect(Enum.reduce_while(cd, 0, fn x, acc -> if acc > 5, do: {:halt, acc}, else: {:cont, acc + x} end))
    w = %Walk{list: [:x, :y, :z]}
    IO.inspect(Enum.count(w))
    IO.inspect(Enum.member?(w, :y))
    IO.inspect(Enum.with_index(w))
    IO.inspect(Enum.empty?(%Walk{list: []}))

    IO.inspect(Enum.into([1, 2, 3], %Sink{}))
    IO.inspect(for x <- 1..3, into: %Sink{}, do: x * x)
    IO.inspect(Enum.into(%{a: 1}, %Sink{}, fn {k, v} -> {v, k} end))
    IO.inspect(Enum.into(cd, []))
    IO.inspect(Collectable.into(%Sink{}) |> elem(0))

    t = %Temp{degrees: 21}
    IO.puts(to_string(t))
    IO.puts("It is #{t} today")
    IO.inspect(to_charlist(t))
    IO.puts("#{{1, 2, 3}}")
    IO.inspect(Enum.join([t, {4, 5}], ", "))

    m = %Money{amount: 10, currency: :eur}
    IO.inspect(m)
    IO.inspect([m, %{price: m}, {m}])
    IO.puts(inspect(m))
    IO.puts("value: #{inspect([m])}")
    IO.inspect(m, structs: false)
    IO.inspect(%User{name: "Ann", password: "x", age: 30})
    IO.inspect(%Secret{id: 1, token: "t"})
    IO.inspect(%Plain{a: 1})
    IO.inspect(%User{name: String.duplicate("n", 70), password: "x", age: 30})
    IO.inspect(Inspect.impl_for(m))
    IO.inspect(Inspect.impl_for(%User{}))
    IO.inspect(Inspect.impl_for(%Plain{}))

    for v <- [%Countdown{} |> Map.put(:__struct__, Sink), 5] do
      try do
        Enum.count(v)
      rescue
        e -> IO.puts(Exception.message(e))
      end
    end
    try do
      Enum.into([1], %Countdown{})
    rescue
      e -> IO.puts(Exception.message(e))
    end
    try do
      "#{%Sink{}}"
    rescue
      e -> IO.puts(Exception.message(e))
    end
    try do
      to_charlist(%Sink{})
    rescue
      e -> IO.puts(Exception.message(e))
    end
  end
end

Check.run()
