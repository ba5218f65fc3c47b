# Uncaught ArithmeticError from 1 / 0 (the zero comes from a call, so no
# compile-time warning).
defmodule Zero do
  def zero, do: 0
end
IO.puts("dividing")
IO.puts(1 / Zero.zero())
IO.puts("never printed")
