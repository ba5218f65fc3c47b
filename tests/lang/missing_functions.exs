# Functions of Elixir 1.14 that were missing: Keyword.validate/validate!,
# replace_lazy, get_and_update!, Access.slice, Float.pow, Stream.duplicate,
# binary_slice/2,3, the full-slice range `..`, destructure/2, String.chunk/2,
# :binary.compile_pattern and the functions that take one.
defmodule Show do
  def try(fun) do
    IO.inspect(fun.())
  rescue
    e -> IO.puts("#{inspect(e.__struct__)}: #{Exception.message(e)}")
  end
end

IO.puts "-- Keyword"
{:ok, result} = Keyword.validate([], [one: 1, two: 2])
IO.inspect Enum.sort(result)
{:ok, result} = Keyword.validate([two: 3], [one: 1, two: 2])
IO.inspect Enum.sort(result)
{:ok, result} = Keyword.validate([], [:one, two: 2])
IO.inspect Enum.sort(result)
{:ok, result} = Keyword.validate([one: 1], [:one, two: 2])
IO.inspect Enum.sort(result)
IO.inspect Keyword.validate([three: 3, four: 4], [one: 1, two: 2])
IO.inspect Keyword.validate([one: 1, two: 2, one: 1], [:one, :two])
IO.inspect Keyword.validate([b: 1, a: 2], [:a, :b, c: 3])
IO.inspect Keyword.validate!([], [one: 1, two: 2]) |> Enum.sort()
IO.inspect Keyword.validate!([two: 3], [one: 1, two: 2]) |> Enum.sort()
IO.inspect Keyword.validate!([], [:one, two: 2]) |> Enum.sort()
IO.inspect Keyword.validate!([one: 1], [:one, two: 2]) |> Enum.sort()
IO.inspect Keyword.validate!([b: 1, a: 2, c: 5], [:a, :b, c: 3])
Show.try(fn -> Keyword.validate!([three: 3], [one: 1, two: 2]) end)
Show.try(fn -> Keyword.validate!([three: 3, four: 4], [one: 1, two: 2]) end)
Show.try(fn -> Keyword.validate!([one: 1, two: 2, one: 1], [:one, :two]) end)
Show.try(fn -> Keyword.validate([:bad], [:one]) end)
Show.try(fn -> Keyword.validate(%{}, [:one]) end)

IO.inspect Keyword.replace_lazy([a: 1, b: 2], :a, fn v -> v * 4 end)
IO.inspect Keyword.replace_lazy([a: 2, b: 2, a: 1], :a, fn v -> v * 4 end)
IO.inspect Keyword.replace_lazy([a: 1, b: 2], :c, fn v -> v * 4 end)
Show.try(fn -> Keyword.replace_lazy([a: 1], "a", fn v -> v end) end)

IO.inspect Keyword.get_and_update!([a: 1], :a, fn current_value -> {current_value, "new value!"} end)
Show.try(fn -> Keyword.get_and_update!([a: 1], :b, fn current_value -> {current_value, "new value!"} end) end)
IO.inspect Keyword.get_and_update!([a: 1], :a, fn _ -> :pop end)
IO.inspect Keyword.get_and_update!([a: 1, b: 2, a: 3], :a, fn v -> {v, 9} end)
IO.inspect Keyword.get_and_update!([a: 1, b: 2, a: 3], :a, fn _ -> :pop end)
Show.try(fn -> Keyword.get_and_update!([a: 1], :a, fn _ -> :bad end) end)

IO.puts "-- Access.slice"
list = [%{name: "john", salary: 10}, %{name: "francine", salary: 30}, %{name: "vitor", salary: 25}]
IO.inspect get_in(list, [Access.slice(1..2), :name])
IO.inspect get_and_update_in(list, [Access.slice(1..3//2), :name], fn prev -> {prev, String.upcase(prev)} end)
IO.inspect pop_in(list, [Access.slice(-2..-1)])
IO.inspect pop_in(list, [Access.slice(-2..-1), :name])
IO.inspect get_in(list, [Access.slice(5..10//2), :name])
IO.inspect get_and_update_in(list, [Access.slice(5..10//2), :name], fn prev -> {prev, String.upcase(prev)} end)
IO.inspect put_in([1, 2, 3, 4], [Access.slice(0..-1//2)], 0)
IO.inspect update_in([1, 2, 3, 4, 5], [Access.slice(1..-2//1)], &(&1 * 10))
Show.try(fn -> get_in(%{}, [Access.slice(2..10//3)]) end)
Show.try(fn -> get_in([], [Access.slice(2..10//-1)]) end)

IO.puts "-- Float.pow"
for {b, e} <- [{2.0, 0}, {2.0, 1}, {2.0, 10}, {2.0, -1}, {2.0, -3}, {3.0, 1.5}, {-2.0, 3}, {-2.0, 4}, {-1.0, 0.5}, {0.0, -1}, {2, 2}] do
  Show.try(fn -> Float.pow(b, e) end)
end

IO.puts "-- Stream.duplicate"
IO.inspect Enum.to_list(Stream.duplicate("hello", 0))
IO.inspect Enum.to_list(Stream.duplicate("hi", 1))
IO.inspect Enum.to_list(Stream.duplicate("bye", 2))
IO.inspect Enum.to_list(Stream.duplicate([1, 2], 3))
IO.inspect Stream.duplicate(:x, 3) |> Stream.map(&{&1}) |> Enum.take(2)
Show.try(fn -> Stream.duplicate(1, -1) end)

IO.puts "-- binary_slice"
for r <- [0..5, 1..3, 1..10, -4..-1, -4..6, -10..10, 2..-1//1, 1..-2//1, .., 0..-1//2, 10..3//1, -10..-7, 1..-1//3] do
  IO.inspect binary_slice("elixir", r)
end
IO.inspect binary_slice("a", 1..1500)
for {s, n} <- [{0, 6}, {0, 5}, {1, 4}, {0, 10}, {-3, 10}, {-10, 10}, {1, 0}, {10, 10}] do
  IO.inspect binary_slice("elixir", s, n)
end
Show.try(fn -> binary_slice("elixir", 2..10//-1) end)
Show.try(fn -> binary_slice("elixir", 1, -1) end)

IO.puts "-- the full slice .."
IO.inspect(..)
IO.inspect "abc" |> String.slice(..)
IO.inspect Enum.slice([1, 2, 3], ..)
IO.inspect Enum.to_list(..)
IO.inspect Enum.slice([1, 2, 3, 4], ..) == Enum.slice([1, 2, 3, 4], 0..-1//1)

IO.puts "-- destructure"
destructure([x, y, z], [1, 2, 3, 4, 5])
IO.inspect {x, y, z}
destructure([x, y, z], [1])
IO.inspect {x, y, z}
destructure([a, b], nil)
IO.inspect {a, b}
IO.inspect destructure([_, _second], [:first, :second, :third])
Show.try(fn -> destructure([p], :not_a_list); p end)

IO.puts "-- String.chunk"
IO.inspect String.chunk(<<?a, ?b, ?c, 0>>, :valid)
IO.inspect String.chunk(<<?a, ?b, ?c, 0, 0xFFFF::utf16>>, :valid)
IO.inspect String.chunk(<<?a, ?b, ?c, 0, 0x0FFFF::utf8>>, :printable)
IO.inspect String.chunk("", :valid)
IO.inspect String.chunk(<<"héllo", 255, 254, "wörld", 0, 1, "!">>, :valid)
IO.inspect String.chunk(<<"héllo", 255, 254, "wörld", 0, 1, "!">>, :printable)

IO.puts "-- :binary.compile_pattern"
pattern = :binary.compile_pattern(["life", "death"])
IO.inspect String.contains?("elixir of life", pattern)
IO.inspect String.contains?("elixir of stone", pattern)
pattern = :binary.compile_pattern(",")
IO.inspect String.replace("a,b,c", pattern, "[]")
IO.inspect String.split("a,b,c", pattern)
IO.inspect :binary.split("a,b,c", pattern, [:global])
IO.inspect :binary.match("a,b,c", pattern)
IO.inspect :binary.matches("a,b,c", pattern)
IO.inspect :binary.replace("a,b,c", pattern, ";", [:global])
IO.inspect is_tuple(pattern) and elem(pattern, 0) == :bm
IO.inspect elem(:binary.compile_pattern(["a", "b"]), 0)
Show.try(fn -> :binary.compile_pattern("") end)
Show.try(fn -> :binary.compile_pattern([]) end)
IO.inspect :binary.list_to_bin([1, "ab", [3]])

IO.puts "-- Code.fetch_docs"
IO.inspect Code.fetch_docs(ModuleNotGood)
IO.inspect Code.fetch_docs(Show)
{:docs_v1, _, :elixir, format, %{"en" => module_doc}, _, docs} = Code.fetch_docs(Node)
IO.inspect format
IO.inspect module_doc |> String.split("\n") |> Enum.at(0)
{{:function, :alive?, 0}, _anno, signature, %{"en" => doc}, _meta} = List.keyfind(docs, {:function, :alive?, 0}, 0)
IO.inspect {signature, doc}
{{:function, :self, 0}, _anno, signature, %{"en" => doc}, _meta} = List.keyfind(docs, {:function, :self, 0}, 0)
IO.inspect {signature, doc}

IO.puts "-- Access.at!"
list = [:a, :b, :c]
IO.inspect get_in(list, [Access.at!(2)])
IO.inspect get_in(list, [Access.at!(-1)])
IO.inspect pop_in([1, 2], [Access.at!(0)])
IO.inspect update_in([[1], [2, 3]], [Access.at!(1), Access.at!(0)], &(&1 * 10))
Show.try(fn -> get_in(list, [Access.at!(3)]) end)
Show.try(fn -> get_and_update_in([1], [Access.at!(3)], &{&1, 2}) end)
Show.try(fn -> get_in(%{}, [Access.at!(1)]) end)

IO.puts "-- List.myers_difference, String.myers_difference, String.bag_distance"
IO.inspect List.myers_difference([1, 4, 2, 3], [1, 2, 3, 4])
IO.inspect List.myers_difference([], [])
IO.inspect List.myers_difference([1, 2, 3], [3, 2, 1])
IO.inspect List.myers_difference([3, 0], [0, 3, 3, 0])
IO.inspect List.myers_difference(["a", "db", "c"], ["a", "bc"], &String.myers_difference/2)
IO.inspect String.myers_difference("abc", "adc")
IO.inspect String.myers_difference("héllo wörld", "hello world!")
# pseudo-random lists (a fixed LCG): the same shortest script as Elixir's
lcg = fn x -> rem(x * 1103515245 + 12345, 2147483648) end
{_, cases} = Enum.reduce(1..80, {42, []}, fn _, {seed, acc} ->
  {l1, seed} = Enum.map_reduce(1..rem(seed, 9), seed, fn _, s -> s = lcg.(s); {rem(div(s, 65536), 4), s} end)
  seed = lcg.(seed)
  {l2, seed} = Enum.map_reduce(1..rem(div(seed, 7), 9), seed, fn _, s -> s = lcg.(s); {rem(div(s, 65536), 4), s} end)
  {lcg.(seed), [{l1, l2} | acc]}
end)
for {l1, l2} <- Enum.reverse(cases), do: IO.puts(inspect(List.myers_difference(l1, l2), width: 1000))
near = fn a, b -> if abs(a - b) == 1, do: {a, b}, else: nil end
for {l1, l2} <- Enum.take(cases, 20), do: IO.puts(inspect(List.myers_difference(l1, l2, near), width: 1000))
for {a, b} <- [{"abc", ""}, {"", "abc"}, {"abcd", "a"}, {"abcd", "ab"}, {"abcd", "abc"}, {"abcd", "abcd"}, {"élan", "lane"}, {"aab", "abb"}] do
  IO.inspect String.bag_distance(a, b)
end
