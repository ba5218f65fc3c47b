# In a script, the warnings found before a compile error are printed, then
# the error; nothing runs.
IO.puts("never printed")
value = 1
IO.inspect(value + missing_variable)
