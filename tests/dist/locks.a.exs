# :global locks across nodes: a takes {:res, a} on every node; b cannot
# take the resource meanwhile (set_lock with no retries, trans), can take
# others, and can once a lets go.
Process.register(self(), :main)
IO.puts("READY")
receive do
  {:step, :lock, from} ->
    IO.inspect(:global.set_lock({:res, self()}), label: "a set_lock")
    send(from, :ok)
end
receive do
  {:step, :unlock, from} ->
    IO.inspect(:global.del_lock({:res, self()}), label: "a del_lock")
    send(from, :ok)
end
receive do
  {:step, :halt, from} -> send(from, :ok)
end
