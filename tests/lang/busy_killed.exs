# Two processes that never stop computing, on two scheduler threads: one
# is killed while it runs (its :DOWN comes), and the script ends with the
# other still running (the node stops it and exits).
spin = fn spin, n -> spin.(spin, n + 1) end
a = spawn(fn -> spin.(spin, 0) end)
b = spawn(fn -> spin.(spin, 0) end)
Process.sleep(100)
r = Process.monitor(b)
Process.exit(b, :kill)
receive do {:DOWN, ^r, :process, _, reason} -> IO.inspect(reason) after 2000 -> IO.puts("timeout") end
IO.inspect Process.alive?(a)
:timer.sleep(20)
IO.puts "end"
