# Node B: :rpc functions that go through the rex server of A.
defmodule Adder do
  def loop() do
    receive do
      {from, {:add, x, y}} -> send(from, {:adder, node(), x + y})
    end
    loop()
  end
end

[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
bad = :erlang.binary_to_atom("nobody@" <> host)
b = node()
true = Node.connect(a)
Process.register(spawn(&Adder.loop/0), :adder)
IO.inspect(:rpc.block_call(a, :erlang, :node, []) == a, label: "block_call node")
IO.inspect(:rpc.block_call(a, :erlang, :+, [1, 2], 5000), label: "block_call/5")
IO.inspect(:rpc.block_call(a, :erlang, :error, [:boom]), label: "block_call error")
IO.inspect(:rpc.block_call(a, :erlang, :throw, [:ball]), label: "block_call throw")
IO.inspect(:rpc.block_call(a, :erlang, :exit, [:bye]), label: "block_call exit")
IO.inspect(:rpc.block_call(a, :timer, :sleep, [500], 50), label: "block_call timeout")
IO.inspect(:rpc.block_call(bad, :erlang, :node, []), label: "block_call bad node")
IO.inspect(:rpc.server_call(a, :adder, :adder, {:add, 1, 2}), label: "server_call")
IO.inspect(:rpc.server_call(bad, :adder, :adder, {:add, 1, 2}), label: "server_call bad node")
IO.inspect(:rpc.server_call(a, :nobody_here, :adder, {:add, 1, 2}), label: "server_call no server")
IO.inspect(:rpc.multi_server_call([b, a, bad], :adder, {:add, 2, 3}), label: "multi_server_call")
IO.inspect(:rpc.multi_server_call(:adder, {:add, 2, 3}), label: "multi_server_call/2")
IO.inspect(:rpc.sbcast([a, bad], :main, :sbcast_hello), label: "sbcast")
IO.inspect(:rpc.sbcast([a], :nobody_here, :hello), label: "sbcast no such name")
IO.inspect(:rpc.abcast([a, bad], :nobody_here, :hello), label: "abcast")
Process.register(self(), :main)
IO.inspect(:rpc.eval_everywhere([a, b], :erlang, :send, [{:main, b}, :everywhere]), label: "eval_everywhere")
for _ <- 1..2 do
  receive do
    :everywhere -> IO.puts("evaluated")
  end
end
send({:main, a}, {:done, self()})
receive do
  :ok -> :ok
end
