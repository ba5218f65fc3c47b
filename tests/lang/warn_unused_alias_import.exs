# Unused aliases and imports, in a module and at the top level of a script;
# used ones stay quiet.
defmodule WarnAliases do
  alias String.Chars
  alias Enum.EmptyError, as: Empty
  alias Foo.Bar
  alias Map.Used
  import List
  import Enum, only: [map: 2]
  import Integer

  def f(x), do: map(x, &(&1 + 1))
  def g, do: Used
  def h, do: is_even(2)
end

alias Top.Unused
import String
IO.inspect(WarnAliases.f([1, 2]))
IO.inspect(WarnAliases.g())
# Code.eval_string: its top-level aliases and imports are not warned about,
# a module's are, with the module's other warnings
Code.eval_string("alias Foo.Evaluated\nimport Bitwise\n:ok")
Code.eval_string("defmodule WarnAliasesEval do\nalias Foo.Baz\ndef f, do: Map.size(%{})\nend")
IO.puts("end")
