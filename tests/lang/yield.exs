# :erlang.yield/0 lets the processes ready to run go first (what iex does
# while it inspects a result, on other schedulers)
spawn(fn -> IO.puts("spawned") end)
:erlang.yield()
IO.puts("after")
IO.inspect(:erlang.yield())
# however it is called (a remote call, a fun, apply), yield lets a process
# spawned just before it run first: its message arrives before the
# yielder's own
parent = self()
order = fn yield ->
  spawn(fn -> send(parent, :spawned) end)
  yield.()
  send(parent, :after)
  Enum.map(1..2, fn _ -> receive do m -> m end end)
end
IO.inspect(order.(fn -> :erlang.yield() end), label: "remote call")
IO.inspect(order.(&:erlang.yield/0), label: "fun")
IO.inspect(order.(fn -> apply(:erlang, :yield, []) end), label: "apply")
defmodule YieldInModule do
  def run(parent) do
    spawn(fn -> send(parent, :spawned) end)
    :erlang.yield()
    send(parent, :after)
    Enum.map(1..2, fn _ -> receive do m -> m end end)
  end
end
IO.inspect(YieldInModule.run(self()), label: "module")
