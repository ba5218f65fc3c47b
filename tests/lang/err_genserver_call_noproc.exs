# Uncaught exit from GenServer.call to a name nobody registered.
IO.puts("calling a server that does not exist")
GenServer.call(:kv_nowhere, {:get, :foo})
IO.puts("never printed")
