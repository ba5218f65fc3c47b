# The iex> examples of Atom's documentation (Elixir 1.14.0),
# written by extract.exs: do not edit, run `make doctests-extract`.
[
{"Atom.moduledoc.1", 7, nil, "require Atom\nIO.puts(\"1> \" <> inspect((\n :apple\n), limit: :infinity, printable_limit: :infinity))\nIO.puts(\"2> \" <> inspect((\n :orange\n), limit: :infinity, printable_limit: :infinity))\nIO.puts(\"3> \" <> inspect((\n :watermelon\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Atom.moduledoc.2", 16, nil, "require Atom\nIO.puts(\"1> \" <> inspect((\n :apple == :apple\n), limit: :infinity, printable_limit: :infinity))\nIO.puts(\"2> \" <> inspect((\n :apple == :orange\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Atom.moduledoc.3", 26, nil, "require Atom\nIO.puts(\"1> \" <> inspect((\n true == :true\n), limit: :infinity, printable_limit: :infinity))\nIO.puts(\"2> \" <> inspect((\n is_atom(false)\n), limit: :infinity, printable_limit: :infinity))\nIO.puts(\"3> \" <> inspect((\n is_boolean(:false)\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Atom.moduledoc.4", 41, nil, "require Atom\nIO.puts(\"1> \" <> inspect((\n :\"this is an atom with spaces\"\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Atom.to_charlist/1.1", 69, nil, "require Atom\nIO.puts(\"1> \" <> inspect((\n Atom.to_charlist(:\"An atom\")\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Atom.to_string/1.1", 53, nil, "require Atom\nIO.puts(\"1> \" <> inspect((\n Atom.to_string(:foo)\n), limit: :infinity, printable_limit: :infinity))\n"}
]
