# import and alias of modules defined earlier in the same file
defmodule Helpers do
  def twice(x), do: x * 2
  defp hidden, do: :hidden
  def call_hidden, do: hidden()
end

defmodule UsesImport do
  import Helpers, only: [twice: 1]
  def a, do: twice(5)
end

defmodule Deep.Nested.Helpers do
  def h, do: :h
end

defmodule Deep.Other do
  def o, do: :o
end

defmodule UsesAlias do
  alias Deep.{Nested.Helpers, Other}
  def go, do: {Helpers.h(), Other.o()}
end

defmodule UsesImportAll do
  import Helpers
  def b, do: {twice(21), call_hidden()}
end

IO.inspect(UsesImport.a())
IO.inspect(UsesAlias.go())
IO.inspect(UsesImportAll.b())
