# Node r: joins q only, and so meets p through q's kind.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
p = :erlang.binary_to_atom("p@" <> host)
q = :erlang.binary_to_atom("q@" <> host)
Process.register(self(), :main)
:net_kernel.monitor_nodes(true)
IO.inspect(Node.connect(q), label: "r Node.connect q")
:global.sync()
wait_nodes = fn wait ->
  case length(Node.list()) >= 2 do
    true -> :ok
    false ->
      receive do
        {:nodeup, _} -> wait.(wait)
      after
        10_000 -> IO.puts("timeout waiting for the cluster")
      end
  end
end
wait_nodes.(wait_nodes)
:net_kernel.monitor_nodes(false)
IO.inspect(Node.list() == [q, p], label: "r Node.list is [q, p]")
IO.inspect(:lists.sort(:global.registered_names()), label: "r registered_names")
owner = spawn(fn -> receive do :stop -> :ok end end)
IO.inspect(:global.register_name(:on_r, owner), label: "r register on_r")
IO.puts("READY")
receive do
  {:step, :halt, _from} -> :erlang.halt(0)
end
