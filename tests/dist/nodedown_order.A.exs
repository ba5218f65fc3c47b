# Node A: processes B monitors and links to; A halts when B says so.
for name <- [:t1, :t2, :t3] do
  pid = spawn(fn -> receive do :never -> :ok end end)
  Process.register(pid, name)
end
Process.register(self(), :main)
IO.puts("READY")
receive do
  :halt -> :erlang.halt(0)
end
