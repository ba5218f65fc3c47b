# Node A: a live process whose pid B questions; A halts when B says so.
pid = spawn(fn -> receive do :never -> :ok end end)
Process.register(pid, :target)
Process.register(self(), :main)
IO.puts("READY")
receive do
  :halt -> :erlang.halt(0)
end
