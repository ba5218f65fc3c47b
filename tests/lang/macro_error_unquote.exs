IO.puts "before"
x = 1
unquote(x)
