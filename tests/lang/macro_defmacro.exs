defmodule M do
  defmacro twice(x), do: quote(do: unquote(x) * 2)
  defmacro my_unless(c, do: b) do
    quote do
      if unquote(c), do: nil, else: unquote(b)
    end
  end
  defmacro hyg do
    quote do
      a = 100
      a
    end
  end
  defmacro set_a(v) do
    quote do
      var!(a) = unquote(v)
    end
  end
  defmacro info do
    c = __CALLER__
    quote do: {unquote(c.module), unquote(Macro.escape(c.function)), unquote(c.line)}
  end
  defmacro only_ints(x) when is_integer(x), do: x + 1
  defmacro only_ints(x), do: quote(do: {:not_int, unquote(x)})
  defmacro square(x) do
    quote bind_quoted: [x: x] do
      x * x
    end
  end
  defmacro twice_twice(x), do: quote(do: M.twice(M.twice(unquote(x))))
  defmacrop secret, do: :secret
  def use_secret, do: secret()
  defmacro __using__(opts) do
    quote do
      def hello, do: {:hello, unquote(opts)}
      import M
    end
  end
end
defmodule N do
  require M
  def g, do: M.twice(21)
  def u(x), do: M.my_unless(x > 1, do: :small)
  def h do
    a = 1
    b = M.hyg()
    {a, b}
  end
  def s do
    M.set_a(7)
    a
  end
  def i, do: M.info()
  def ints, do: {M.only_ints(1), M.only_ints(:a)}
  def sq do
    send(self(), :tick)
    M.square(receive do :tick -> 3 end)
  end
  def tt, do: M.twice_twice(5)
end
IO.inspect N.g()
IO.inspect {N.u(0), N.u(5)}
IO.inspect N.h()
IO.inspect N.s()
IO.inspect N.i()
IO.inspect N.ints()
IO.inspect N.sq()
IO.inspect N.tt()
IO.inspect M.use_secret()
defmodule U do
  use M, 3
  def t, do: twice(5)
end
IO.inspect U.hello()
IO.inspect U.t()
defmodule I do
  import M, only: [twice: 1]
  def t(x), do: twice(x + 1)
end
IO.inspect I.t(1)
defmodule Aliased do
  alias M, as: Mac
  require Mac
  def t, do: Mac.twice(4)
end
IO.inspect Aliased.t()
IO.inspect M.__info__(:macros)
IO.inspect M.__info__(:functions)
IO.inspect macro_exported?(M, :twice, 1)
IO.inspect Macro.expand_once(quote(do: M.twice(3)), __ENV__)
defmodule Exp do
  require M
  def once, do: Macro.expand_once(quote(do: M.twice(3)), __ENV__)
  def full, do: Macro.expand(quote(do: M.twice_twice(1)), __ENV__) |> Macro.to_string()
end
IO.inspect Exp.once()
IO.inspect Exp.full()
defmodule P do
  def f, do: M.twice(2)
end
P.f()
