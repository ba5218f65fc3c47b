# Uncaught exit(:bye) in the main script process.
IO.puts("about to exit")
exit(:bye)
IO.puts("never printed")
