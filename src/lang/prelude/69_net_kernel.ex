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

  # {:nodeup, node} / {:nodedown, node} for visible nodes; with options
  # (a list or a map: node_type, connection_id, nodedown_reason) a third
  # element carries what they ask for, as a list or a map like the options.
  # Subscribing twice means two messages; false ends every subscription
  # with the same options.
  def monitor_nodes(flag) when is_boolean(flag), do: :ciex_dist.monitor_nodes(flag, [])
  def monitor_nodes(_flag), do: :error

  def monitor_nodes(flag, opts) do
    case is_boolean(flag) and monitor_options(opts) do
      false -> monitor_nodes_error(flag, opts)
      %{list: true} = map when map_size(map) == 1 -> :ciex_dist.monitor_nodes(flag, [])
      map -> :ciex_dist.monitor_nodes(flag, map)
    end
  end

  # the option map, or false when the options are not valid
  defp monitor_options(opts) when is_map(opts) do
    case :maps.is_key(:list, opts) do
      true -> false
      false -> valid_option_map(opts)
    end
  end

  defp monitor_options(opts) when is_list(opts), do: monitor_option_list(opts, %{list: true})
  defp monitor_options(_opts), do: false

  defp monitor_option_list([], acc), do: valid_option_map(acc)
  defp monitor_option_list([:nodedown_reason | rest], acc), do: monitor_option_list(rest, :maps.put(:nodedown_reason, true, acc))
  defp monitor_option_list([:connection_id | rest], acc), do: monitor_option_list(rest, :maps.put(:connection_id, true, acc))

  defp monitor_option_list([{:node_type, value} | rest], acc) do
    case :maps.find(:node_type, acc) do
      :error -> monitor_option_list(rest, :maps.put(:node_type, value, acc))
      {:ok, ^value} -> monitor_option_list(rest, acc)
      {:ok, _other} -> false
    end
  end

  defp monitor_option_list(_bad, _acc), do: false

  defp valid_option_map(map) do
    valid =
      Enum.all?(:maps.to_list(map), fn
        {:list, true} -> true
        {:connection_id, b} -> is_boolean(b)
        {:nodedown_reason, b} -> is_boolean(b)
        {:node_type, t} -> t in [:visible, :hidden, :all]
        _ -> false
      end)
    valid and map
  end

  # net_kernel's mk_monitor_nodes_error and check_options
  defp monitor_nodes_error(flag, _opts) when flag != true and flag != false, do: :error

  defp monitor_nodes_error(_flag, opts) when is_list(opts) do
    try do
      rest1 =
        case check_opt({:node_type, :value}, opts) do
          {true, {:node_type, type}, rest} when type in [:visible, :hidden, :all] -> rest
          {true, {:node_type, _} = opt, _rest} -> throw({:error, {:bad_option_value, opt}})
          false -> opts
        end
      rest2 =
        case check_opt(:nodedown_reason, rest1) do
          {true, :nodedown_reason, rest} -> rest
          false -> rest1
        end
      case rest2 do
        [] -> {:error, :internal_error}
        _ -> {:error, {:unknown_options, rest2}}
      end
    catch
      {:error, _} = error -> error
      # an improper list
      :error, reason -> {:error, {:internal_error, {:EXIT, {reason, __STACKTRACE__}}}}
    end
  end

  defp monitor_nodes_error(_flag, opts) when is_map(opts) do
    try do
      bad =
        Enum.reduce([:connection_id, :nodedown_reason, :node_type], opts, fn key, acc ->
          case :maps.find(key, acc) do
            :error -> acc
            {:ok, value} ->
              ok = if key == :node_type, do: value in [:visible, :hidden, :all], else: is_boolean(value)
              if ok, do: :maps.remove(key, acc), else: throw({:error, {:bad_option_value, %{key => value}}})
          end
        end)
      case map_size(bad) do
        0 -> {:error, :internal_error}
        _ -> {:error, {:unknown_options, bad}}
      end
    catch
      {:error, _} = error -> error
    end
  end

  defp monitor_nodes_error(_flag, opts), do: {:error, {:invalid_options, opts}}

  # finds opt (or {key, :value}: any {key, _}) in opts, all equal, and the
  # other options (in reverse, as net_kernel leaves them)
  defp check_opt(opt, opts), do: check_opt(opt, opts, false, [])
  defp check_opt(_opt, [], false, _others), do: false
  defp check_opt(_opt, [], {true, found}, others), do: {true, found, others}
  defp check_opt(opt, [opt | rest], false, others), do: check_opt(opt, rest, {true, opt}, others)
  defp check_opt(opt, [opt | rest], {true, opt} = found, others), do: check_opt(opt, rest, found, others)

  defp check_opt({key, :value} = topt, [{key, _} = found | rest], false, others),
    do: check_opt(topt, rest, {true, found}, others)

  defp check_opt({key, :value} = topt, [{key, _} = found | rest], {true, found} = tfound, others),
    do: check_opt(topt, rest, tfound, others)

  defp check_opt({key, :value}, [{key, _} = found1 | _rest], {true, {key, _} = found2}, _others),
    do: throw({:error, {:option_value_mismatch, [found1, found2]}})

  defp check_opt(opt, [other | rest], found, others), do: check_opt(opt, rest, found, [other | others])

  def get_net_ticktime(), do: ticktime_res(request(:ticktime))

  def set_net_ticktime(t) when is_integer(t), do: set_net_ticktime(t, @transition_period)

  def set_net_ticktime(t, tp) when is_integer(t) and t > 0 and is_integer(tp) and tp >= 0 do
    ticktime_res(request({:new_ticktime, t * 1000, tp * 1000}))
  end

  def nodename(), do: request(:nodename)
  def longnames(), do: request(:longnames)
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
  def handle_call(:longnames, _from, state), do: {:reply, :ciex_dist.longnames(), state}
  def handle_call({:disconnect, node}, _from, state) when is_atom(node), do: {:reply, :erlang.disconnect_node(node), state}
  def handle_call({:disconnect, _node}, _from, state), do: {:reply, false, state}

  def handle_call(:ticktime, _from, state) do
    case state.tick do
      {:tick, t} -> {:reply, t, state}
      {:tick_change, t, _how} -> {:reply, {:ongoing_change_to, t}, state}
    end
  end

  def handle_call({:new_ticktime, t, tp}, _from, state) when is_integer(t) and t > 0 and is_integer(tp) and tp >= 0 do
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
