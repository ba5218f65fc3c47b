# Node b: starts the other cluster; its clash_rpc wins.
Process.register(self(), :main)
owner = spawn(fn -> receive do :stop -> :ok end end)
IO.inspect(:global.register_name(:clash_rpc, owner), label: "b register clash_rpc")
IO.puts("READY")
receive do
  {:step, :halt, from} -> send(from, :ok)
end
