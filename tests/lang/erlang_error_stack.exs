# :erlang.error/1,2 raise in their caller; a failing BIF is the first stack entry
try do
  :erlang.error(:badarg)
rescue
  _ -> IO.inspect(match?([{:erlang, :error, _, _} | _], __STACKTRACE__) == false)
end
try do
  :erlang.error(:foo, [1, 2])
rescue
  e -> IO.inspect({e, match?([{:erlang, :error, _, _} | _], __STACKTRACE__)})
end
try do
  n = Enum.count([1]); :erlang.atom_to_binary(n)
rescue
  _ -> IO.inspect(hd(__STACKTRACE__) |> elem(0..1 |> Enum.at(0)))
end
try do
  raise "x"
rescue
  _ -> IO.inspect(match?([{:erlang, _, _, _} | _], __STACKTRACE__))
end
