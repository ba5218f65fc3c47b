# :global.whereis_name reads the name server's table global_names
# ({name, pid, method, ref}) without a message to the server.
IO.inspect(:global.whereis_name(:nobody))
IO.inspect(:ets.info(:global_names, :protection))
IO.inspect(:ets.info(:global_names, :named_table))
IO.inspect(:global.register_name(:me, self()))
IO.inspect(:global.whereis_name(:me) == self())
[{:me, pid, method, ref}] = :ets.lookup(:global_names, :me)
IO.inspect({pid == self(), is_function(method, 3), is_reference(ref)})
# another process may not write the table
try do
  :ets.insert(:global_names, {:fake, self(), nil, nil})
rescue
  e -> IO.inspect(e)
end
IO.inspect(:global.whereis_name(:fake))
# re-registering moves the name; unregistering takes the row away
other = spawn(fn -> receive do :stop -> :ok end end)
IO.inspect(:global.re_register_name(:me, other))
IO.inspect(:global.whereis_name(:me) == other)
:global.unregister_name(:me)
IO.inspect({:global.whereis_name(:me), :ets.lookup(:global_names, :me)})
# a name of a process that ended is gone at once, and its row once the
# server has seen the process go
ref = Process.monitor(other)
:yes = :global.register_name(:short_lived, other)
send(other, :stop)
receive do {:DOWN, ^ref, _, _, _} -> :ok end
IO.inspect(:global.whereis_name(:short_lived))
_ = :global.registered_names()
IO.inspect(:ets.lookup(:global_names, :short_lived))
