# Node B: uses A's Agent with funs (closures travel between ciex nodes).
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
true = Node.connect(a)
y = 10
IO.inspect(Agent.get({:agent1, a}, fn x -> x + y end), label: "get with closure")
IO.inspect(Agent.update({:agent1, a}, fn x -> x + 1 end), label: "update")
IO.inspect(Agent.get({:agent1, a}, & &1), label: "get")
send({:main, a}, {:done, self()})
receive do
  {:final, v} -> IO.inspect(v, label: "A sees")
end
