# :timer: stdlib's timer module.  One-shot sends use the VM's timers
# (erlang:send_after/3, as OTP 25's timer does for local pids); apply_after
# and the interval timers run in a small process of their own, which ends
# with the process that asked for it.
defmodule :timer do
  def sleep(:infinity), do: Process.sleep(:infinity)
  def sleep(ms) when is_integer(ms) and ms >= 0, do: Process.sleep(ms)

  def send_after(time, pid, message) when is_integer(time) and time >= 0 do
    {:ok, {:send_local, :erlang.send_after(time, pid, message)}}
  end

  def send_after(time, message), do: send_after(time, self(), message)

  def exit_after(time, pid, reason), do: apply_after(time, :erlang, :exit, [pid, reason])
  def exit_after(time, reason), do: exit_after(time, self(), reason)
  def kill_after(time, pid), do: exit_after(time, pid, :kill)
  def kill_after(time), do: exit_after(time, self(), :kill)

  def apply_after(time, m, f, a) when is_integer(time) and time >= 0 do
    owner = self()
    pid =
      spawn(fn ->
        ref = :erlang.monitor(:process, owner)
        receive do
          :cancel -> :ok
          {:DOWN, ^ref, _, _, _} -> :ok
        after
          time -> spawn(fn -> apply(m, f, a) end)
        end
      end)
    {:ok, {:apply_after, pid}}
  end

  def send_interval(time, pid, message) when is_integer(time) and time >= 0 do
    owner = self()
    tpid =
      spawn(fn ->
        ref = :erlang.monitor(:process, owner)
        target_ref = if is_pid(pid), do: :erlang.monitor(:process, pid), else: nil
        interval_loop(time, pid, message, ref, target_ref)
      end)
    {:ok, {:interval, tpid}}
  end

  def send_interval(time, message), do: send_interval(time, self(), message)

  def apply_interval(time, m, f, a) when is_integer(time) and time >= 0 do
    owner = self()
    tpid =
      spawn(fn ->
        ref = :erlang.monitor(:process, owner)
        apply_loop(time, m, f, a, ref)
      end)
    {:ok, {:interval, tpid}}
  end

  defp interval_loop(time, pid, message, ref, target_ref) do
    receive do
      :cancel -> :ok
      {:DOWN, ^ref, _, _, _} -> :ok
      {:DOWN, ^target_ref, _, _, _} -> :ok
    after
      time ->
        send(pid, message)
        interval_loop(time, pid, message, ref, target_ref)
    end
  end

  defp apply_loop(time, m, f, a, ref) do
    receive do
      :cancel -> :ok
      {:DOWN, ^ref, _, _, _} -> :ok
    after
      time ->
        spawn(fn -> apply(m, f, a) end)
        apply_loop(time, m, f, a, ref)
    end
  end

  def cancel({:send_local, ref}) do
    :erlang.cancel_timer(ref)
    {:ok, :cancel}
  end

  def cancel({kind, pid}) when (kind == :apply_after or kind == :interval) and is_pid(pid) do
    send(pid, :cancel)
    {:ok, :cancel}
  end

  def cancel(_), do: {:error, :badarg}

  def tc(fun) when is_function(fun, 0) do
    t0 = :erlang.monotonic_time()
    value = fun.()
    {div(:erlang.monotonic_time() - t0, 1000), value}
  end

  def tc(fun, args) when is_function(fun) do
    t0 = :erlang.monotonic_time()
    value = apply(fun, args)
    {div(:erlang.monotonic_time() - t0, 1000), value}
  end

  def tc(m, f, a) do
    t0 = :erlang.monotonic_time()
    value = apply(m, f, a)
    {div(:erlang.monotonic_time() - t0, 1000), value}
  end

  def now_diff({a2, b2, c2}, {a1, b1, c1}), do: ((a2 - a1) * 1_000_000 + (b2 - b1)) * 1_000_000 + (c2 - c1)

  def seconds(s), do: 1000 * s
  def minutes(m), do: 1000 * 60 * m
  def hours(h), do: 1000 * 60 * 60 * h
  def hms(h, m, s), do: 1000 * ((h * 60 + m) * 60 + s)
end
