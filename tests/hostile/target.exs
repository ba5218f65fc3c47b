# The node under attack: it says READY and serves until the test ends it
# (or for a minute at most).
IO.puts("READY")
receive do
  :stop -> :ok
after
  60_000 -> :ok
end
