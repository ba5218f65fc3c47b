# Node A: two processes that never stop computing, on one scheduler
# (busy.A.erl: +S 1), beside an echo.  The node must still read its
# sockets while they run: accept B, answer its messages and its calls.
spin = fn spin, n -> spin.(spin, n + 1) end
busy = for _ <- 1..2, do: spawn(fn -> spin.(spin, 0) end)
Process.register(self(), :echo)
IO.puts("READY")
loop = fn loop ->
  receive do
    {:ping, from, n} ->
      send(from, {:pong, node(), n})
      loop.(loop)
    {:bye, from} ->
      IO.puts("A: bye from another node? #{node(from) != node()}")
      IO.puts("A: busy ones alive? #{Enum.all?(busy, &Process.alive?/1)}")
      Enum.each(busy, &Process.exit(&1, :kill))
      send(from, :bye)
  end
end
loop.(loop)
