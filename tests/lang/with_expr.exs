# with: chained matches, guards, else clauses, bare expressions.
parse = fn s ->
  case Integer.parse(s) do
    {n, ""} -> {:ok, n}
    _ -> {:error, {:bad_int, s}}
  end
end
add = fn a, b ->
  with {:ok, x} <- parse.(a),
       {:ok, y} <- parse.(b) do
    {:ok, x + y}
  end
end
IO.inspect(add.("1", "2"), label: "all ok")
IO.inspect(add.("1", "x"), label: "falls through unmatched value")
safe_div = fn a, b ->
  with {:ok, x} <- parse.(a),
       {:ok, y} when y != 0 <- parse.(b),
       q = div(x, y) do
    {:ok, q}
  else
    {:ok, 0} -> {:error, :zero_division}
    {:error, reason} -> {:error, reason}
  end
end
IO.inspect(safe_div.("10", "3"), label: "guard ok")
IO.inspect(safe_div.("10", "0"), label: "guard failed, else clause")
IO.inspect(safe_div.("z", "1"), label: "error in else")
r = with x <- 1, y = x + 1, do: x + y
IO.inspect(r, label: "one-line with")
r2 = with {:a, v} <- {:b, 1} do
  v
else
  other -> {:fallback, other}
end
IO.inspect(r2, label: "else catch-all")
m = %{user: %{name: "ann"}}
r3 = with %{user: user} <- m, %{name: name} <- user, do: String.upcase(name)
IO.inspect(r3, label: "map patterns")
r4 = with [h | _] <- [], do: h
IO.inspect(r4, label: "empty list unmatched")
try do
  with {:ok, x} <- {:error, 1} do
    x
  else
    {:other, _} -> :nope
  end
rescue
  e in WithClauseError -> IO.inspect(e, label: "WithClauseError")
end
r5 = with {:ok, a} <- {:ok, 1}, {:ok, b} <- {:ok, a + 1}, {:ok, c} <- {:ok, b + 1} do
  [a, b, c]
end
IO.inspect(r5, label: "three steps")
