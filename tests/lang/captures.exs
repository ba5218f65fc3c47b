# Capture operator &: & &1, &(&1 + &2), &Mod.fun/arity, &local/arity, nested use.
defmodule Cap do
  def double(x), do: x * 2
  def add(a, b), do: a + b
  defp secret(x), do: {:secret, x}
  def use_local, do: Enum.map([1, 2], &double/1)
  def use_private, do: Enum.map([1], &secret/1)
  def via_capture, do: (&add/2).(3, 4)
end
id = & &1
IO.inspect(id.(:same), label: "& &1")
plus = &(&1 + &2)
IO.inspect(plus.(2, 3), label: "&(&1 + &2)")
IO.inspect(Enum.map([1, 2, 3], &(&1 * 10)), label: "inline capture")
IO.inspect(Enum.reduce([1, 2, 3], 0, &(&1 + &2)), label: "capture in reduce")
up = &String.upcase/1
IO.inspect(up.("abc"), label: "&String.upcase/1")
IO.inspect(Enum.map(["a", "b"], &String.upcase/1), label: "remote capture in map")
IO.inspect(Cap.use_local(), label: "&local/1 inside module")
IO.inspect(Cap.use_private(), label: "&private/1 inside module")
IO.inspect(Cap.via_capture(), label: "(&add/2).()")
d = &Cap.double/1
IO.inspect(d.(21), label: "&Cap.double/1")
IO.inspect(Enum.map([1, 2], &Cap.add(&1, 100)), label: "&Cap.add(&1, 100)")
IO.inspect((&{&1, &2}).(:a, :b), label: "tuple capture")
IO.inspect((&[&1 | &2]).(1, [2]), label: "list capture")
IO.inspect((&%{key: &1}).(5), label: "map capture")
IO.inspect((&"<#{&1}>").("x"), label: "string capture")
swap = &{&2, &1}
IO.inspect(swap.(1, 2), label: "reordered args")
IO.inspect(Enum.map([{1, 2}, {3, 4}], &elem(&1, 1)), label: "&elem(&1, 1)")
IO.inspect(Enum.sort([3, 1, 2], &>=/2), label: "&>=/2")
IO.inspect(Enum.map([1, 2], &Integer.to_string/1), label: "&Integer.to_string/1")
IO.inspect(is_function(&Cap.add/2, 2), label: "arity 2")
IO.inspect(:erlang.fun_info(&Cap.add/2, :type), label: "external fun type")
IO.inspect(&Cap.add/2, label: "inspect external capture")
IO.inspect(&:lists.reverse/1, label: "inspect erlang capture")
IO.inspect((&:lists.reverse/1).([1, 2, 3]), label: "call erlang capture")
IO.inspect((&Cap.add/2) == (&Cap.add/2), label: "external captures equal")
IO.inspect(Enum.map(1..3, &(&1)), label: "&(&1)")
IO.inspect(Enum.map(1..3, &to_string/1), label: "&to_string/1 (Kernel import)")
