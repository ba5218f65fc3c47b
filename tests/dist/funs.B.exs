# Node B: funs made by evaluation (as typed at an iex prompt) run on A and
# come back; Code.eval_string makes them the way iex does on either kind.
# A fun of a module A does not have fails there as the BEAM fails.
defmodule OnlyOnB do
  def fun, do: fn x -> x + 1 end
end

Code.eval_string(~S"""
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
# the first contact is a fun, to a node not connected yet: it leaves once
# the connection is up and the node's erl_eval layout known
me = self()
z = 7
Node.spawn(a, fn -> send(me, {:first_contact, node() == a, z}) end)
receive do {:first_contact, v, w} -> IO.inspect({v, w}, label: "Node.spawn as the first contact") end
true = Node.connect(a)
:global.sync()
ag = {:global, :agent1}
IO.inspect(Agent.get(ag, fn x -> x end), label: "get")
y = 10
IO.inspect(Agent.get(ag, fn x -> x + y end), label: "closure")
IO.inspect(Agent.update(ag, fn x -> x + 1 end), label: "update")
IO.inspect(Agent.get(ag, & &1), label: "capture")
IO.inspect(Agent.get(ag, &Integer.to_string/1), label: "remote capture")
IO.inspect(Agent.get(ag, fn x -> "v=#{x} " <> inspect({x, y}) end), label: "interpolation")
IO.inspect(Agent.get(ag, fn x -> Enum.map([1, 2, 3], fn z -> z * x end) end), label: "nested fn")
IO.inspect(Agent.get(ag, fn x -> x |> Integer.to_string() |> String.length() end), label: "pipe")
IO.inspect(Agent.get(ag, fn x when is_integer(x) and x > 100 -> :big; x when is_integer(x) -> {:small, x} end), label: "guards")
IO.inspect(Agent.get(ag, fn x -> case rem(x, 2) do 0 -> :even; _ -> :odd end end), label: "case")
IO.inspect(Agent.get(ag, fn x -> cond do x > 100 -> :a; x > 10 -> :b; true -> :c end end), label: "cond")
IO.inspect(Agent.get(ag, fn x -> if x > 1, do: :gt, else: :le end), label: "if")
IO.inspect(Agent.get(ag, fn x -> with {:ok, v} <- {:ok, x}, true <- v > 100 do v else other -> {:else, other} end end), label: "with")
IO.inspect(Agent.get(ag, fn x -> for i <- 1..4, rem(i, 2) == 0, do: i * x end), label: "for")
IO.inspect(Agent.get(ag, fn x -> for i <- 1..3, j <- [10], reduce: x do acc when acc > 0 -> acc + i * j end end), label: "for reduce")
IO.inspect(Agent.get(ag, fn x -> try do try do raise "in" rescue e -> reraise e, __STACKTRACE__ end rescue e -> {e.message, x} end end), label: "reraise")
IO.inspect(Agent.get(ag, fn x -> try do raise ArgumentError, "no" rescue e in ArgumentError -> {:rescued, e.message, x} end end), label: "rescue")
IO.inspect(Agent.get(ag, fn x -> try do throw(x) catch :throw, v -> {:caught, v} after :ok end end), label: "catch")
IO.inspect(Agent.get(ag, fn x -> <<x, 1::16, "ab">> end), label: "binary")
IO.inspect(Agent.get(ag, fn x -> <<h, rest::binary>> = "hello"; {h, rest, x} end), label: "binary match")
IO.inspect(Agent.get(ag, fn x -> %{a: x, b: [x | [1]]} |> Map.put(:c, 3) end), label: "map")
IO.inspect(Agent.get(ag, fn x -> m = %{k: x}; {m.k, %{m | k: 0}} end), label: "map field")
IO.inspect(Agent.get(ag, fn x -> r = 1..x; {Range.size(r), x in r} end), label: "range")
IO.inspect(Agent.get(ag, fn x -> [h | t] = [x, x + 1]; {h, t, !h, h && :yes, nil || :no} end), label: "lists and truthiness")
IO.inspect(Agent.get(ag, fn x -> ^y = 10; {y, x} end), label: "pin")
IO.inspect(Agent.get(ag, fn x -> {~w(a b)a, ~w(c d), ~c(hi), ~S(no\escape), ~s(v#{x}\t), ~c(c#{x}), x} end), label: "sigils")
IO.inspect(Agent.get(ag, fn x -> Enum.reduce([1, 2, 3], x, &(&1 + &2)) end), label: "capture with two args")
Node.spawn(a, fn -> send(me, {:spawned, node() == a}) end)
receive do {:spawned, v} -> IO.inspect(v, label: "Node.spawn") end
IO.inspect(:erpc.call(a, fn -> node() == a end), label: "erpc.call")
IO.inspect(Task.Supervisor.async({:tasks, a}, fn -> {node() == a, y} end) |> Task.await(), label: "Task.Supervisor.async")
IO.inspect(:erpc.multicall([a, node()], fn -> y + 1 end), label: "erpc.multicall")
IO.inspect(:rpc.call(a, :erlang, :apply, [fn -> y * 2 end, []]), label: "rpc.call apply")
send({:main, a}, {:run, self(), fn n -> n * 3 end, 14})
receive do {:ran, v} -> IO.inspect(v, label: "fun in a message") end
f = fn x -> x * y end
send({:main, a}, {:echo, self(), f})
receive do {:echo, g} -> IO.inspect({g == f, g === f, g.(2)}, label: "round trip") end
IO.inspect(:erpc.call(a, fn -> f end) == f, label: "erpc round trip")
IO.inspect(:erpc.call(a, fn -> f.(3) end), label: "closure over a fun")
r = try do :erpc.call(a, fn -> raise "boom" end) catch :error, {:exception, reason, _stack} -> {:exception, reason} end
IO.inspect(r, label: "remote raise")
send({:main, a}, {:try, self(), OnlyOnB.fun(), 1})
receive do {:tried, v} -> IO.inspect(v, label: "fun of a module A lacks") end
send({:main, a}, {:done, self()})
receive do {:final, v} -> IO.inspect(v, label: "A sees") end
""")
