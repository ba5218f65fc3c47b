# :timer: stdlib's timer module, with OTP 25's timer references
# ({:send_local, ref}, {:once, ref}, {:interval, ref}, {:instant, ref}).
# Sends to a local pid use the VM's timers, as timer.erl does; apply_after
# and the interval timers each run in a small process of their own, which
# ends with the process that asked for it.
defmodule :timer do
  def sleep(:infinity), do: Process.sleep(:infinity)
  def sleep(ms) when is_integer(ms) and ms >= 0, do: Process.sleep(ms)

  def send_after(0, dest, message) when is_pid(dest) or is_atom(dest) or is_tuple(dest) do
    send(dest, message)
    {:ok, {:instant, make_ref()}}
  end

  def send_after(time, pid, message) when is_integer(time) and time >= 0 and is_pid(pid) do
    case node(pid) == node() do
      true -> {:ok, {:send_local, :erlang.send_after(time, pid, message)}}
      false -> apply_after(time, :timer, :send, [pid, message])
    end
  end

  def send_after(time, dest, message) when is_integer(time) and time >= 0 and (is_atom(dest) or is_tuple(dest)) do
    apply_after(time, :timer, :send, [dest, message])
  end

  def send_after(_time, _dest, _message), do: {:error, :badarg}

  def send_after(time, message), do: send_after(time, self(), message)

  # what apply_after/send_interval call
  def send(dest, message), do: :erlang.send(dest, message)

  def exit_after(time, pid, reason), do: apply_after(time, :erlang, :exit, [pid, reason])
  def exit_after(time, reason), do: exit_after(time, self(), reason)
  def kill_after(time, pid), do: exit_after(time, pid, :kill)
  def kill_after(time), do: exit_after(time, self(), :kill)

  def apply_after(0, m, f, a) when is_atom(m) and is_atom(f) and is_list(a) do
    do_apply(m, f, a)
    {:ok, {:instant, make_ref()}}
  end

  def apply_after(time, m, f, a) when is_integer(time) and time >= 0 and is_atom(m) and is_atom(f) and is_list(a) do
    {:ok, {:once, start_timer_process(fn -> once(time, m, f, a) end)}}
  end

  def apply_after(_time, _m, _f, _a), do: {:error, :badarg}

  def send_interval(time, dest, message) when is_integer(time) and time >= 0 do
    apply_interval(time, :timer, :send, [dest, message])
  end

  def send_interval(time, message), do: send_interval(time, self(), message)

  def apply_interval(time, m, f, a) when is_integer(time) and time >= 0 and is_atom(m) and is_atom(f) and is_list(a) do
    {:ok, {:interval, start_timer_process(fn -> interval(time, m, f, a) end)}}
  end

  def apply_interval(_time, _m, _f, _a), do: {:error, :badarg}

  # A timer process serves one timer: it ends with its owner, and its alias
  # is the reference in the timer's tref, which cancel/1 sends :cancel to.
  defp start_timer_process(body) do
    owner = self()
    tag = make_ref()
    spawn(fn ->
      send(owner, {tag, :erlang.alias()})
      :erlang.put(:"$timer_owner", :erlang.monitor(:process, owner))
      body.()
    end)
    receive do
      {^tag, alias} -> alias
    end
  end

  defp once(time, m, f, a) do
    owner_ref = :erlang.get(:"$timer_owner")
    receive do
      :cancel -> :ok
      {:DOWN, ^owner_ref, _, _, _} -> :ok
    after
      time -> do_apply(m, f, a)
    end
  end

  defp interval(time, m, f, a) do
    owner_ref = :erlang.get(:"$timer_owner")
    receive do
      :cancel -> :ok
      {:DOWN, ^owner_ref, _, _, _} -> :ok
    after
      time ->
        do_apply(m, f, a)
        interval(time, m, f, a)
    end
  end

  # timer.erl's do_apply: sends run in place, anything else in a process
  defp do_apply(:timer, :send, [dest, message]) do
    try do
      send(dest, message)
    catch
      _, _ -> :ok
    end
  end

  defp do_apply(m, f, a), do: spawn(fn -> apply(m, f, a) end)

  def cancel({:instant, ref}) when is_reference(ref), do: {:ok, :cancel}

  def cancel({:send_local, ref}) when is_reference(ref) do
    :erlang.cancel_timer(ref)
    {:ok, :cancel}
  end

  def cancel({kind, alias}) when (kind == :once or kind == :interval) and is_reference(alias) do
    send(alias, :cancel)
    {:ok, :cancel}
  end

  def cancel(_), do: {:error, :badarg}

  def tc(fun) when is_function(fun, 0) do
    t0 = :erlang.monotonic_time()
    value = fun.()
    {:erlang.convert_time_unit(:erlang.monotonic_time() - t0, :native, :microsecond), value}
  end

  def tc(fun, args) when is_function(fun) do
    t0 = :erlang.monotonic_time()
    value = apply(fun, args)
    {:erlang.convert_time_unit(:erlang.monotonic_time() - t0, :native, :microsecond), value}
  end

  def tc(m, f, a) do
    t0 = :erlang.monotonic_time()
    value = apply(m, f, a)
    {:erlang.convert_time_unit(:erlang.monotonic_time() - t0, :native, :microsecond), value}
  end

  def now_diff({a2, b2, c2}, {a1, b1, c1}), do: ((a2 - a1) * 1_000_000 + (b2 - b1)) * 1_000_000 + (c2 - c1)

  def seconds(s), do: 1000 * s
  def minutes(m), do: 1000 * 60 * m
  def hours(h), do: 1000 * 60 * 60 * h
  def hms(h, m, s), do: 1000 * ((h * 60 + m) * 60 + s)
end
