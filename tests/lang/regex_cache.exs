# Many distinct patterns (more than the node keeps compiled at once), then
# the first ones again; literals and runtime compiles are the same value.
regexes = for i <- 1..5000, do: Regex.compile!("a{#{i}}b?")
IO.inspect(Enum.count(regexes, &Regex.match?(&1, "aaa")))
IO.inspect(Enum.map(Enum.take(regexes, 4), &Regex.run(&1, "aaab")))
IO.inspect(Regex.run(List.last(regexes), String.duplicate("a", 5000)) |> hd() |> byte_size())
IO.inspect(~r/a/is == Regex.compile!("a", "is"))
IO.inspect(~r/a/u == Regex.compile!("a", "u"))
IO.inspect(~r/a/ == Regex.compile!("a", "i"))
IO.inspect(Enum.uniq(for _ <- 1..3, do: Regex.compile!("x+")) |> length())
f = fn -> ~r/lit(eral)/ end
IO.inspect(f.() == f.())
IO.inspect(for s <- ~w(literal lit), do: Regex.run(f.(), s))
