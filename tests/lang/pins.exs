# The pin operator ^ in =, case, fn heads, maps, binaries and comprehensions.
x = 1
^x = 1
IO.inspect(:ok, label: "pin matches")
try do
  ^x = 2
rescue
  e in MatchError -> IO.inspect(e.term, label: "pin mismatch term")
end
y = :target
r = case {:target, 5} do
  {^y, n} -> {:pinned, n}
  _ -> :no
end
IO.inspect(r, label: "pin in case")
r2 = case :other do
  ^y -> :same
  y -> {:rebound, y}
end
IO.inspect(r2, label: "unpinned rebinds in case")
IO.inspect(y, label: "outer y unchanged")
k = :key
%{^k => v} = %{key: "val"}
IO.inspect(v, label: "pinned map key")
n = 3
<<head::binary-size(n), _::binary>> = "abcdef"
IO.inspect(head, label: "size from variable")
prefix = "ab"
<<^prefix::binary-size(2), rest::binary>> = "abcd"
IO.inspect(rest, label: "pinned binary segment")
want = 2
f = fn
  ^want -> :wanted
  _ -> :other
end
IO.inspect({f.(2), f.(3)}, label: "pin in fn head")
list = [{:a, 1}, {:b, 2}, {:a, 3}]
tag = :a
IO.inspect(for({^tag, val} <- list, do: val), label: "pin in generator")
IO.inspect(Enum.filter(list, &match?({^tag, _}, &1)), label: "pin in match?")
t = {1, 2}
{^t, z} = {{1, 2}, 3}
IO.inspect(z, label: "pin a tuple")
w = 1.0
r3 = case 1 do
  ^w -> :float_matched
  _ -> :strict_no_match
end
IO.inspect(r3, label: "pin is strict (1 vs 1.0)")
a = 5
r4 = with ^a <- 5, do: :with_pin_ok
IO.inspect(r4, label: "pin in with")
