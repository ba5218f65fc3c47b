# throw/catch and exit/catch :exit, including non-local return from loops.
r = try do
  Enum.each(1..100, fn x -> if x * x > 50, do: throw({:found, x}) end)
  :not_found
catch
  {:found, x} -> x
end
IO.inspect(r, label: "throw out of Enum.each")
catch_all = fn f ->
  try do
    f.()
  catch
    kind, value -> {kind, value}
  end
end
IO.inspect(catch_all.(fn -> throw(:t) end), label: "throw")
IO.inspect(catch_all.(fn -> exit(:reason) end), label: "exit atom")
IO.inspect(catch_all.(fn -> exit({:shutdown, 1}) end), label: "exit tuple")
IO.inspect(catch_all.(fn -> exit(:normal) end), label: "exit normal")
IO.inspect(catch_all.(fn -> :erlang.error(:oops) end), label: "erlang error kind")
IO.inspect(catch_all.(fn -> :fine end), label: "no throw")
r = try do
  throw(:x)
catch
  :throw, :x -> :explicit_kind
end
IO.inspect(r, label: "catch :throw, value")
r = try do
  throw(:unmatched)
catch
  :other -> :no
  v -> {:fallback, v}
end
IO.inspect(r, label: "catch clause order")
r = try do
  try do
    throw(:inner)
  catch
    :not_this -> :no
  end
catch
  v -> {:outer, v}
end
IO.inspect(r, label: "unmatched throw propagates")
r = try do
  exit(:bye)
catch
  :exit, :bye -> :matched_exit_value
after
  IO.puts("after on exit")
end
IO.inspect(r, label: "exit with after")
r = try do
  throw(:t)
rescue
  _ -> :rescue_does_not_catch_throw
catch
  :t -> :catch_does
end
IO.inspect(r, label: "rescue vs catch")
defmodule Finder do
  def find(list, pred) do
    try do
      for x <- list, do: if(pred.(x), do: throw({:hit, x}))
      nil
    catch
      {:hit, x} -> x
    end
  end
end
IO.inspect(Finder.find([1, 3, 6, 7], &(rem(&1, 2) == 0)), label: "non-local return")
IO.inspect(Finder.find([1, 3], &(rem(&1, 2) == 0)), label: "not found")
r = try do
  throw({:complex, [1, %{a: "b"}]})
catch
  {:complex, [_, %{a: s}]} -> s
end
IO.inspect(r, label: "pattern in catch")
