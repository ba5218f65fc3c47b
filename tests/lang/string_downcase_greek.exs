# String.downcase(s, :greek): Σ becomes ς at the end of a word (a cased
# letter before it, none after it, case-ignorable code points skipped),
# with Elixir 1.14's reading of "before" (an ASCII letter does not count).
for s <- ["ΣΣ", "ΑΣ", "ΑΣ Σ", "ΑΣΑ", "Σ", " Σ", "ΑΣ.", "ΑΣ1", "ΑΣ'Α", "Α'Σ", "Α.Σ", "ΣΑΣ ΣΑΣ",
          "ΑΣ\u0301", "aΣ", "AΣ", "IΣ", "ÀΣ", "µΣ", "ΌΣΟΣ", "ὈΔΥΣΣΕΎΣ", "ΑΣ" <> <<255>>, <<255>> <> "Σ"],
    mode <- [:default, :greek] do
  IO.puts("#{inspect(s)} #{mode} #{inspect(String.downcase(s, mode))}")
end
IO.puts(String.capitalize("ΣΑΣ", :greek))
IO.puts(String.upcase("σς", :greek))

# every code point up to U+2FFF as the letter before, between and after
sig = fn c ->
  s = <<c::utf8>>
  {String.ends_with?(String.downcase(s <> "Σ", :greek), "ς"),
   String.ends_with?(String.downcase("Α" <> s <> "Σ", :greek), "ς"),
   String.contains?(String.downcase("ΑΣ" <> s, :greek), "ς")}
end
runs =
  Enum.chunk_by(Enum.to_list(0..0x2FFF) -- Enum.to_list(0xD800..0xDFFF), sig)
  |> Enum.map(fn [c | _] = run -> {c, length(run), sig.(c)} end)
IO.puts(length(runs))
IO.inspect(Enum.take(runs, 40), limit: :infinity)
IO.puts(:erlang.phash2(runs))
