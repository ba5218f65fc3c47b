# Two clusters, {a, d} and {b, c}, with names in common, merge when c
# connects to a.  global's default resolver (random_exit_name) keeps the
# process on the smaller node and kills the other.  a, the smaller node of
# the two that connect, resolves each clash where its own cluster's process
# lives: clash_local here, clash_rpc on d (through rpc).
Process.register(self(), :main)
owner = spawn(fn -> receive do :stop -> :ok end end)
IO.inspect(:global.register_name(:clash_local, owner), label: "a register clash_local")
IO.puts("READY")
receive do
  {:step, :halt, from} -> send(from, :ok)
end
