# Guards: type checks, comparisons, arithmetic, boolean ops, in, when in def/fn/case.
defmodule G do
  def type(x) when is_integer(x), do: :integer
  def type(x) when is_float(x), do: :float
  def type(x) when is_atom(x) and not is_boolean(x) and not is_nil(x), do: :atom
  def type(x) when is_boolean(x), do: :boolean
  def type(nil), do: :nil
  def type(x) when is_binary(x), do: :binary
  def type(x) when is_list(x), do: :list
  def type(x) when is_tuple(x), do: :tuple
  def type(x) when is_map(x), do: :map
  def type(x) when is_function(x), do: :function
  def type(x) when is_pid(x), do: :pid
  def type(x) when is_reference(x), do: :reference

  def sign(n) when n < 0, do: :neg
  def sign(0), do: :zero
  def sign(n) when n > 0, do: :pos

  def small_even(n) when rem(n, 2) == 0 and n < 10, do: true
  def small_even(_), do: false

  def vowel(c) when c in [?a, ?e, ?i, ?o, ?u], do: true
  def vowel(_), do: false

  def digit(c) when c in ?0..?9, do: :digit
  def digit(c) when c not in ?a..?z, do: :not_lower
  def digit(_), do: :lower

  def either(x) when x == :a or x == :b, do: :ab
  def either(_), do: :other

  def multi(x) when is_integer(x) when is_float(x), do: :number
  def multi(_), do: :not_number

  def sized(t) when tuple_size(t) == 2 and elem(t, 0) == :ok, do: :ok_pair
  def sized(l) when length(l) > 2, do: :long_list
  def sized(b) when byte_size(b) == 3, do: :three_bytes
  def sized(m) when map_size(m) == 1 and is_map_key(m, :k), do: :map_with_k
  def sized(_), do: :none

  def arity_of(f) when is_function(f, 2), do: 2
  def arity_of(f) when is_function(f, 1), do: 1

  def abs_ok(x) when is_integer(x) and abs(x) > 5 and div(x, 2) != 0, do: :big
  def abs_ok(_), do: :small

  def hd_guard(l) when hd(l) == 1, do: :starts_with_one
  def hd_guard(_), do: :no
end

vals = [1, 1.5, :a, true, nil, "s", [1], {1}, %{}, fn -> 1 end, self(), make_ref()]
IO.inspect(Enum.map(vals, &G.type/1), label: "type")
IO.inspect(Enum.map([-5, 0, 5], &G.sign/1), label: "sign")
IO.inspect(Enum.map([2, 3, 12], &G.small_even/1), label: "small_even")
IO.inspect(Enum.map('hello', &G.vowel/1), label: "vowel")
IO.inspect(Enum.map('5A', &G.digit/1) ++ [G.digit(?q)], label: "digit")
IO.inspect(Enum.map([:a, :b, :c], &G.either/1), label: "either")
IO.inspect(Enum.map([1, 2.0, :x], &G.multi/1), label: "multiple when")
IO.inspect(Enum.map([{:ok, 1}, [1, 2, 3], "abc", %{k: 1}, {:error, 1}], &G.sized/1), label: "sized")
IO.inspect({G.arity_of(fn a, b -> {a, b} end), G.arity_of(&to_string/1)}, label: "is_function/2")
IO.inspect({G.abs_ok(-7), G.abs_ok(3)}, label: "abs/div in guard")
IO.inspect({G.hd_guard([1, 2]), G.hd_guard([]), G.hd_guard(:x)}, label: "failing guard is false")
f = fn
  x when is_integer(x) and x > 100 -> :big_int
  x when is_integer(x) -> :int
  _ -> :other
end
IO.inspect(Enum.map([500, 5, "5"], f), label: "fn guards")
c = case {3, 4} do
  {a, b} when a * b > 20 -> :large
  {a, b} when a + b == 7 -> :sum_seven
  _ -> :none
end
IO.inspect(c, label: "case guard")
IO.inspect(Enum.filter(1..20, fn x when rem(x, 7) == 0 -> true; _ -> false end), label: "fn guard filter")
