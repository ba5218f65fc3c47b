# exit(:normal) in the script stops it quietly with status 0.
IO.puts("about to exit normally")
exit(:normal)
IO.puts("never printed")
