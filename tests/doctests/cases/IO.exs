# The iex> examples of IO's documentation (Elixir 1.14.0),
# written by extract.exs: do not edit, run `make doctests-extract`.
[
{"IO.moduledoc.1", 116, nil, "require IO\nIO.puts(\"1> \" <> inspect((\n IO.chardata_to_string([\"The symbol for pi is: \", ?π])\n), limit: :infinity, printable_limit: :infinity))\n"},
{"IO.chardata_to_string/1.1", 657, nil, "require IO\nIO.puts(\"1> \" <> inspect((\n IO.chardata_to_string([0x00E6, 0x00DF])\n), limit: :infinity, printable_limit: :infinity))\n"},
{"IO.chardata_to_string/1.2", 660, nil, "require IO\nIO.puts(\"1> \" <> inspect((\n IO.chardata_to_string([0x0061, \"bc\"])\n), limit: :infinity, printable_limit: :infinity))\n"},
{"IO.chardata_to_string/1.3", 663, nil, "require IO\nIO.puts(\"1> \" <> inspect((\n IO.chardata_to_string(\"string\")\n), limit: :infinity, printable_limit: :infinity))\n"},
{"IO.iodata_length/1.1", 722, nil, "require IO\nIO.puts(\"1> \" <> inspect((\n IO.iodata_length([1, 2 | <<3, 4>>])\n), limit: :infinity, printable_limit: :infinity))\n"},
{"IO.iodata_to_binary/1.1", 696, nil, "require IO\nIO.puts(\"1> \" <> inspect((\n bin1 = <<1, 2, 3>>\n bin2 = <<4, 5>>\n bin3 = <<6>>\n IO.iodata_to_binary([bin1, 1, [2, 3, bin2], 4 | bin3])\n), limit: :infinity, printable_limit: :infinity))\n"},
{"IO.iodata_to_binary/1.2", 702, nil, "require IO\nIO.puts(\"1> \" <> inspect((\n bin = <<1, 2, 3>>\n IO.iodata_to_binary(bin)\n), limit: :infinity, printable_limit: :infinity))\n"}
]
