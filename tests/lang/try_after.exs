# try ... after ordering, def-level rescue/after, nested try.
defmodule Order do
  def run do
    try do
      IO.puts("body")
      raise "err"
    rescue
      _ -> IO.puts("rescue"); :from_rescue
    after
      IO.puts("after")
    end
  end
  def implicit_try do
    raise "inside def"
  rescue
    e -> {:implicit, e.message}
  after
    IO.puts("implicit after")
  end
end
IO.inspect(Order.run(), label: "ordering result")
IO.inspect(Order.implicit_try(), label: "def-level rescue")
nested = try do
  try do
    raise "inner"
  after
    IO.puts("inner after")
  end
rescue
  e -> {:outer_rescued, e.message}
end
IO.inspect(nested, label: "nested try")
r = try do
  try do
    throw(:thrown)
  after
    IO.puts("after runs on throw")
  end
catch
  v -> {:caught, v}
end
IO.inspect(r, label: "throw passes through after")
r = try do
  try do
    exit(:exiting)
  after
    IO.puts("after runs on exit")
  end
catch
  :exit, v -> {:caught_exit, v}
end
IO.inspect(r, label: "exit passes through after")
r = try do
  :body_value
after
  :after_value_is_ignored
end
IO.inspect(r, label: "value of after ignored")
r = try do
  try do
    raise "in body"
  rescue
    _ -> raise "in rescue"
  after
    IO.puts("after runs when rescue raises")
  end
rescue
  e -> {:outer, e.message}
end
IO.inspect(r, label: "error raised in rescue")
