# :net_kernel and :net_adm, as OTP 25's net_kernel.erl and net_adm.erl.
#
# On a distributed node a process registered as net_kernel answers the
# calls other nodes make of it: a BEAM's net_adm:ping/1 sends
# {:is_auth, node} and takes anything but :yes as :pang (and drops the
# connection).  It also keeps the tick time: the ticker itself is C
# (src/dist/dist.c: every ticktime/intensity it ticks idle connections and
# drops silent ones), told its interval with :ciex_dist.set_ticker/1.
# set_net_ticktime/1,2 change the time as net_kernel does, through a
# transition period: a shorter time starts only at its end (meanwhile aux
# ticks go out at the shorter interval), a longer one at once (meanwhile aux
# ticks go out at the old interval, so that peers still on it keep us).
# Not distributed, there is no net_kernel process and its requests answer
# :ignored, as on the BEAM.
defmodule :net_kernel do
  @transition_period 60

  # Blocks until the handshake with node is over: true, false, or :ignored
  # when this node is not distributed.
  def connect_node(node) when is_atom(node) do
    case :ciex_dist.connect(node) do
      {:wait, ref} ->
        receive do
          {^ref, result} -> result
        end
      result ->
        result
    end
  end

  def monitor_nodes(flag), do: :ciex_dist.monitor_nodes(flag)
  def monitor_nodes(flag, _opts), do: monitor_nodes(flag)

  def get_net_ticktime(), do: ticktime_res(request(:ticktime))

  def set_net_ticktime(t) when is_integer(t), do: set_net_ticktime(t, @transition_period)

  def set_net_ticktime(t, tp) when is_integer(t) and t > 0 and is_integer(tp) and tp >= 0 do
    ticktime_res(request({:new_ticktime, t * 1000, tp * 1000}))
  end

  def nodename(), do: request(:nodename)
  def disconnect(node), do: request({:disconnect, node})

  defp request(req) do
    case :erlang.whereis(:net_kernel) do
      :undefined -> :ignored
      _ -> :gen_server.call(:net_kernel, req, :infinity)
    end
  end

  defp ticktime_res({a, i}) when is_atom(a) and is_integer(i), do: {a, div(i, 1000)}
  defp ticktime_res(i) when is_integer(i), do: div(i, 1000)
  defp ticktime_res(a) when is_atom(a), do: a

  # ---- the server ----

  def start_server() do
    case :ciex_dist.ticker() do
      :ignored -> :ignored
      _ -> :gen_server.start({:local, :net_kernel}, :net_kernel, [], [])
    end
  end

  def init([]) do
    {time, intensity} = :ciex_dist.ticker()
    {:ok, %{tick: {:tick, time}, intensity: intensity}}
  end

  # whoever gets this far is authorised: the handshake checked the cookie
  def handle_call({:is_auth, _node}, _from, state), do: {:reply, :yes, state}
  def handle_call(:nodename, _from, state), do: {:reply, node(), state}
  def handle_call({:disconnect, node}, _from, state), do: {:reply, :erlang.disconnect_node(node), state}

  def handle_call(:ticktime, _from, state) do
    case state.tick do
      {:tick, t} -> {:reply, t, state}
      {:tick_change, t, _how} -> {:reply, {:ongoing_change_to, t}, state}
    end
  end

  def handle_call({:new_ticktime, t, tp}, _from, state) do
    case state.tick do
      {:tick, ^t} -> {:reply, :unchanged, state}
      {:tick, old} -> change_ticktime(t, tp, old, state)
      {:tick_change, changing_to, _how} -> {:reply, {:ongoing_change_to, changing_to}, state}
    end
  end

  def handle_call(_other, _from, state), do: {:reply, :error, state}

  def handle_cast(_request, state), do: {:noreply, state}

  def handle_info(:aux_tick, state) do
    :ciex_dist.aux_tick()
    {:noreply, state}
  end

  def handle_info(:transition_period_end, %{tick: {:tick_change, t, how}, intensity: i} = state) do
    if how == :shorter, do: :ciex_dist.set_ticker(div(t, i))
    {:noreply, %{state | tick: {:tick, t}}}
  end

  def handle_info(_message, state), do: {:noreply, state}

  # the new time is a multiple of the intensity (rounded up), one tick per
  # millisecond at most
  defp change_ticktime(t, tp, old, %{intensity: i} = state) do
    {new, interval} =
      cond do
        t < i -> {i, 1}
        rem(t, i) == 0 -> {t, div(t, i)}
        true -> {(div(t, i) + 1) * i, div(t, i) + 1}
      end
    case new == old do
      true ->
        {:reply, :unchanged, state}
      false ->
        start_aux_ticker(interval, div(old, i), tp)
        how =
          case new > old do
            true ->
              :ciex_dist.set_ticker(interval)
              :longer
            false ->
              :shorter
          end
        {:reply, :change_initiated, %{state | tick: {:tick_change, new, how}}}
    end
  end

  defp start_aux_ticker(new_interval, old_interval, tp) do
    kernel = self()
    interval = min(new_interval, old_interval)
    ticks =
      case tp > 0 do
        true -> 1 + (div(tp - 1, interval) + 1)
        false -> 1
      end
    :erlang.spawn_link(fn -> aux_ticker(kernel, interval, ticks) end)
  end

  defp aux_ticker(kernel, _interval, 1) do
    send(kernel, :transition_period_end)
    send(kernel, :aux_tick)
  end

  defp aux_ticker(kernel, interval, ticks) do
    send(kernel, :aux_tick)
    receive do
    after
      interval -> aux_ticker(kernel, interval, ticks - 1)
    end
  end
end

defmodule :net_adm do
  # as net_adm:ping/1: net_kernel's answer on the other node, or :pang
  # (and no connection left behind)
  def ping(node) when is_atom(node) do
    reply =
      try do
        :gen_server.call({:net_kernel, node}, {:is_auth, node()}, :infinity)
      catch
        _, _ -> :error
      end
    case reply do
      :yes ->
        :pong
      _ ->
        :erlang.disconnect_node(node)
        :pang
    end
  end

  def names(), do: :ciex_dist.epmd_names()
  def names(_host), do: :ciex_dist.epmd_names()
  def localhost(), do: node() |> Atom.to_string() |> String.split("@") |> List.last() |> String.to_charlist()
end

:net_kernel.start_server()
