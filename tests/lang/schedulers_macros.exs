# Two schedulers (schedulers_macros.erl: +S 2): code evaluated in many
# processes at once, each expanding a macro while it compiles.
defmodule M do
  defmacro twice(x), do: quote(do: unquote(x) * 2)
end
r = Task.async_stream(1..20, fn i -> Code.eval_string("require M; M.twice(#{i}) + Enum.sum(for j <- 1..3, do: j)") |> elem(0) end, max_concurrency: 8) |> Enum.map(fn {:ok, v} -> v end)
IO.inspect r
