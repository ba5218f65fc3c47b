# Node A: waits while B calls into it, then reports B's calls seen.
Process.register(self(), :main)
IO.puts("READY")
receive do
  {:done, from} -> send(from, :ok)
end
