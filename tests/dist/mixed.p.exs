# One cluster of four nodes, two of each kind (p and r one kind, q and s
# the other): names registered on any node resolve on every node, all
# agree on registered_names, a name goes everywhere with its process or
# its node, and joining through either kind connects to all.
Process.register(self(), :main)
owner = spawn(fn -> receive do :stop -> :ok end end)
IO.inspect(:global.register_name(:on_p, owner), label: "p register on_p")
IO.puts("READY")
receive do
  {:step, :halt, from} -> send(from, :ok)
end
