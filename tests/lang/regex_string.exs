# String and Kernel functions that take a regex (their documentation's
# examples and the cases around them).
IO.inspect(String.match?("foo", ~r/foo/))
IO.inspect(String.match?("bar", ~r/foo/))
IO.inspect(String.replace("a,b,c", ~r/,(.)/, ",\\1\\g{1}"))
IO.inspect(String.split("a,b,c", ~r{,}))
IO.inspect(String.split("a,b,c", ~r{,}, parts: 2))
IO.inspect(String.split(" a b c ", ~r{\s}, trim: true))
IO.inspect(String.split("abc", ~r{b}, include_captures: true))
IO.inspect("abcd" =~ ~r/c(d)/)
IO.inspect("abcd" =~ ~r/e/)
IO.inspect("abcd" =~ ~r//)
IO.inspect(Regex.match?(~R(f#{1,3}o), "f#o"))
IO.inspect(Regex.match?(~r/foo/, "foo"))
IO.inspect(Regex.match?(~r/a#{:b}c/, "abc"))

IO.inspect("hello world" =~ "wor")
IO.inspect("hello world" =~ ~r/W/i)
IO.inspect(String.replace("hello world", ~r/o/, "0"))
IO.inspect(String.replace("hello world", ~r/o/, "0", global: false))
IO.inspect(String.replace("hello world", ~r/(\w+) (\w+)/, "\\2 \\1"))
IO.inspect(String.replace("hello world", ~r/[aeiou]/, fn v -> String.upcase(v) end))
IO.inspect(String.split("one, two;three  four", ~r/[,;\s]+/))
IO.inspect(String.split("1 2  3", ~r/\s+/, trim: true, parts: 2))
IO.inspect(String.split("", ~r/,/))
IO.inspect(String.split("", ~r/,/, trim: true))
IO.inspect(String.split("São Paulo é bonita", ~r/\s/u))
IO.inspect(String.split("olá mundo", ~r/\W+/))
IO.inspect(String.split("olá mundo", ~r/\W+/u))
IO.inspect(Regex.run(~r/\w+/, "héllo"))
IO.inspect(Enum.filter(["apple", "banana", "cherry"], &(&1 =~ ~r/an/)))
IO.inspect(for w <- ~w(cat dog cow), w =~ ~r/^c/, do: w)
text = "The year 1999 and the year 2024"
IO.inspect(Regex.scan(~r/\d{4}/, text) |> List.flatten() |> Enum.map(&String.to_integer/1))
IO.inspect(text |> String.split(~r/\s+/) |> Enum.count())
email = ~r/^[\w.+-]+@[\w-]+\.[\w.]+$/
IO.inspect(Enum.map(["a@b.co", "bad@", "x.y+z@host.org"], &Regex.match?(email, &1)))
case "2024-05-01" do
  date when is_binary(date) ->
    if date =~ ~r/^\d{4}-\d{2}-\d{2}$/, do: IO.puts("a date"), else: IO.puts("not a date")
end
defmodule Words do
  @word ~r/\b\w+\b/
  def count(s), do: length(Regex.scan(@word, s))
  def re, do: @word
  def split(s), do: String.split(s, ~r/\s*,\s*/)
end
IO.inspect(Words.count("one two, three"))
IO.inspect(Words.re())
IO.inspect(Words.split("a , b,c"))
f = fn s -> Regex.replace(~r/\s+/, s, " ") end
IO.inspect(f.("a   b \n c"))
IO.inspect(inspect(~r/a\/b/i))
IO.inspect("#{inspect(~r/x/)}")
