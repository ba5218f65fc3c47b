IO.inspect(quote(do: foo(x, 1 + 2)), width: :infinity)
x = 5
IO.inspect(quote(do: unquote(x) + y), width: :infinity)
IO.inspect(quote(do: Foo.bar(1)), width: :infinity)
IO.inspect(quote(do: (a = 1; b)), width: :infinity)
IO.inspect(quote(do: if(a, do: b, else: c)), width: :infinity)
IO.inspect(quote(do: [1, unquote_splicing([2,3]), 4]), width: :infinity)
IO.inspect(quote(do: %{a: 1}), width: :infinity)
IO.inspect(quote(do: {1, 2, 3}), width: :infinity)
IO.inspect(quote(do: fn x -> x end), width: :infinity)
IO.inspect(quote(do: &(&1 + 1)), width: :infinity)
IO.inspect(quote(do: String.upcase("a") |> IO.puts), width: :infinity)
IO.inspect(quote(bind_quoted: [x: x], do: x + 1), width: :infinity)
IO.inspect(quote(location: :keep, do: foo(1)), width: :infinity)
IO.inspect(quote(context: Foo, do: x), width: :infinity)
IO.inspect(quote(unquote: false, do: unquote(x)), width: :infinity)
IO.inspect(quote(do: "a#{x}b"), width: :infinity)
IO.inspect(quote(do: @foo), width: :infinity)
IO.inspect(quote(do: length([1])), width: :infinity)
IO.inspect(quote(do: self()), width: :infinity)
IO.inspect(quote(do: is_atom(x) and not y), width: :infinity)
IO.inspect(quote(do: case x do 1 -> :a end), width: :infinity)
IO.inspect(quote(do: __MODULE__), width: :infinity)
IO.inspect(quote(do: 1..2), width: :infinity)
IO.inspect(quote(do: x.y), width: :infinity)
defmodule Q do
  def q, do: quote(do: foo(x))
  alias String, as: S
  def a, do: quote(do: S.upcase(Enum.x))
end
IO.inspect(Q.q, width: :infinity)
IO.inspect(Q.a, width: :infinity)
IO.inspect(__ENV__.module, width: :infinity)
IO.inspect(quote(do: unquote(:foo)(1)), width: :infinity)
IO.inspect(quote(do: Kernel.+(1,2)), width: :infinity)
# unquote_splicing in calls and lists, nested structures
args = [1, 2]
IO.inspect(quote(do: sum(unquote_splicing(args), 3)), width: :infinity)
IO.inspect(quote(do: [0, unquote_splicing(args)]), width: :infinity)
IO.inspect(quote(do: {unquote(args), %{k: unquote(:v)}}), width: :infinity)
name = :hello
IO.inspect(quote(do: unquote(name)(1)), width: :infinity)
IO.inspect(quote(do: Mod.unquote(name)(1)), width: :infinity)
IO.inspect(quote do
  def f(unquote(name)), do: unquote(name)
end, width: :infinity)
# quote inside a module and with line:
defmodule Q2 do
  def q(v), do: quote(do: f(unquote(v), y))
end
IO.inspect(Q2.q(7), width: :infinity)
IO.inspect(quote(line: 10, do: sample()), width: :infinity)
IO.inspect(Code.eval_quoted(quote(do: 1 + 2 * 3)), width: :infinity)
IO.inspect(Code.eval_quoted(quote(do: x = 1)), width: :infinity)
IO.inspect(Code.eval_quoted({:+, [], [{:a, [], nil}, 1]}, [a: 41]), width: :infinity)
IO.inspect(Code.eval_quoted({:=, [], [{:y, [], nil}, 1]}, [a: 41]), width: :infinity)
IO.inspect(Code.eval_quoted(quote(do: __ENV__.file), [], file: "x.exs"), width: :infinity)
ast = quote do
  a = 10
  a * unquote(args |> length)
end
IO.inspect(Code.eval_quoted(ast), width: :infinity)
IO.inspect(Code.string_to_quoted("a\n+b", line: 3), width: :infinity)
contents = quote(do: var!(a) + var!(b))
{result, binding} = Code.eval_quoted(contents, [a: 1, b: 2], file: __ENV__.file, line: __ENV__.line)
IO.inspect result
IO.inspect Enum.sort(binding)
{result, binding} = Code.eval_quoted(contents, [a: 1, b: 2], __ENV__)
IO.inspect result
IO.inspect Enum.sort(binding)
IO.inspect Code.eval_quoted(quote(do: var!(c) = 3), [])
IO.inspect Code.eval_quoted(quote(do: Enum.map([1, 2], &(&1 * unquote(10)))))
name = :hello2
IO.inspect(quote do
  def unquote(name)(x), do: x
end)
IO.inspect Macro.to_string(quote(do: def(unquote(name)(x), do: x)))
