# Node A, whose cookie B does not have: it refuses B and logs why.
Process.register(self(), :main)
IO.puts("READY")
receive do
  :never -> :ok
after
  3000 -> IO.inspect(Node.list(), label: "A nodes")
end
