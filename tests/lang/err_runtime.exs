# Uncaught RuntimeError from raise/1: stderr banner and exit code 1.
IO.puts("before raise")
defmodule Boom do
  def go(msg), do: raise(msg)
end
Boom.go("something went wrong")
IO.puts("never printed")
