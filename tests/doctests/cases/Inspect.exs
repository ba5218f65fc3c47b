# The iex> examples of Inspect's documentation (Elixir 1.14.0),
# written by extract.exs: do not edit, run `make doctests-extract`.
[
{"Inspect.moduledoc.1", 110, nil, "require Inspect\nIO.puts(\"1> \" <> inspect((\n MapSet.new([1, 2, 3], fn x -> x * 2 end)\n), limit: :infinity, printable_limit: :infinity))\n"}
]
