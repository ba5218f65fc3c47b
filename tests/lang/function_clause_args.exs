# FunctionClauseError: the stack entry carries the arguments, and blame shows them
defmodule M1 do
  def f(1), do: 1
  def g(a, b) when a > b, do: a
  def nested(x), do: Enum.map([x], fn y -> (fn 1 -> y end).(y) end)
end

try do
  M1.f(2)
rescue
  e ->
    [{m, f, args, _} | _] = __STACKTRACE__
    IO.inspect({m, f, args})
    {blamed, _} = Exception.blame(:error, e, __STACKTRACE__)
    IO.inspect(Exception.message(blamed))
end

try do
  M1.g(1, [2])
rescue
  e ->
    [{m, f, args, _} | _] = __STACKTRACE__
    IO.inspect({m, f, args})
    IO.puts(Exception.message(e))
end

try do
  M1.nested(5)
rescue
  e ->
    [{m, f, args, _} | _] = __STACKTRACE__
    IO.inspect({m, f, args})
    IO.puts(Exception.message(e))
end

try do
  String.upcase(1)
rescue
  _ ->
    [{m, f, args, _} | _] = __STACKTRACE__
    IO.inspect({m, f, args})
end
