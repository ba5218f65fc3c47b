# The script's process is killed by the exit signal of a linked process
# that raised: the error names that signal, and the status is 1.
IO.puts("linking")
spawn_link(fn -> raise ArgumentError, "from the linked process" end)
Process.sleep(:infinity)
