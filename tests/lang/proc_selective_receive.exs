# Selective receive: pattern selection, out-of-order messages stay queued.
send(self(), {:b, 2})
send(self(), {:a, 1})
send(self(), {:c, 3})
send(self(), :other)
r1 = receive do
  {:a, v} -> {:a, v}
end
IO.inspect(r1, label: "picked :a first although queued second")
r2 = receive do
  {:c, v} -> {:c, v}
end
IO.inspect(r2, label: "then :c")
r3 = receive do
  msg -> msg
end
IO.inspect(r3, label: "next in arrival order")
r4 = receive do
  msg -> msg
end
IO.inspect(r4, label: "remaining")
send(self(), {:num, 5})
send(self(), {:num, 50})
r5 = receive do
  {:num, n} when n > 10 -> {:big, n}
end
IO.inspect(r5, label: "guard selects later message")
r6 = receive do
  {:num, n} -> n
end
IO.inspect(r6, label: "skipped one still there")
ref = make_ref()
send(self(), {:reply, make_ref(), :stale})
send(self(), {:reply, ref, :fresh})
r7 = receive do
  {:reply, ^ref, v} -> v
end
IO.inspect(r7, label: "pinned ref selects")
r8 = receive do
  {:reply, _, v} -> v
end
IO.inspect(r8, label: "stale one left")
parent = self()
spawn(fn -> Process.sleep(30); send(parent, {:slow, 1}) end)
spawn(fn -> send(parent, {:fast, 2}) end)
r9 = receive do
  {:slow, v} -> {:slow_first, v}
end
IO.inspect(r9, label: "wait for a specific message")
r10 = receive do
  {:fast, v} -> {:fast_later, v}
end
IO.inspect(r10, label: "earlier message still queued")
r11 = receive do
  {:never} -> :no
after
  20 -> :timeout_with_nonmatching_queue
end
send(self(), :x)
IO.inspect(r11, label: "timeout")
r12 = receive do
  :y -> :no
after
  10 -> :x_does_not_match
end
IO.inspect(r12, label: "non-matching message does not end wait")
IO.inspect(Process.info(self(), :message_queue_len), label: "queue has :x")
