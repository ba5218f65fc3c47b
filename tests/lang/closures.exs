# Anonymous functions: closures capture values, multi-clause, arity, higher order.
add = fn a, b -> a + b end
IO.inspect(add.(2, 3), label: "call with .()")
x = 10
add_x = fn y -> x + y end
x = 1000
IO.inspect(add_x.(1), label: "captured value, not variable")
IO.inspect(x, label: "rebound x")
make_counter = fn start -> fn step -> start + step end end
c = make_counter.(100)
IO.inspect(c.(5), label: "returned closure")
IO.inspect(make_counter.(1).(1), label: "immediate call")
compose = fn f, g -> fn v -> g.(f.(v)) end end
inc_then_double = compose.(fn v -> v + 1 end, fn v -> v * 2 end)
IO.inspect(inc_then_double.(4), label: "compose")
fizz = fn
  n when rem(n, 15) == 0 -> "FizzBuzz"
  n when rem(n, 3) == 0 -> "Fizz"
  n when rem(n, 5) == 0 -> "Buzz"
  n -> n
end
IO.inspect(Enum.map(1..15, fizz), label: "multi-clause fizzbuzz")
zero = fn -> :nullary end
IO.inspect(zero.(), label: "zero-arity")
IO.inspect(is_function(add), label: "is_function")
IO.inspect(is_function(add, 2), label: "is_function/2")
IO.inspect(:erlang.fun_info(add)[:arity], label: "fun_info arity")
apply_twice = fn f, v -> f.(f.(v)) end
IO.inspect(apply_twice.(fn s -> s <> "!" end, "hi"), label: "higher order")
fact = fn
  0, _self -> 1
  n, self -> n * self.(n - 1, self)
end
IO.inspect(fact.(20, fact), label: "recursion via self-passing")
adders = for i <- 1..3, do: fn v -> v + i end
IO.inspect(Enum.map(adders, fn f -> f.(10) end), label: "closures in comprehension")
{a, b} = {1, 2}
swap = fn -> {b, a} end
IO.inspect(swap.(), label: "capture destructured")
shadow = fn x -> x * 2 end
IO.inspect(shadow.(3), label: "param shadows outer x")
IO.inspect(x, label: "outer x untouched")
nested = fn a -> fn b -> fn c -> a * 100 + b * 10 + c end end end
IO.inspect(nested.(1).(2).(3), label: "nested closures")
counter = Enum.reduce(1..5, [], fn i, acc -> [fn -> i * i end | acc] end)
IO.inspect(Enum.map(counter, & &1.()), label: "closures built in reduce")
IO.inspect((fn -> :iife end).(), label: "immediately invoked")
m = %{f: fn v -> v + 1 end}
IO.inspect(m.f.(1), label: "fn in map, called via dot")
IO.inspect(add == add, label: "same fun equal")
