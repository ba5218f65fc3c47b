# A name that is not a variable is expanded to a call, with a warning
# (also when the call exists); Code.eval_string warns the same way, and
# when there is no such function the compile error follows.
IO.inspect(is_pid(self))
IO.inspect(node)

defmodule WarnUndefined do
  def me, do: self
end

IO.inspect(is_pid(WarnUndefined.me()))

try do
  Code.eval_string("fn -> missing end")
rescue
  e -> IO.puts(Exception.message(e))
end

{value, _} = Code.eval_string("fn a -> 1 end\nx = 1\n_underscored = 2\n_underscored")
IO.inspect(value)
IO.inspect(elem(Code.eval_string("is_pid(self)"), 0))
