defmodule Gen do
  defmacro make_fun(name, value) do
    quote do
      def unquote(name)(), do: unquote(value)
    end
  end
  defmacro make_funs(names) do
    for n <- names do
      quote do: def unquote(n)(x), do: {unquote(n), x}
    end
  end
end
defmodule User do
  require Gen
  Gen.make_fun(:hello, "world")
  Gen.make_funs([:a, :b])
  @doc "plain"
  def plain, do: :plain
end
IO.inspect {User.hello(), User.a(1), User.b(2), User.plain()}
IO.inspect User.__info__(:functions)
