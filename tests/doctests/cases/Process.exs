# The iex> examples of Process's documentation (Elixir 1.14.0),
# written by extract.exs: do not edit, run `make doctests-extract`.
[
{"Process.delete/1.1", 130, nil, "require Process\nIO.puts(\"1> \" <> inspect((\n Process.put(:comments, [\"comment\", \"other comment\"])\n Process.delete(:comments)\n), limit: :infinity, printable_limit: :infinity))\nIO.puts(\"2> \" <> inspect((\n Process.delete(:comments)\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Process.get/2.1", 59, nil, "require Process\nIO.puts(\"1> \" <> inspect((\n Process.get(:locale, \"pt\")\n), limit: :infinity, printable_limit: :infinity))\nIO.puts(\"2> \" <> inspect((\n Process.put(:locale, \"fr\")\n), limit: :infinity, printable_limit: :infinity))\nIO.puts(\"3> \" <> inspect((\n Process.get(:locale, \"pt\")\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Process.get_keys/0.1", 83, nil, "require Process\nIO.puts(\"1> \" <> inspect((\n :locale in Process.get_keys()\n), limit: :infinity, printable_limit: :infinity))\nIO.puts(\"2> \" <> inspect((\n Process.put(:locale, \"pt\")\n), limit: :infinity, printable_limit: :infinity))\nIO.puts(\"3> \" <> inspect((\n :locale in Process.get_keys()\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Process.put/2.1", 111, nil, "require Process\nIO.puts(\"1> \" <> inspect((\n Process.put(:locale, \"en\")\n), limit: :infinity, printable_limit: :infinity))\nIO.puts(\"2> \" <> inspect((\n Process.put(:locale, \"fr\")\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Process.send/3.1", 278, nil, "require Process\nIO.puts(\"1> \" <> inspect((\n Process.send({:name, :node_that_does_not_exist}, :hi, [:noconnect])\n), limit: :infinity, printable_limit: :infinity))\n"}
]
