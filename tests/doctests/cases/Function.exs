# The iex> examples of Function's documentation (Elixir 1.14.0),
# written by extract.exs: do not edit, run `make doctests-extract`.
[
{"Function.moduledoc.1", 7, nil, "require Function\nIO.puts(\"1> \" <> inspect((\n add = fn a, b -> a + b end\n add.(1, 2)\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Function.moduledoc.2", 14, nil, "require Function\nIO.puts(\"1> \" <> inspect((\n negate = fn\n   true -> false\n   false -> true\n end\n negate.(false)\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Function.moduledoc.3", 27, nil, "require Function\nIO.puts(\"1> \" <> inspect((\n add = &Kernel.+/2\n add.(1, 2)\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Function.moduledoc.4", 31, nil, "require Function\nIO.puts(\"1> \" <> inspect((\n length = &String.length/1\n length.(\"hello\")\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Function.moduledoc.5", 42, nil, "require Function\nIO.puts(\"1> \" <> inspect((\n add = &(&1 + &2)\n add.(1, 2)\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Function.capture/3.1", 79, nil, "require Function\nIO.puts(\"1> \" <> inspect((\n Function.capture(String, :length, 1)\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Function.identity/1.1", 192, nil, "require Function\nIO.puts(\"1> \" <> inspect((\n Function.identity(\"Hello world!\")\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Function.identity/1.2", 195, nil, "require Function\nIO.puts(\"1> \" <> inspect((\n 'abcdaabccc' |> Enum.sort() |> Enum.chunk_by(&Function.identity/1)\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Function.identity/1.3", 198, nil, "require Function\nIO.puts(\"1> \" <> inspect((\n Enum.group_by('abracadabra', &Function.identity/1)\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Function.identity/1.4", 201, nil, "require Function\nIO.puts(\"1> \" <> inspect((\n Enum.map([1, 2, 3, 4], &Function.identity/1)\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Function.info/1.1", 129, nil, "require Function\nIO.puts(\"1> \" <> inspect((\n fun = fn x -> x end\n info = Function.info(fun)\n Keyword.get(info, :arity)\n), limit: :infinity, printable_limit: :infinity))\nIO.puts(\"2> \" <> inspect((\n Keyword.get(info, :type)\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Function.info/1.2", 136, nil, "require Function\nIO.puts(\"1> \" <> inspect((\n fun = &String.length/1\n info = Function.info(fun)\n Keyword.get(info, :type)\n), limit: :infinity, printable_limit: :infinity))\nIO.puts(\"2> \" <> inspect((\n Keyword.get(info, :name)\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Function.info/2.1", 169, nil, "require Function\nIO.puts(\"1> \" <> inspect((\n f = fn x -> x end\n Function.info(f, :arity)\n), limit: :infinity, printable_limit: :infinity))\nIO.puts(\"2> \" <> inspect((\n Function.info(f, :type)\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Function.info/2.2", 175, nil, "require Function\nIO.puts(\"1> \" <> inspect((\n fun = &String.length/1\n Function.info(fun, :name)\n), limit: :infinity, printable_limit: :infinity))\nIO.puts(\"2> \" <> inspect((\n Function.info(fun, :pid)\n), limit: :infinity, printable_limit: :infinity))\n"}
]
