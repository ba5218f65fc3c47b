# Uncaught CaseClauseError.
classify = fn x ->
  case x do
    :a -> 1
    :b -> 2
  end
end
IO.inspect(classify.(:a), label: "matched")
classify.({:unexpected, "value"})
IO.puts("never printed")
