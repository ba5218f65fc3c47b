# Node B: Task.Supervisor.async, async_nolink, start_child and async_stream on A's
# supervisors ({name, node}), with MFAs.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
b = node()
Process.register(self(), :main)
true = Node.connect(a)
sup = {:tasks, a}

t = Task.Supervisor.async(sup, :erlang, :node, [])
IO.inspect(node(t.pid) == a, label: "async: the task runs on A")
IO.inspect(Task.await(t) == a, label: "async: its result")
IO.inspect(Task.Supervisor.async(sup, :erlang, :+, [1, 2], shutdown: 1000) |> Task.await(), label: "async/5")
t = Task.Supervisor.async_nolink(sup, String, :upcase, ["abc"])
IO.inspect(Task.await(t), label: "async_nolink")
t = Task.Supervisor.async_nolink(sup, :erlang, :error, [:boom])
{:exit, {reason, [_ | _]}} = Task.yield(t, 5000)
IO.inspect(reason, label: "async_nolink of a crash")
t = Task.Supervisor.async_nolink(sup, :erlang, :exit, [:bye])
IO.inspect(Task.yield(t, 5000), label: "async_nolink of an exit")
t = Task.Supervisor.async_nolink(sup, :timer, :sleep, [5000])
IO.inspect(Task.yield(t, 100), label: "yield in time")
IO.inspect(Task.shutdown(t), label: "shutdown")

{:ok, pid} = Task.Supervisor.start_child(sup, :erlang, :send, [{:main, b}, :from_child])
receive do
  :from_child -> IO.inspect(node(pid) == a, label: "start_child ran on A")
end
{:ok, pid} = Task.Supervisor.start_child(sup, :erlang, :send, [{:main, b}, :transient], restart: :transient)
receive do
  :transient -> IO.inspect(node(pid) == a, label: "start_child/5 ran on A")
end

stream = Task.Supervisor.async_stream(sup, [:erlang, :erlang], :erlang, :apply, [:node, []])
IO.inspect(Enum.map(stream, fn {:ok, n} -> n == a end), label: "async_stream ran on A")
stream = Task.Supervisor.async_stream_nolink(sup, [1, :x, 2], :erlang, :integer_to_binary, [])
IO.inspect(Enum.map(stream, fn {:exit, {r, [_ | _]}} -> {:exit, r}; o -> o end), label: "async_stream_nolink")

small = {:small, a}
{:ok, long} = Task.Supervisor.start_child(small, :timer, :sleep, [60000])
IO.inspect(Task.Supervisor.children(small) == [long], label: "children")
IO.inspect(DynamicSupervisor.count_children(small), label: "count_children")
IO.inspect(Task.Supervisor.start_child(small, :timer, :sleep, [10]), label: "start_child beyond max_children")
try do
  Task.Supervisor.async(small, :erlang, :node, [])
rescue
  e -> IO.puts("async beyond max_children: " <> Exception.message(e))
end
IO.inspect(Task.Supervisor.terminate_child(small, long), label: "terminate_child")
IO.inspect(Task.Supervisor.terminate_child(small, long), label: "terminate_child again")
IO.inspect(Task.Supervisor.children(small), label: "children")

send({:main, a}, {:done, self()})
receive do
  :ok -> :ok
end
