# The iex> examples of Protocol's documentation (Elixir 1.14.0),
# written by extract.exs: do not edit, run `make doctests-extract`.
[
{"Protocol.moduledoc.1", 185, nil, "require Protocol\nIO.puts(\"1> \" <> inspect((\n Enumerable.__protocol__(:functions)\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Protocol.moduledoc.2", 188, nil, "require Protocol\nIO.puts(\"1> \" <> inspect((\n Enumerable.impl_for([])\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Protocol.moduledoc.3", 191, nil, "require Protocol\nIO.puts(\"1> \" <> inspect((\n Enumerable.impl_for(42)\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Protocol.moduledoc.4", 206, nil, "require Protocol\nIO.puts(\"1> \" <> inspect((\n Enumerable.List.__impl__(:for)\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Protocol.moduledoc.5", 209, nil, "require Protocol\nIO.puts(\"1> \" <> inspect((\n Enumerable.List.__impl__(:protocol)\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Protocol.extract_impls/2.1", 473, nil, "require Protocol\nIO.puts(\"1> \" <> inspect((\n path = :code.lib_dir(:elixir, :ebin)\n mods = Protocol.extract_impls(Enumerable, [path])\n List in mods\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Protocol.extract_protocols/1.1", 444, nil, "require Protocol\nIO.puts(\"1> \" <> inspect((\n path = :code.lib_dir(:elixir, :ebin)\n mods = Protocol.extract_protocols([path])\n Enumerable in mods\n), limit: :infinity, printable_limit: :infinity))\n"}
]
