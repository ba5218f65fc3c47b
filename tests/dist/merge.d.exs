# Node d: in a's cluster; its clash_rpc loses (d > b) and is killed here.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
Process.register(self(), :main)
true = Node.connect(a)
:global.sync()
owner = spawn(fn -> receive do :stop -> :ok end end)
ref = Process.monitor(owner)
IO.inspect(:global.register_name(:clash_rpc, owner), label: "d register clash_rpc")
only = spawn(fn -> receive do :stop -> :ok end end)
IO.inspect(:global.register_name(:only_ad, only), label: "d register only_ad")
IO.inspect(:lists.sort(:global.registered_names()), label: "d registered_names")
IO.puts("READY")
receive do
  {:DOWN, ^ref, :process, _, reason} ->
    # the conflict's log line was sent before the kill: print it first
    Logger.flush()
    IO.inspect(reason, label: "d clash_rpc owner down")
end
receive do
  {:step, :halt, from} -> send(from, :ok)
end
