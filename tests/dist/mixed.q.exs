# Node q: joins p.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
p = :erlang.binary_to_atom("p@" <> host)
Process.register(self(), :main)
IO.inspect(Node.connect(p), label: "q Node.connect p")
:global.sync()
IO.inspect(:lists.sort(:global.registered_names()), label: "q registered_names")
owner = spawn(fn -> receive do :stop -> :ok end end)
IO.inspect(:global.register_name(:on_q, owner), label: "q register on_q")
IO.puts("READY")
receive do
  {:step, :stop_owner, from} ->
    send(owner, :stop)
    send(from, :ok)
end
receive do
  {:step, :halt, from} -> send(from, :ok)
end
