# The iex> examples of Atom's documentation (Elixir 1.14.0),
# written by extract.exs: do not edit, run `make doctests-extract`.
[
{"Atom.moduledoc.1", 7, nil, "require Atom\ndoctest_value__ = (\n :apple\n)\nIO.puts(\"1> \" <> inspect(doctest_value__, limit: :infinity, printable_limit: :infinity))\ndoctest_value__ = (\n :orange\n)\nIO.puts(\"2> \" <> inspect(doctest_value__, limit: :infinity, printable_limit: :infinity))\ndoctest_value__ = (\n :watermelon\n)\nIO.puts(\"3> \" <> inspect(doctest_value__, limit: :infinity, printable_limit: :infinity))\n"},
{"Atom.moduledoc.2", 16, nil, "require Atom\ndoctest_value__ = (\n :apple == :apple\n)\nIO.puts(\"1> \" <> inspect(doctest_value__, limit: :infinity, printable_limit: :infinity))\ndoctest_value__ = (\n :apple == :orange\n)\nIO.puts(\"2> \" <> inspect(doctest_value__, limit: :infinity, printable_limit: :infinity))\n"},
{"Atom.moduledoc.3", 26, nil, "require Atom\ndoctest_value__ = (\n true == :true\n)\nIO.puts(\"1> \" <> inspect(doctest_value__, limit: :infinity, printable_limit: :infinity))\ndoctest_value__ = (\n is_atom(false)\n)\nIO.puts(\"2> \" <> inspect(doctest_value__, limit: :infinity, printable_limit: :infinity))\ndoctest_value__ = (\n is_boolean(:false)\n)\nIO.puts(\"3> \" <> inspect(doctest_value__, limit: :infinity, printable_limit: :infinity))\n"},
{"Atom.moduledoc.4", 41, nil, "require Atom\ndoctest_value__ = (\n :\"this is an atom with spaces\"\n)\nIO.puts(\"1> \" <> inspect(doctest_value__, limit: :infinity, printable_limit: :infinity))\n"},
{"Atom.to_charlist/1.1", 69, nil, "require Atom\ndoctest_value__ = (\n Atom.to_charlist(:\"An atom\")\n)\nIO.puts(\"1> \" <> inspect(doctest_value__, limit: :infinity, printable_limit: :infinity))\n"},
{"Atom.to_string/1.1", 53, nil, "require Atom\ndoctest_value__ = (\n Atom.to_string(:foo)\n)\nIO.puts(\"1> \" <> inspect(doctest_value__, limit: :infinity, printable_limit: :infinity))\n"}
]
