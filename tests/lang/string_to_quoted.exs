# Code.string_to_quoted/1,2 and string_to_quoted!/1,2: the AST, error
# tuples, and the exceptions; :erlang.raise/3.
IO.inspect(Code.string_to_quoted("x = [1, 2]"))
IO.inspect(Code.string_to_quoted("if x do\n  y\nend", line: 3))
IO.inspect(Code.string_to_quoted("Node.connect :foo@host"))
IO.inspect(Code.string_to_quoted("a +"))
IO.inspect(Code.string_to_quoted("1 + )"))
IO.inspect(Code.string_to_quoted("1 + (2"))
IO.inspect(Code.string_to_quoted!("foo(1, :b)"))

for source <- ["a +", "1 + )"] do
  try do
    Code.string_to_quoted!(source)
  rescue
    e -> IO.inspect({e.__struct__, e.line, Exception.message(e) |> String.split("\n") |> hd()})
  end
end

result =
  try do
    try do
      throw(:inner)
    catch
      kind, reason -> :erlang.raise(kind, {:again, reason}, __STACKTRACE__)
    end
  catch
    kind, reason -> {kind, reason}
  end

IO.inspect(result)
IO.inspect(:erlang.raise(:not_a_class, 1, []))
