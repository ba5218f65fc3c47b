defmodule MyBase do
  defmacro __using__(opts) do
    greeting = Keyword.get(opts, :greeting, "hi")
    quote do
      use GenServer
      @greeting unquote(greeting)
      def greet, do: @greeting
      def start_link(x), do: GenServer.start_link(__MODULE__, x)
      def handle_call(:get, _from, s), do: {:reply, s, s}
      defoverridable greet: 0
    end
  end
end
defmodule S do
  use MyBase, greeting: "hello"
  def init(x), do: {:ok, x}
end
{:ok, pid} = S.start_link(5)
IO.inspect GenServer.call(pid, :get)
IO.inspect S.greet()
defmodule Assert do
  defmacro assert({op, _, [left, right]} = expr) do
    code = Macro.to_string(expr)
    quote do
      l = unquote(left)
      r = unquote(right)
      if Kernel.unquote(op)(l, r), do: :ok, else: {:failed, unquote(code), l, r}
    end
  end
end
defmodule T do
  import Assert
  def run do
    [assert(1 + 1 == 2), assert(2 * 3 > 7), assert("a" <> "b" == "ab")]
  end
end
IO.inspect T.run()
defmodule Timer2 do
  defmacro time(do: block) do
    quote do
      t0 = System.monotonic_time()
      result = unquote(block)
      {result, System.monotonic_time() - t0 >= 0}
    end
  end
end
defmodule UseTimer do
  require Timer2
  def f, do: Timer2.time(do: Enum.sum(1..100))
  def g do
    Timer2.time do
      x = 10
      x * x
    end
  end
end
IO.inspect {UseTimer.f(), UseTimer.g()}
defmodule S2 do
  use MyBase
  def init(x), do: {:ok, x}
  def greet, do: "overridden"
end
IO.inspect S2.greet()
