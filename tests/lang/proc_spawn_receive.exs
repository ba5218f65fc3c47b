# spawn/send/receive, receive ... after, self(), Process.alive?.
defmodule Wait do
  # Kept out of the top level: OTP 25's compiler crashes on monitor/receive
  # pairs in long top-level scripts.
  def down(ref, pid) do
    receive do
      {:DOWN, ^ref, :process, ^pid, reason} -> reason
    end
  end
end

parent = self()
IO.inspect(is_pid(parent), label: "self is a pid")
pid = spawn(fn ->
  receive do
    {:ping, from} -> send(from, {:pong, self()})
  end
end)
IO.inspect(is_pid(pid), label: "spawn returns pid")
IO.inspect(pid != parent, label: "distinct from self")
mref = Process.monitor(pid)
send(pid, {:ping, parent})
receive do
  {:pong, ^pid} -> IO.puts("got pong from the spawned pid")
end
IO.inspect(Wait.down(mref, pid), label: "spawned process ended")
IO.inspect(Process.alive?(pid), label: "finished process is dead")
IO.inspect(Process.alive?(self()), label: "self alive")
r = receive do
  :nothing -> :unexpected
after
  50 -> :timed_out
end
IO.inspect(r, label: "after timeout")
send(self(), :already_here)
r = receive do
  :already_here -> :got_it
after
  0 -> :empty
end
IO.inspect(r, label: "after 0 with message present")
r = receive do
  _ -> :got
after
  0 -> :empty_mailbox
end
IO.inspect(r, label: "after 0 on empty mailbox")
IO.inspect(send(self(), :msg), label: "send returns the message")
IO.inspect(Process.info(self(), :message_queue_len), label: "queue length")
receive do
  m -> IO.inspect(m, label: "drained")
end
echo = spawn(fn ->
  loop = fn loop ->
    receive do
      {:echo, from, msg} ->
        send(from, {:echoed, msg})
        loop.(loop)
      :stop -> :ok
    end
  end
  loop.(loop)
end)
for i <- 1..3, do: send(echo, {:echo, self(), i})
results = for _ <- 1..3 do
  receive do
    {:echoed, m} -> m
  end
end
IO.inspect(results, label: "messages arrive in order from one sender")
send(echo, :stop)
workers = for i <- 1..5, do: spawn(fn -> send(parent, {:result, i, i * i}) end)
IO.inspect(length(workers), label: "spawned workers")
collected = for _ <- 1..5 do
  receive do
    {:result, i, sq} -> {i, sq}
  end
end
IO.inspect(Enum.sort(collected), label: "results from workers, sorted")
r = receive do
  x -> x
after
  0 -> :mailbox_empty_at_end
end
IO.inspect(r, label: "nothing left")
