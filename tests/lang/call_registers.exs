# Calls whose result shares a register with their argument temporaries,
# parameters used in place, and frames that reuse registers of frames that
# have returned.
defmodule Regs do
  def fib(0), do: 0
  def fib(1), do: 1
  def fib(n), do: fib(n - 1) + fib(n - 2)

  def pair(a, b), do: {a, b}
  def id(x), do: x

  # a variable bound among the arguments is still there afterwards
  def bound_in_args do
    r = pair(x = id(1), y = id(2))
    {r, x, y}
  end

  # nested calls and operators whose arguments are results of calls
  def nested(n), do: pair(id(n) + id(n + 1), pair(id([n]), id("s#{n}")))

  # boxed values in registers of frames that return and are reused
  def boxes(0, acc), do: acc
  def boxes(n, acc), do: boxes(n - 1, [{n, "b#{n}", [n]} | acc])

  def fresh(n) do
    a = boxes(n, [])
    b = length(a)
    {b, hd(a)}
  end

  def clause(:a, x), do: {:a, x}
  def clause(1, x), do: {:one, x}
  def clause([], x), do: {:nil, x}
  def clause(y, _), do: {:other, y}

  # a tail call into a function with many more registers than the caller
  def few(x), do: many(x)
  def many(a) do
    b = a + 1; c = b + 1; d = c + 1; e = d + 1; f = e + 1; g = f + 1; h = g + 1
    i = h + 1; j = i + 1; k = j + 1; l = k + 1; m = l + 1; n = m + 1; o = n + 1
    p = o + 1; q = p + 1; r = q + 1; s = r + 1; t = s + 1; u = t + 1; v = u + 1
    w = v + 1; x = w + 1; y = x + 1; z = y + 1
    {[a, b, c, d, e, f, g, h, i, j, k, l, m], [n, o, p, q, r, s, t, u, v, w, x, y, z]}
  end
  def deep(0, x), do: few(x)
  def deep(n, x), do: {n, deep(n - 1, x)}
  def count(0, acc), do: acc
  def count(n, acc), do: count(n - 1, [n | acc])

  # tail calls that pass parameters on in another order, and into a
  # function with more parameters than the caller has registers
  def swap(0, a, b, c), do: {a, b, c}
  def swap(n, a, b, c), do: swap(n - 1, c, a, b)
  def one(x), do: four(x, [x], "s#{x}", {x})
  def four(a, b, c, d), do: [d, c, b, a]

  def after_call(x) do
    _ = id(x)
    x
  end
end

IO.inspect(Regs.fib(20))
IO.inspect(Regs.bound_in_args())
IO.inspect(Regs.nested(3))
IO.inspect(Regs.fresh(3))
IO.inspect(Regs.fresh(2))
IO.inspect(Enum.map([:a, 1, [], 1.0, :b, "1"], &Regs.clause(&1, 0)))
IO.inspect(Regs.after_call({:kept, "v"}))
IO.inspect(Regs.few(1))
IO.inspect(Enum.map(0..4, &Regs.swap(&1, [:a], "b", {:c})))
IO.inspect(Regs.one(7))
IO.inspect(Regs.deep(3, 100) |> elem(1) |> elem(1))
IO.inspect(length(Regs.count(100_000, [])))
f = fn g, n -> if n < 2, do: n, else: g.(g, n - 1) + g.(g, n - 2) end
IO.inspect(f.(f, 15))
add = fn a, b -> a + b end
IO.inspect(add.(add.(1, 2), add.(3, 4)))
IO.inspect(Regs.id(Regs.id(4_611_686_018_427_387_903) + Regs.id(1)) - 1)
try do
  Regs.fib(:x)
rescue
  e -> IO.inspect(e.__struct__)
end
