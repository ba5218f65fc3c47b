# The script's process is killed by the exit signal of a linked process
# whose exit reason is an exception and its stack trace, as a crash's is:
# the error names that signal, and the status is 1.  (A linked process
# that raises also has its crash report printed, which ciex's threads may
# do before the script's error and the BEAM's logger never gets to: that
# race is left out of the recording.)
IO.puts("linking")
spawn_link(fn -> exit({%ArgumentError{message: "from the linked process"}, [{Linked, :run, 0, [file: ~c"linked.ex", line: 3]}]}) end)
Process.sleep(:infinity)
