# Deep non-tail (body) recursion: 100,000 frames must not overflow.
defmodule Deep do
  def build(0), do: []
  def build(n), do: [n | build(n - 1)]

  def sum([]), do: 0
  def sum([h | t]), do: h + sum(t)

  def len([]), do: 0
  def len([_ | t]), do: 1 + len(t)

  def map([], _f), do: []
  def map([h | t], f), do: [f.(h) | map(t, f)]

  def depth(0), do: {:bottom, 0}
  def depth(n) do
    {:bottom, d} = depth(n - 1)
    {:bottom, d + 1}
  end

  def ackermann(0, n), do: n + 1
  def ackermann(m, 0), do: ackermann(m - 1, 1)
  def ackermann(m, n), do: ackermann(m - 1, ackermann(m, n - 1))
end

list = Deep.build(100_000)
IO.inspect(length(list), label: "built length")
IO.inspect(Enum.take(list, 3), label: "first three")
IO.inspect(Deep.sum(list), label: "body-recursive sum of 100_000")
IO.inspect(Deep.len(list), label: "body-recursive length")
IO.inspect(Deep.map(list, &(&1 * 2)) |> Deep.sum(), label: "body-recursive map then sum")
IO.inspect(Deep.depth(200_000), label: "200_000 nested frames with match")
IO.inspect(Deep.ackermann(2, 3), label: "ackermann(2, 3)")
IO.inspect(Deep.ackermann(3, 5), label: "ackermann(3, 5)")
anon_len = fn
  [], _ -> 0
  [_ | t], f -> 1 + f.(t, f)
end
IO.inspect(anon_len.(list, anon_len), label: "anonymous fn body recursion")
IO.inspect(List.foldr(list, 0, &(&1 + &2)), label: "List.foldr")
IO.inspect(Enum.map(list, &(&1 + 1)) |> Enum.sum(), label: "Enum.map over 100_000")
