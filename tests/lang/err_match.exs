# Uncaught MatchError.
IO.puts("before match")
value = Enum.at([{:error, :enoent}], 0)
{:ok, _} = value
IO.puts("never printed")
