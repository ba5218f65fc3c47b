# File and Path: whole-file reads and writes, directories, errors as
# {:error, posix} and File.Error's text; Path's parts.
base = "/tmp/ciex_file_test_#{System.os_time()}_#{:erlang.unique_integer([:positive])}"
at = fn name -> Path.join(base, name) end
show = fn text -> IO.puts(String.replace(text, base, "BASE")) end
IO.inspect(File.mkdir_p(at.("d/e")))
IO.inspect(File.read(at.("nope")))
IO.inspect(File.write(at.("a.txt"), "hello\n"))
IO.inspect(File.write(at.("a.txt"), ["more", ?\n], [:append]))
IO.inspect(File.read(at.("a.txt")))
IO.inspect(File.read!(at.("a.txt")) |> String.split("\n", trim: true))
IO.inspect({File.exists?(at.("a.txt")), File.exists?(at.("nope")), File.dir?(base), File.regular?(at.("a.txt"))})
IO.inspect(File.mkdir(at.("d")))
IO.inspect(File.ls(at.("d")))
IO.inspect(File.read(at.("d")))
IO.inspect(File.rm(at.("a.txt")))
IO.inspect(File.rm(at.("a.txt")))

for f <- [
      fn -> File.read!(at.("nope")) end,
      fn -> File.write!(at.("nodir/x"), "") end,
      fn -> File.ls!(at.("nope")) end,
      fn -> File.rm!(at.("nope")) end,
      fn -> File.mkdir!(at.("d")) end
    ] do
  try do
    f.()
  rescue
    e in File.Error -> show.(Exception.message(e))
  end
end

IO.inspect(is_binary(File.cwd!()))
IO.inspect(File.rmdir(base))
IO.inspect({File.rmdir(at.("d/e")), File.rmdir(at.("d")), File.rmdir(base), File.exists?(base)})

for p <- ["a/b", "a", "/a", "/", "a/b/", "./x", "", "x/a.tar.gz", ".bashrc"] do
  IO.inspect({p, Path.dirname(p), Path.basename(p), Path.extname(p), Path.rootname(p)})
end

IO.inspect({Path.join("a", "b"), Path.join(["a", "b", "c"]), Path.join("a/", "/b"), Path.join("", "b"),
            Path.basename("x/a.ex", ".ex")})
