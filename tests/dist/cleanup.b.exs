# Node b: owns :on_b and :killed; its node goes down when c says so.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
Process.register(self(), :main)
true = Node.connect(a)
:global.sync()
owner = spawn(fn -> receive do :stop -> :ok end end)
IO.inspect(:global.register_name(:on_b, owner), label: "b register on_b")
victim = spawn(fn -> receive do :stop -> :ok end end)
IO.inspect(:global.register_name(:killed, victim), label: "b register killed")
IO.puts("READY")
receive do
  {:step, :kill_victim, from} ->
    Process.exit(victim, :kill)
    send(from, :ok)
end
receive do
  {:step, :halt, _from} -> :erlang.halt(0)
end
