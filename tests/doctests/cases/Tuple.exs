# The iex> examples of Tuple's documentation (Elixir 1.14.0),
# written by extract.exs: do not edit, run `make doctests-extract`.
[
{"Tuple.moduledoc.1", 17, nil, "require Tuple\nIO.puts(\"1> \" <> inspect((\n {}\n), limit: :infinity, printable_limit: :infinity))\nIO.puts(\"2> \" <> inspect((\n {1, :two, \"three\"}\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Tuple.append/2.1", 100, nil, "require Tuple\nIO.puts(\"1> \" <> inspect((\n tuple = {:foo, :bar}\n Tuple.append(tuple, :baz)\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Tuple.delete_at/2.1", 121, nil, "require Tuple\nIO.puts(\"1> \" <> inspect((\n tuple = {:foo, :bar, :baz}\n Tuple.delete_at(tuple, 0)\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Tuple.duplicate/2.1", 58, nil, "require Tuple\nIO.puts(\"1> \" <> inspect((\n Tuple.duplicate(:hello, 3)\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Tuple.insert_at/3.1", 78, nil, "require Tuple\nIO.puts(\"1> \" <> inspect((\n tuple = {:bar, :baz}\n Tuple.insert_at(tuple, 0, :foo)\n), limit: :infinity, printable_limit: :infinity))\nIO.puts(\"2> \" <> inspect((\n Tuple.insert_at(tuple, 2, :bong)\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Tuple.product/1.1", 155, nil, "require Tuple\nIO.puts(\"1> \" <> inspect((\n Tuple.product({255, 255})\n), limit: :infinity, printable_limit: :infinity))\nIO.puts(\"2> \" <> inspect((\n Tuple.product({255, 1.0})\n), limit: :infinity, printable_limit: :infinity))\nIO.puts(\"3> \" <> inspect((\n Tuple.product({})\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Tuple.sum/1.1", 136, nil, "require Tuple\nIO.puts(\"1> \" <> inspect((\n Tuple.sum({255, 255})\n), limit: :infinity, printable_limit: :infinity))\nIO.puts(\"2> \" <> inspect((\n Tuple.sum({255, 0.0})\n), limit: :infinity, printable_limit: :infinity))\nIO.puts(\"3> \" <> inspect((\n Tuple.sum({})\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Tuple.to_list/1.1", 178, nil, "require Tuple\nIO.puts(\"1> \" <> inspect((\n tuple = {:foo, :bar, :baz}\n Tuple.to_list(tuple)\n), limit: :infinity, printable_limit: :infinity))\n"}
]
