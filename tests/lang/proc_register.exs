# Process.register/whereis/unregister, sending to names, {name, node()}.
parent = self()
pid = spawn(fn ->
  loop = fn loop ->
    receive do
      {:hello, from} ->
        send(from, {:hi_from, Process.info(self(), :registered_name)})
        loop.(loop)
      :stop -> :ok
    end
  end
  loop.(loop)
end)
IO.inspect(Process.register(pid, :greeter), label: "register")
IO.inspect(Process.whereis(:greeter) == pid, label: "whereis gives the pid")
IO.inspect(Process.whereis(:nobody), label: "whereis unknown")
IO.inspect(:greeter in Process.registered(), label: "in registered()")
send(:greeter, {:hello, parent})
receive do
  {:hi_from, name} -> IO.inspect(name, label: "reply via registered name")
end
send({:greeter, node()}, {:hello, parent})
receive do
  {:hi_from, name} -> IO.inspect(name, label: "reply via {name, node()}")
end
IO.inspect(node(), label: "node")
try do
  Process.register(spawn(fn -> :ok end), :greeter)
rescue
  e in ArgumentError -> IO.inspect(e.__struct__, label: "register taken name")
end
try do
  send(:no_such_name, :msg)
rescue
  e in ArgumentError -> IO.inspect(Exception.message(e), label: "send to unknown name")
end
IO.inspect(send({:no_such_name, node()}, :msg), label: "send to unknown {name, node} is silent")
IO.inspect(Process.unregister(:greeter), label: "unregister")
IO.inspect(Process.whereis(:greeter), label: "whereis after unregister")
try do
  Process.unregister(:greeter)
rescue
  e in ArgumentError -> IO.inspect(e.__struct__, label: "unregister again")
end
Process.register(self(), :main_script)
IO.inspect(Process.info(self(), :registered_name), label: "own registered name")
send(:main_script, :to_myself)
receive do
  :to_myself -> IO.puts("sent to own name")
end
ref = Process.monitor(pid)
send(pid, :stop)
receive do
  {:DOWN, ^ref, :process, _, :normal} -> :ok
end
Process.register(pid2 = spawn(fn -> receive do :stop -> :ok end end), :temp)
ref2 = Process.monitor(pid2)
send(:temp, :stop)
receive do
  {:DOWN, ^ref2, :process, _, :normal} -> :ok
end
IO.inspect(Process.whereis(:temp), label: "name freed when process dies")
IO.inspect(:erlang.whereis(:main_script) == self(), label: ":erlang.whereis")
