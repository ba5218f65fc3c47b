# A ring of 10,000 processes passing a token around several times.
defmodule Ring do
  def start(n) do
    parent = self()
    first = spawn(fn -> first_node(parent) end)
    last = Enum.reduce(2..n, first, fn _i, next -> spawn(fn -> relay(next) end) end)
    send(first, {:next, last})
    first
  end

  # The first process learns the last one (its successor in message order).
  defp first_node(parent) do
    receive do
      {:next, next} -> first_loop(parent, next)
    end
  end

  defp first_loop(parent, next) do
    receive do
      {:token, 0, hops} ->
        send(parent, {:done, hops})
        send(next, :stop)
      {:token, laps, hops} ->
        send(next, {:token, laps - 1, hops + 1})
        first_loop(parent, next)
    end
  end

  defp relay(next) do
    receive do
      {:token, laps, hops} ->
        send(next, {:token, laps, hops + 1})
        relay(next)
      :stop ->
        send(next, :stop)
    end
  end
end

n = 10_000
before = length(Process.list())
first = Ring.start(n)
IO.inspect(length(Process.list()) - before, label: "processes added")
send(first, {:token, 3, 0})
receive do
  {:done, hops} -> IO.inspect(hops, label: "hops for 3 laps")
end
# The :stop message travels around the ring; poll until every node is gone.
settle = fn settle, tries ->
  left = length(Process.list()) - before
  if left > 0 and tries > 0 do
    Process.sleep(20)
    settle.(settle, tries - 1)
  else
    left
  end
end
IO.inspect(settle.(settle, 250), label: "processes left after stop")
pids = for i <- 1..n, do: spawn(fn -> receive do {:ask, from} -> send(from, {:answer, i}) end end)
Enum.each(pids, &send(&1, {:ask, self()}))
total = Enum.reduce(1..n, 0, fn _, acc ->
  receive do
    {:answer, i} -> acc + i
  end
end)
IO.inspect(total, label: "sum of answers from 10_000 processes")
IO.inspect(Enum.count(pids, &Process.alive?/1) <= n, label: "alive count bounded")
