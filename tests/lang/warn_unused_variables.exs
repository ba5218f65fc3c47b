# Unused variables: in fn heads, case clauses, def heads, matches; a
# variable that shadows one of the context; an underscored variable that is
# read; the top level of a script.  Warnings go to stderr.
defmodule WarnVars do
  def head(a, b), do: a

  def match(x) do
    y = x * 2
    x
  end

  def clauses(x) do
    case x do
      {first, second} -> first
      other -> fn unused -> other end
    end
  end

  def shadow(x) do
    case 1 do
      x -> :shadowed
    end
  end

  def rebound(x) do
    x = 2
    x
  end

  def in_fn(x) do
    y = 1
    f = fn -> y = 2 end
    f.()
    x
  end

  def underscored(_value), do: _value

  def repeated({x, x}), do: :same
  def repeated(_), do: :different

  def pinned(x, list), do: Enum.filter(list, fn ^x -> true; _ -> false end)

  def if_branch(x) do
    if x, do: z = 1
    :ok
  end

  def multi(0, b), do: :zero
  def multi(a, _b), do: a
end

IO.inspect(WarnVars.head(1, 2))
IO.inspect(WarnVars.match(3))
IO.inspect(WarnVars.clauses({1, 2}))
IO.inspect(WarnVars.shadow(5))
IO.inspect(WarnVars.rebound(5))
IO.inspect(WarnVars.in_fn(5))
IO.inspect(WarnVars.underscored(7))
IO.inspect(WarnVars.repeated({1, 1}))
IO.inspect(WarnVars.repeated({1, 2}))
IO.inspect(WarnVars.pinned(2, [1, 2, 3, 2]))
IO.inspect(WarnVars.if_branch(true))
IO.inspect(WarnVars.multi(0, 1))

top = 1
g = fn unused_arg -> :ignored end
IO.inspect(g.(0))
{left, right} = {1, 2}
IO.inspect(left)
