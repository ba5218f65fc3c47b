# Expressions that nest deeper than any bracket: the parser builds a chain
# of operators or pipes as left operands inside left operands, and the
# compiler follows them (the BEAM compiles 20,000 terms of 1 + 1 + ...).
source = Enum.map_join(1..20_000, " + ", fn _ -> "1" end)
{value, _} = Code.eval_string(source)
IO.puts(value)

pipe = "1" <> String.duplicate(" |> Kernel.+(1)", 5_000)
{value, _} = Code.eval_string(pipe)
IO.puts(value)

list = "[" <> Enum.map_join(1..3_000, ", ", fn i -> "x + #{i}" end) <> "]"
{value, _} = Code.eval_string(list, x: 0)
IO.puts(Enum.sum(value))
