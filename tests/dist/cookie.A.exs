# Node A, whose cookie B does not have at first: it refuses B and logs
# why; once B has the right cookie it connects and says it is done.
Process.register(self(), :main)
IO.puts("READY")
receive do
  {:done, from} ->
    # the refusal was logged during the first handshake, long before
    Logger.flush()
    IO.inspect(Node.list(), label: "A nodes")
    send(from, :ack)
end
