# String.splitter/3 and String.split/3 with the empty pattern: between graphemes,
# with an empty string at each end unless trimmed; lazily.
for s <- ["abcd", "", "é\u0301x", "a"], opts <- [[], [trim: true]] do
  IO.inspect({s, opts, String.splitter(s, "", opts) |> Enum.to_list(), String.split(s, "", opts)})
end
IO.inspect(String.splitter("abcd", "") |> Enum.take(2))
