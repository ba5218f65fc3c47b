# The argument errors of Tuple, Atom and String.duplicate name the argument
# as the BEAM's error_info does.
t = fn f -> try do IO.inspect(f.()) rescue e -> IO.puts("** (#{inspect e.__struct__}) #{inspect Exception.message(e)}") end end
t.(fn -> Tuple.insert_at({1}, 5, 2) end)
t.(fn -> Tuple.insert_at({1}, -1, 2) end)
t.(fn -> Tuple.delete_at({1}, 3) end)
t.(fn -> Tuple.delete_at({1}, -1) end)
t.(fn -> Tuple.insert_at([1], 0, 2) end)
t.(fn -> String.duplicate("a", -1) end)
t.(fn -> String.duplicate(:a, 1) end)
t.(fn -> Atom.to_string(Function.identity("a")) end)
t.(fn -> Atom.to_charlist(Function.identity("a")) end)
t.(fn -> Tuple.append([], 1) end)
t.(fn -> Tuple.duplicate(1, -1) end)
t.(fn -> Tuple.to_list(Function.identity([])) end)
