# Captures of the Kernel functions Elixir inlines are :erlang's functions,
# of other Kernel and imported functions the module's (&Kernel.elem/2),
# and Kernel.f / Bitwise.f (and Bitwise's imported functions and
# operators) are allowed in guards.
import Bitwise
IO.inspect([&is_atom/1, &Kernel.is_atom/1, &length/1, &Kernel.length/1, &>=/2, &Kernel.>=/2, &Kernel.elem/2,
            &spawn/1, &self/0, &Kernel.self/0, &send/2, &max/2, &Kernel.+/2, &tuple_size/1, &Kernel.node/0,
            &Kernel.hd/1, &Kernel.not/1, &Kernel.throw/1, &Kernel.round/1, &Kernel.float/1,
            &Kernel.binary_part/3, &Kernel.tuple_to_list/1, &Kernel.make_ref/0, &Kernel.-/1, &Kernel.!=/2,
            &Kernel.apply/3, &Kernel.function_exported?/3, &Kernel.spawn_monitor/1])
IO.inspect([&elem/2, &inspect/1, &inspect/2, &put_elem/3, &Integer.parse/1])
IO.inspect(is_function(&to_string/1, 1))
import String, only: [upcase: 1]
IO.inspect(&upcase/1)
defmodule Local do
  def f, do: &helper/1
  def helper(x), do: {:helped, x}
end
IO.inspect(Local.f().(1))
IO.inspect(Enum.map([1, :a], &is_atom/1))
IO.inspect(Enum.map([[1], [2, 3]], &Kernel.length/1))
IO.inspect(Enum.reduce([1, 2, 3], &Kernel.+/2))

f1 = fn x when Bitwise.band(x, 1) == 1 -> :odd; _ -> :even end
f2 = fn x when band(x, 1) == 1 -> :odd; _ -> :even end
f3 = fn x when (x &&& 1) == 1 -> :odd; _ -> :even end
f4 = fn x when Kernel.is_integer(x) and Kernel.rem(x, 2) == 0 -> :even_int; _ -> :other end
f5 = fn x when bsl(x, 2) > 8 and bxor(x, 1) != 0 and bnot(x) < 0 and (x ||| 1) > 0 and (x <<< 1) > 0 and (x >>> 1) >= 0 -> :big
        _ -> :small end
f6 = fn x when Kernel.>(x, 1) -> :gt; _ -> :le end
IO.inspect({f1.(3), f2.(4), f3.(5), f4.(6), f4.(7), f5.(3), f5.(1), f6.(2), f6.(0)})

defmodule G do
  def odd?(x) when Bitwise.band(x, 1) == 1, do: true
  def odd?(_), do: false
  def big?(x) when Bitwise.bsr(x, 4) > 0, do: true
  def big?(_), do: false
end
IO.inspect({G.odd?(1), G.odd?(2), G.big?(100), G.big?(3)})
