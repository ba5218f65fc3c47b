# Names vanish everywhere when their process ends or their node goes down.
# Node a: owns :on_a, and ends its process when c says so.
Process.register(self(), :main)
owner = spawn(fn -> receive do :stop -> :ok end end)
IO.inspect(:global.register_name(:on_a, owner), label: "a register on_a")
IO.puts("READY")
receive do
  {:step, :stop_owner, from} ->
    send(owner, :stop)
    send(from, :ok)
end
receive do
  {:step, :halt, from} -> send(from, :ok)
end
