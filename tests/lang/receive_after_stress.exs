# Receive timeouts under message load: every `receive ... after` and every
# GenServer.call with a timeout below can only end by its timeout, while
# other messages arrive all the time, and one arrives right at the
# deadline.  Timeouts are random; the output is not.
defmodule Silent do
  use GenServer
  def init(state), do: {:ok, state}
  def handle_call(_request, _from, state), do: {:noreply, state}
end

defmodule TimerStress do
  @rounds 5

  # busy-waits until the deadline, then sends an unrelated message: it
  # arrives in the millisecond the receive times out
  def at_deadline(pid, deadline) do
    if System.monotonic_time(:millisecond) < deadline do
      at_deadline(pid, deadline)
    else
      send(pid, :noise)
    end
  end

  def waiter(parent, server) do
    results =
      for _ <- 1..@rounds do
        t = :rand.uniform(15)
        me = self()
        t0 = System.monotonic_time(:millisecond)
        spawn(fn -> at_deadline(me, t0 + t) end)
        received =
          receive do
            :never -> :matched
          after
            t -> :timeout
          end
        elapsed = System.monotonic_time(:millisecond) - t0
        call =
          try do
            GenServer.call(server, :hello, :rand.uniform(15))
          catch
            :exit, {:timeout, {GenServer, :call, _}} -> :timeout
          end
        flush()
        {received, elapsed >= t, call}
      end
    send(parent, {:done, self(), results})
  end

  def flush do
    receive do
      :noise -> flush()
    after
      0 -> :ok
    end
  end

  # one :noise to every waiter each millisecond, until told to stop
  def noise(targets) do
    Enum.each(targets, fn pid -> send(pid, :noise) end)
    receive do
      :stop -> :ok
    after
      1 -> noise(targets)
    end
  end

  def collect([], acc), do: acc

  def collect(pids, acc) do
    receive do
      {:done, pid, results} -> collect(List.delete(pids, pid), results ++ acc)
    after
      10_000 -> IO.puts("#{length(pids)} waiters never woke up"); acc
    end
  end
end

{:ok, server} = GenServer.start(Silent, nil)
parent = self()
waiters = for _ <- 1..20, do: spawn(fn -> TimerStress.waiter(parent, server) end)
noise = spawn(fn -> TimerStress.noise(waiters) end)
results = TimerStress.collect(waiters, [])
send(noise, :stop)
IO.puts("rounds: #{length(results)}")
IO.puts("receive timeouts fired: #{Enum.count(results, fn {r, _, _} -> r == :timeout end)}")
IO.puts("fired early: #{Enum.count(results, fn {_, in_time, _} -> not in_time end)}")
IO.puts("GenServer.call timeouts: #{Enum.count(results, fn {_, _, c} -> c == :timeout end)}")
