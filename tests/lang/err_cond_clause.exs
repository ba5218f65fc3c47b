# Uncaught CondClauseError.
check = fn n ->
  cond do
    n > 10 -> :big
    n > 5 -> :medium
  end
end
IO.inspect(check.(20), label: "matched")
check.(1)
IO.puts("never printed")
