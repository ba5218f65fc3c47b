# Code.eval_string: values, bindings, and the errors it raises
IO.inspect Code.eval_string("a = 1; b = 2; a + b + c", [c: 3])
IO.inspect Code.eval_string("z = 1", [c: 3, a: 0])
try do Code.eval_string("me()") rescue e -> IO.inspect(e); IO.inspect Exception.message(e) end
try do Code.eval_string("1 +") rescue e -> IO.inspect(e); IO.inspect Exception.message(e) end
try do Code.eval_string("1 ) 2") rescue e -> IO.inspect(e); IO.inspect Exception.message(e) end
try do Code.eval_string("me()", [], file: "x.ex", line: 7) rescue e -> IO.inspect(e); IO.inspect Exception.message(e) end
IO.inspect Code.eval_string("fn x -> x end") |> elem(0) |> is_function()
IO.inspect Code.eval_string("x", x: 5)
try do Code.eval_string("raise \"boom\"") rescue e -> IO.inspect(e) end
try do Code.eval_string("\n\n\n\n\n\n\n\n\n\n1 ) 2", [], line: 120) rescue e -> IO.inspect Exception.message(e) end
try do Code.eval_string("foo(1, 2") rescue e -> IO.inspect Exception.message(e) end
IO.inspect Code.eval_string("z = 1; b = 2; y = 3", [a: 0, y: 1])
