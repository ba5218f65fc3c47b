env = __ENV__
IO.inspect {env.module, env.function, env.line, env.context}
IO.inspect Path.basename(env.file)
IO.inspect is_struct(env, Macro.Env)
IO.inspect __MODULE__
IO.inspect {Path.basename(__DIR__), File.cwd!() == __DIR__}
defmodule Outer.Inner do
  alias String, as: S
  require Integer
  def where, do: {__MODULE__, __ENV__.function, __ENV__.line}
  def aliases, do: __ENV__.aliases
  def required?, do: Integer in __ENV__.requires
  def in_fn, do: (fn -> __ENV__.function end).()
  def s, do: S.upcase("ok")
end
IO.inspect Outer.Inner.where()
IO.inspect Outer.Inner.aliases()
IO.inspect Outer.Inner.required?()
IO.inspect Outer.Inner.in_fn()
IO.inspect Outer.Inner.s()
defmodule Where do
  defmacro here do
    {__CALLER__.module, __CALLER__.function, __CALLER__.line, Path.basename(__CALLER__.file)}
    |> Macro.escape()
  end
end
defmodule UseWhere do
  require Where
  def f(_x), do: Where.here()
end
IO.inspect UseWhere.f(1)
IO.inspect Macro.expand_once(quote(do: unless(a, do: b)), __ENV__), width: :infinity
IO.inspect Macro.expand_once(quote(do: x |> f(1)), __ENV__), width: :infinity
IO.inspect Macro.expand_once(quote(do: __MODULE__), __ENV__), width: :infinity
IO.inspect Macro.expand_once(quote(do: String), __ENV__), width: :infinity
IO.inspect Macro.expand(quote(do: x |> f(1) |> g()), __ENV__) |> Macro.to_string()
defmodule InMacro do
  defmacro m, do: Macro.escape(__ENV__.function)
  def f, do: m()
end
IO.inspect InMacro.f()
