# Small integer literals the compiler keeps inside instructions: n - 1 and
# n + k at the edges of the immediate range (|k| < 2^30) and of small
# integers, with floats, bignums and bad arguments taking the slow path;
# clause heads on integers next to atoms, [] and nil.
defmodule ImmArith do
  def dec(n), do: n - 1
  def inc(n), do: n + 1
  def big(n), do: n + 1_073_741_823
  def nbig(n), do: n - 1_073_741_824
  def huge(n), do: n + 1_073_741_824
  def count(0), do: :done
  def count(n), do: count(n - 1)
  def f(n) when n < 2, do: n
  def f(n), do: f(n - 1) + f(n - 2)
  def g(x), do: h(x - 3)
  def h(y), do: {y, y + 2}
  def k(x), do: [kk(x + 1), x]
  def kk(x), do: x * 2
end
IO.inspect ImmArith.dec(0)
IO.inspect ImmArith.dec(-5)
IO.inspect ImmArith.inc(1152921504606846975)
IO.inspect ImmArith.dec(-1152921504606846976)
IO.inspect ImmArith.inc(2.5)
IO.inspect ImmArith.dec(100000000000000000000000)
IO.inspect ImmArith.big(1), label: "big"
IO.inspect ImmArith.nbig(1), label: "nbig"
IO.inspect ImmArith.huge(1), label: "huge"
IO.inspect ImmArith.count(100000)
IO.inspect ImmArith.f(20)
IO.inspect ImmArith.g(10)
IO.inspect ImmArith.g(1.5)
IO.inspect ImmArith.k(4)
IO.inspect ImmArith.k(4.0)
try do
  ImmArith.g(:a)
rescue e -> IO.inspect(e); IO.inspect(hd(__STACKTRACE__))
end
try do
  ImmArith.k("x")
rescue e -> IO.inspect(e); IO.inspect(hd(__STACKTRACE__))
end
try do
  ImmArith.dec(nil)
rescue e -> IO.inspect(e); IO.inspect(hd(__STACKTRACE__))
end

defmodule ImmClauses do
  def a(0), do: :zero
  def a(:x), do: :ex
  def a(_), do: :other
  def b(:x), do: :ex
  def b(1), do: :one
  def b(_), do: :other
  def c(0), do: 0
  def c(1), do: 1
  def c(2), do: 2
  def c(1073741823), do: :max
  def c(-1073741824), do: :min
  def c(1073741824), do: :over
  def c(n), do: {:n, n}
  def d(x) do
    case x do
      5 -> :five
      -5 -> :minus_five
      [] -> :nil_list
      nil -> :nil
      _ -> :else
    end
  end
end
for x <- [0, 1, 2, 3, :x, 1.0, 0.0, 1073741823, -1073741824, 1073741824, -1073741825, 2 ** 70] do
  IO.inspect {x, ImmClauses.a(x), ImmClauses.b(x), ImmClauses.c(x), ImmClauses.d(x)}
end
IO.inspect Enum.map([5, -5, [], nil, 5.0], &ImmClauses.d/1)

# a + b and a - b of two registers as a function's last expression
defmodule TwoRegs do
  def add(a, b), do: a + b
  def sub(a, b), do: a - b
end
IO.inspect TwoRegs.add(1, 2)
IO.inspect TwoRegs.sub(1, 2)
IO.inspect TwoRegs.add(1152921504606846975, 1)
IO.inspect TwoRegs.sub(-1152921504606846976, 1)
IO.inspect TwoRegs.add(1.5, 2)
IO.inspect TwoRegs.sub(2, 0.5)
IO.inspect TwoRegs.sub(100000000000000000000, 1)
