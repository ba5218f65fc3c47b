# Node A: nothing but a registered process to say goodbye to.
Process.register(self(), :main)
IO.puts("READY")
receive do
  {:done, from} -> send(from, :ok)
end
