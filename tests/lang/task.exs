# Task: async/await, await_many, start, yield, and results in order.
t = Task.async(fn -> 1 + 1 end)
IO.inspect(Task.await(t), label: "async/await")
tasks = Enum.map(1..5, fn i -> Task.async(fn -> Process.sleep(50 - i * 10); i * i end) end)
IO.inspect(Enum.map(tasks, &Task.await/1), label: "awaited in list order")
IO.inspect(Task.await_many(Enum.map(1..3, fn i -> Task.async(fn -> i end) end)), label: "await_many")
defmodule Work do
  def double(x), do: x * 2
end
IO.inspect(Task.async(Work, :double, [21]) |> Task.await(), label: "async mfa")
parent = self()
{:ok, pid} = Task.start(fn -> send(parent, {:from_task, :hello}) end)
IO.inspect(is_pid(pid), label: "Task.start")
receive do
  {:from_task, msg} -> IO.inspect(msg, label: "message from started task")
end
slow = Task.async(fn -> Process.sleep(300); :slow end)
IO.inspect(Task.yield(slow, 20), label: "yield before done")
IO.inspect(Task.yield(slow, 1000), label: "yield after done")
t2 = Task.async(fn -> Process.sleep(1000) end)
IO.inspect(Task.shutdown(t2), label: "shutdown")
t3 = Task.async(fn -> :quick end)
# Wait until the task's reply is in the mailbox (without consuming it).
wait_reply = fn wait, tries ->
  case Process.info(self(), :message_queue_len) do
    {:message_queue_len, 0} when tries > 0 -> Process.sleep(5); wait.(wait, tries - 1)
    _ -> :ok
  end
end
wait_reply.(wait_reply, 200)
IO.inspect(Task.shutdown(t3), label: "shutdown finished task")
r = try do
  Task.await(Task.async(fn -> Process.sleep(500) end), 30)
catch
  :exit, {reason, {Task, :await, _}} -> {:caught, reason}
end
IO.inspect(r, label: "await timeout")
IO.inspect(Task.async_stream(1..4, &(&1 * 10)) |> Enum.to_list(), label: "async_stream")
IO.inspect(Task.async_stream([3, 1, 2], fn x -> Process.sleep(x * 10); x end, max_concurrency: 2) |> Enum.map(fn {:ok, v} -> v end), label: "async_stream keeps order")
%Task{pid: tpid, ref: tref} = Task.async(fn -> :struct end)
IO.inspect({is_pid(tpid), is_reference(tref)}, label: "Task struct fields")
receive do
  {^tref, result} -> IO.inspect(result, label: "raw reply message")
end
Process.demonitor(tref, [:flush])
IO.inspect(Task.await(Task.async(fn -> self() end)) != self(), label: "runs in another process")
