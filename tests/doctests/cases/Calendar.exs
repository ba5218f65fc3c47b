# The iex> examples of Calendar's documentation (Elixir 1.14.0),
# written by extract.exs: do not edit, run `make doctests-extract`.
[
{"Calendar.strftime/3.1", 482, nil, "require Calendar\nIO.puts(\"1> \" <> inspect((\n Calendar.strftime(~U[2019-08-26 13:52:06.0Z], \"%y-%m-%d %I:%M:%S %p\")\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Calendar.strftime/3.2", 485, nil, "require Calendar\nIO.puts(\"1> \" <> inspect((\n Calendar.strftime(~U[2019-08-26 13:52:06.0Z], \"%a, %B %d %Y\")\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Calendar.strftime/3.3", 488, nil, "require Calendar\nIO.puts(\"1> \" <> inspect((\n Calendar.strftime(~U[2020-04-02 13:52:06.0Z], \"%B %-d, %Y\")\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Calendar.strftime/3.4", 491, nil, "require Calendar\nIO.puts(\"1> \" <> inspect((\n Calendar.strftime(~U[2019-08-26 13:52:06.0Z], \"%c\")\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Calendar.strftime/3.5", 496, nil, "require Calendar\nIO.puts(\"1> \" <> inspect((\n Calendar.strftime(~U[2019-08-26 13:52:06.0Z], \"%c\", preferred_datetime: \"%H:%M:%S %d-%m-%y\")\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Calendar.strftime/3.6", 499, nil, "require Calendar\nIO.puts(\"1> \" <> inspect((\n Calendar.strftime(\n  ~U[2019-08-26 13:52:06.0Z],\n  \"%A\",\n  day_of_week_names: fn day_of_week ->\n    {\"segunda-feira\", \"terça-feira\", \"quarta-feira\", \"quinta-feira\",\n    \"sexta-feira\", \"sábado\", \"domingo\"}\n    |> elem(day_of_week - 1)\n  end\n)\n), limit: :infinity, printable_limit: :infinity))\n"},
{"Calendar.strftime/3.7", 510, nil, "require Calendar\nIO.puts(\"1> \" <> inspect((\n Calendar.strftime(\n  ~U[2019-08-26 13:52:06.0Z],\n  \"%B\",\n  month_names: fn month ->\n    {\"январь\", \"февраль\", \"март\", \"апрель\", \"май\", \"июнь\",\n    \"июль\", \"август\", \"сентябрь\", \"октябрь\", \"ноябрь\", \"декабрь\"}\n    |> elem(month - 1)\n  end\n)\n), limit: :infinity, printable_limit: :infinity))\n"}
]
