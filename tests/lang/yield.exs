# :erlang.yield/0 lets the processes ready to run go first (what iex does
# while it inspects a result, on other schedulers)
spawn(fn -> IO.puts("spawned") end)
:erlang.yield()
IO.puts("after")
IO.inspect(:erlang.yield())
