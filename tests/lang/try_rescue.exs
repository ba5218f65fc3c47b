# try/rescue/catch/else/after: which clause runs, values, ordering of after.
r = try do
  raise "boom"
rescue
  e in RuntimeError -> {:rescued, e.message}
end
IO.inspect(r, label: "rescue RuntimeError")
r = try do
  :no_error
rescue
  _ -> :rescued
else
  :no_error -> :else_ran
end
IO.inspect(r, label: "else on success")
r = try do
  {:ok, 1}
after
  IO.puts("after runs on success")
end
IO.inspect(r, label: "after does not change value")
r = try do
  raise ArgumentError, "bad"
rescue
  RuntimeError -> :wrong
  e in [ArgumentError, KeyError] -> {:list_match, e.__struct__}
after
  IO.puts("after runs on rescue")
end
IO.inspect(r, label: "rescue with list")
r = try do
  Map.fetch!(%{}, :missing)
rescue
  e -> {e.__struct__, Exception.message(e)}
end
IO.inspect(r, label: "catch-all rescue")
r = try do
  String.to_integer("nope")
rescue
  ArgumentError -> :argument_error
end
IO.inspect(r, label: "rescue by module only")
r = try do
  :erlang.error(:badarg)
rescue
  e -> {e.__struct__, Exception.message(e)}
end
IO.inspect(r, label: "erlang badarg normalised")
r = try do
  :erlang.error({:custom, 1})
rescue
  e in ErlangError -> e.original
end
IO.inspect(r, label: "ErlangError original")
r = try do
  throw(:ball)
catch
  :ball -> :caught_throw
end
IO.inspect(r, label: "catch throw value")
r = try do
  exit(:shutdown)
catch
  :exit, reason -> {:caught_exit, reason}
end
IO.inspect(r, label: "catch exit")
r = try do
  raise "x"
catch
  kind, value -> {kind, value.__struct__}
end
IO.inspect(r, label: "catch error kind")
