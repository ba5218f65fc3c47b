# Node B: Node.list/1 with each kind and lists of kinds, before, while and
# after being connected to A, and its errors, as the BEAM answers.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
kinds = [:visible, :hidden, :connected, :this, :known]
IO.inspect(for(k <- kinds, do: {k, Node.list(k)}), label: "alone")
true = Node.connect(a)
IO.inspect(Node.list(), label: "list")
IO.inspect(for(k <- kinds, do: {k, Node.list(k)}), label: "connected")
for k <- [[:this, :visible], [:visible, :this], [:known, :this], [:this, :known], [:hidden, :visible, :this],
          [], [:this, :this], [:connected, :visible], [:hidden, :this]] do
  IO.inspect({k, Node.list(k)})
end
for k <- [:bogus, [:visible | :this], "x", [:bogus], [:this, :bogus]] do
  try do
    Node.list(k)
  rescue
    e -> IO.puts("#{inspect(k)}: #{Exception.message(e)}")
  end
end
send({:main, a}, {:query, self()})
receive do
  :done -> :ok
end
Node.monitor(a, true)
send({:main, a}, :halt)
receive do
  {:nodedown, ^a} -> :ok
end
IO.inspect(for(k <- kinds, do: {k, Node.list(k)}), label: "A gone")
