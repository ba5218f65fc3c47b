# Node b: uses a's {:global, :stack}, then names of its own.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
true = Node.connect(a)
:global.sync()
stack = :global.whereis_name(:stack)
IO.inspect(node(stack) == a, label: "b whereis_name stack is on a")
case GenServer.start(Stack, [], name: {:global, :stack}) do
  {:error, {:already_started, ^stack}} -> IO.puts("b start again: already started")
  other -> IO.inspect(other, label: "b start again")
end
IO.inspect(GenServer.cast({:global, :stack}, {:push, 1}), label: "b cast push 1")
IO.inspect(GenServer.call({:global, :stack}, :pop), label: "b call pop")
IO.inspect(:global.send(:stack, {:"$gen_cast", {:push, 2}}) == stack, label: "b :global.send returns the pid")
IO.inspect(GenServer.call({:global, :stack}, :pop), label: "b call pop")
IO.inspect(GenServer.whereis({:global, :stack}) == stack, label: "b GenServer.whereis")
try do
  :global.send(:nobody, :hi)
catch
  :exit, reason -> IO.inspect(reason, label: "b :global.send to nobody exits")
end
IO.inspect(GenServer.whereis({:global, :nobody}), label: "b GenServer.whereis nobody")
IO.inspect(GenServer.stop({:global, :stack}), label: "b stop stack")
ref = Process.monitor(stack)
receive do
  {:DOWN, ^ref, _, _, reason} -> IO.inspect(reason, label: "b stack down")
end
# the name goes with the process, on every node (bounded wait: each node
# drops it when the DOWN reaches its global_name_server)
gone = fn gone, n ->
  case {:global.whereis_name(:stack), :rpc.call(a, :global, :whereis_name, [:stack])} do
    {:undefined, :undefined} -> true
    _ when n == 0 -> false
    _ ->
      Process.sleep(10)
      gone.(gone, n - 1)
  end
end
IO.inspect(gone.(gone, 500), label: "b stack gone everywhere")

other = spawn(fn -> receive do :stop -> :ok end end)
IO.inspect(:global.register_name(:mine, self()), label: "b register mine")
IO.inspect(:global.register_name(:mine, other), label: "b register mine again")
IO.inspect(:global.re_register_name(:mine, other), label: "b re_register mine")
IO.inspect(:rpc.call(a, :global, :whereis_name, [:mine]) == other, label: "a sees mine re-registered")
IO.inspect(:global.unregister_name(:mine), label: "b unregister mine")
IO.inspect({:global.registered_names(), :rpc.call(a, :global, :registered_names, [])}, label: "names on b, a")
send({:main, a}, {:step, :halt, self()})
receive do
  :ok -> :ok
end
