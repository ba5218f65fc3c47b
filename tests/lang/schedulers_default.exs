# No +S: one scheduler per core, as on the BEAM (their threads start once
# processes compete for the CPU, here in the middle of the script), and
# the guarantees of schedulers_parallel.exs hold across that start.
IO.inspect(System.schedulers_online() == :erlang.system_info(:logical_processors_online), label: "one per core")
IO.inspect(System.schedulers() == System.schedulers_online(), label: "all online")
defmodule Par do
  def fib(n) when n < 2, do: n
  def fib(n), do: fib(n - 1) + fib(n - 2)

  def relay(next) do
    receive do
      {:tok, k} ->
        send(next, {:tok, k + 1})
        relay(next)

      :stop ->
        send(next, :stop)
    end
  end
end

# CPU-bound work spread over many processes
IO.inspect(Task.async_stream(1..20, fn i -> Par.fib(15 + rem(i, 5)) end) |> Enum.map(fn {:ok, v} -> v end))

# a ring of 200 processes with 10 tokens going round at once
parent = self()
first = Enum.reduce(1..200, parent, fn _, next -> spawn(fn -> Par.relay(next) end) end)
for _ <- 1..10, do: send(first, {:tok, 0})
IO.inspect(for _ <- 1..10, do: receive(do: ({:tok, k} -> k)))
send(first, :stop)
receive do
  :stop -> IO.puts("ring stopped")
end

# eight senders to one receiver: each sender's messages arrive in order
for s <- 1..8, do: spawn(fn -> for i <- 1..500, do: send(parent, {s, i}) end)
msgs = for _ <- 1..4000, do: receive(do: (m -> m))
per = Enum.group_by(msgs, &elem(&1, 0), &elem(&1, 1))
IO.inspect({map_size(per), Enum.all?(per, fn {_, l} -> l == Enum.to_list(1..500) end)})

# links: every exit signal arrives once
Process.flag(:trap_exit, true)
pids = for i <- 1..100, do: spawn_link(fn -> Par.fib(12); exit({:done, i}) end)
exits = for _ <- pids, do: receive(do: ({:EXIT, _, {:done, i}} -> i))
IO.inspect(Enum.sort(exits) == Enum.to_list(1..100))
Process.flag(:trap_exit, false)

# monitors
refs = for i <- 1..100, do: spawn_monitor(fn -> Par.fib(10); if rem(i, 2) == 0, do: exit(:boom) end)
downs = for {pid, ref} <- refs, do: receive(do: ({:DOWN, ^ref, :process, ^pid, r} -> r))
IO.inspect(Enum.frequencies(downs))

# registered names
for i <- 1..50 do
  spawn(fn ->
    Process.register(self(), :"worker_#{i}")
    send(parent, {:registered, i})
    receive do
      :go -> send(parent, {:bye, i})
    end
  end)
end
for _ <- 1..50, do: receive(do: ({:registered, _} -> :ok))
for i <- 1..50, do: send(:"worker_#{i}", :go)
byes = for _ <- 1..50, do: receive(do: ({:bye, i} -> i))
IO.inspect(Enum.sort(byes) == Enum.to_list(1..50))

# timers, and a receive that times out
for i <- 1..20, do: Process.send_after(self(), {:timer, i}, 20 - i)
fired = for _ <- 1..20, do: receive(do: ({:timer, i} -> i))
IO.inspect(Enum.sort(fired) == Enum.to_list(1..20))
IO.inspect(receive(do: (:never -> :got), after: (10 -> :timeout)))

# an Agent updated by many processes at once
{:ok, a} = Agent.start_link(fn -> 0 end)
Task.async_stream(1..200, fn _ -> Agent.update(a, &(&1 + 1)) end, max_concurrency: 16) |> Stream.run()
IO.inspect(Agent.get(a, & &1))

# a public ETS table written by many processes
t = :ets.new(:t, [:public, :set])
Task.async_stream(1..8, fn s -> for i <- 1..250, do: :ets.insert(t, {{s, i}, i}) end) |> Stream.run()
IO.inspect(:ets.info(t, :size))
IO.puts("done")
