# Node A: reachable as {:echo, a@HOST}; answers pings until B says goodbye.
Process.register(self(), :echo)
IO.puts("READY")
defmodule Echo do
  def loop do
    receive do
      {:ping, from, n} ->
        send(from, {:pong, node(), n})
        loop()
      {:bye, from} ->
        IO.puts("A sees #{inspect(Node.list())}")
        IO.puts("A: remote pid? #{node(from) != node()}")
        send(from, :bye)
    end
  end
end
Echo.loop()
