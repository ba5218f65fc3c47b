# Uncaught throw.
IO.puts("about to throw")
throw({:ball, [1, 2]})
IO.puts("never printed")
