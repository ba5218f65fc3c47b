# Comparisons in if/unless/cond/for filters and in guards compile to
# compare-and-branch instructions; type checks in guards to type tests.
defmodule Cmp do
  def kind(x) when is_integer(x) and x < 0, do: :neg_int
  def kind(x) when is_integer(x) and x >= 100, do: :big_int
  def kind(x) when is_integer(x), do: :int
  def kind(x) when is_float(x) and x == 1, do: :float_one
  def kind(x) when is_float(x), do: :float
  def kind(x) when is_boolean(x), do: :bool
  def kind(x) when is_atom(x) and x != nil, do: :atom
  def kind(x) when is_nil(x), do: :nil
  def kind(x) when is_binary(x) and byte_size(x) > 2, do: :long_binary
  def kind(x) when is_bitstring(x), do: :bits
  def kind(x) when is_list(x) and hd(x) > 1, do: :list_big_head
  def kind(x) when is_list(x), do: :list
  def kind(x) when is_tuple(x) and elem(x, 0) === 1, do: :tuple_one
  def kind(x) when is_tuple(x) and elem(x, 0) !== 1.0, do: :tuple
  def kind(x) when is_map(x), do: :map
  def kind(x) when is_function(x), do: :fun
  def kind(x) when is_pid(x), do: :pid
  def kind(x) when is_reference(x), do: :ref
  def kind(_), do: :other

  def order(a, b) do
    cond do
      a < b -> :lt
      a > b -> :gt
      a === b -> :same
      a == b -> :equal
      true -> :unreachable
    end
  end

  def branches(a, b) do
    [
      if(a <= b, do: :le, else: :not_le),
      if(a >= b, do: :ge, else: :not_ge),
      if(a != b, do: :ne, else: :not_ne),
      if(a !== b, do: :not_exact, else: :exact),
      unless(a < b, do: :not_lt, else: :lt)
    ]
  end
end

values = [-5, 0, 7, 100, 1.0, 2.5, true, :ok, nil, "abc", "ab", <<1::3>>, [5], [], {1, 2}, {1.0}, {2},
          %{}, &Cmp.kind/1, self(), make_ref(), 5_000_000_000_000_000_000_000]
IO.inspect(Enum.map(values, &Cmp.kind/1))
pairs = [{1, 2}, {2, 1}, {1, 1}, {1, 1.0}, {1.0, 1}, {:a, 1}, {1, :a}, {"b", "a"}, {[1], {1}},
         {2.5, 2}, {-1, -1.5}, {5_000_000_000_000_000_000_000, 1}, {nil, false}]
IO.inspect(Enum.map(pairs, fn {a, b} -> Cmp.order(a, b) end))
IO.inspect(Enum.map(pairs, fn {a, b} -> Cmp.branches(a, b) end))
IO.inspect(for x <- [3, 1.0, 4, 1, 5, :z, 9], x > 2, x != 5, do: x)
IO.inspect(for x <- [1, nil, false, 2, :ok], x, do: x)
x = 3
IO.inspect(if x, do: :truthy, else: :falsy)
IO.inspect(if nil, do: :truthy, else: :falsy)
IO.inspect(if false, do: :truthy)
IO.inspect(if [], do: :truthy, else: :falsy)
IO.inspect(if x - 3 == 0, do: :zero, else: :nonzero)
