# raise forms, exception structs and messages, reraise, Exception helpers.
show = fn f ->
  try do
    f.()
  rescue
    e -> {e.__struct__, Exception.message(e)}
  end
end
IO.inspect(show.(fn -> raise "plain message" end), label: "raise string")
IO.inspect(show.(fn -> raise ArgumentError end), label: "raise module")
IO.inspect(show.(fn -> raise ArgumentError, "custom" end), label: "raise module msg")
IO.inspect(show.(fn -> raise ArgumentError, message: "kw" end), label: "raise module kw")
IO.inspect(show.(fn -> raise KeyError, key: :k, term: %{} end), label: "KeyError fields")
IO.inspect(show.(fn -> raise %RuntimeError{message: "struct"} end), label: "raise struct")
IO.inspect(show.(fn -> raise RuntimeError end), label: "default RuntimeError message")
IO.inspect(show.(fn -> :erlang.error(:badarith) end), label: "badarith")
IO.inspect(show.(fn -> elem(Enum.at([{}], 0), 0) end), label: "elem out of range")
IO.inspect(show.(fn -> hd(Enum.at([[]], 0)) end), label: "hd of []")
IO.inspect(show.(fn -> String.to_atom(Enum.at([1], 0)) end), label: "wrong type")
IO.inspect(show.(fn -> apply(Enum, :no_such_fun, [1]) end), label: "undefined function")
IO.inspect(show.(fn -> apply(NoSuchModule, :f, []) end), label: "undefined module")
r = try do
  Enum.at([fn x -> x end], 0).(1, 2)
rescue
  e in BadArityError -> {:bad_arity, e.args}
end
IO.inspect(r, label: "bad arity")
IO.inspect(show.(fn -> Enum.at([:not_fun], 0).(1) end), label: "bad function")
e = RuntimeError.exception("built")
IO.inspect(e, label: "exception/1")
IO.inspect(Exception.exception?(e), label: "exception?")
IO.inspect(Exception.message(ArgumentError.exception("am")), label: "Exception.message")
r = try do
  try do
    raise "original"
  rescue
    e -> reraise e, __STACKTRACE__
  end
rescue
  e -> {:outer_saw, e.message}
end
IO.inspect(r, label: "reraise")
r = try do
  try do
    raise "first"
  rescue
    _ -> reraise ArgumentError, "converted", __STACKTRACE__
  end
rescue
  e -> {e.__struct__, e.message}
end
IO.inspect(r, label: "reraise with new module")
r = try do
  raise "with stacktrace"
rescue
  _ -> is_list(__STACKTRACE__)
end
IO.inspect(r, label: "__STACKTRACE__ is a list")
IO.inspect(Exception.format_banner(:error, %RuntimeError{message: "b"}), label: "format_banner error")
IO.inspect(Exception.format_banner(:throw, :val), label: "format_banner throw")
IO.inspect(Exception.format_banner(:exit, :normal), label: "format_banner exit")
