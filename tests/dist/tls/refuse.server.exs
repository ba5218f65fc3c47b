# The TLS node that is connected to: waits to be stopped.
IO.puts("READY")
receive do
  :stop -> :ok
after
  60_000 -> IO.puts("never stopped")
end
