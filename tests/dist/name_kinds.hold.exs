# A node waiting to be connected to (the test ends it).
IO.puts("READY")
receive do
  :halt -> :ok
end
