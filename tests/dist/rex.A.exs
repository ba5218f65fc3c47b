# Node A: a server that answers {from, msg} with {:adder, node, reply},
# for B's calls through rex.
defmodule Adder do
  def loop() do
    receive do
      {from, {:add, x, y}} -> send(from, {:adder, node(), x + y})
    end
    loop()
  end
end

Process.register(self(), :main)
Process.register(spawn(&Adder.loop/0), :adder)
IO.puts("READY")
receive do
  {:done, from} ->
    receive do
      :sbcast_hello -> IO.puts("sbcast reached A")
    end
    send(from, :ok)
end
