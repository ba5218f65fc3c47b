# Registration races: a and b register the same ten names at the same
# moment; for each name exactly one of them wins, and every node agrees on
# the winner.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
b = :erlang.binary_to_atom("b@" <> host)
nodes = [a, b, node()]
true = Node.connect(a)
true = Node.connect(b)
:global.sync()
names = [:r1, :r2, :r3, :r4, :r5, :r6, :r7, :r8, :r9, :r10]
send({:main, a}, {:go, names, self()})
send({:main, b}, {:go, names, self()})
results =
  for _ <- [a, b] do
    receive do
      {:results, _node, results} -> results
    end
  end
all = for r <- results, x <- r, do: x
# for each name, the pids whose registration got :yes
winners = for name <- names, do: {name, for({^name, :yes, pid} <- all, do: pid)}
IO.inspect(for({_, pids} <- winners, do: length(pids)), label: "winners per name")
# every node answers whereis_name with the winner
agree =
  for {name, [winner]} <- winners, node <- nodes do
    :rpc.call(node, :global, :whereis_name, [name]) == winner
  end
IO.inspect(not :lists.member(false, agree), label: "whereis_name is the winner on every node")
for {label, node} <- [{"a", a}, {"b", b}, {"c", node()}] do
  names_there = :lists.sort(:rpc.call(node, :global, :registered_names, []))
  IO.inspect(names_there == :lists.sort(names), label: "registered_names on " <> label)
end
for node <- [a, b] do
  send({:main, node}, {:step, :halt, self()})
  receive do
    :ok -> :ok
  end
end
