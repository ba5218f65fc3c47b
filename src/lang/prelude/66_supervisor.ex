# :supervisor and Elixir's Supervisor.
#
# :supervisor is OTP 25's supervisor.erl as a :gen_server callback module:
# the same calls (:which_children, :count_children, {:start_child, spec},
# {:terminate_child, id}, {:restart_child, id}, {:delete_child, id},
# {:get_childspec, id}), the same child specs (maps or 6-tuples) and flags,
# strategies one_for_one, one_for_all and rest_for_one, and the restart
# intensity (more than `intensity` restarts within `period` seconds: the
# supervisor shuts its children down and exits with :shutdown).
# Supervisor reports are SASL reports, which Elixir does not print.
#
# Children are kept newest first, the order which_children shows and the
# order they are shut down in.
defmodule :supervisor do
  def start_link(mod, args), do: :gen_server.start_link(:supervisor, {:self, mod, args}, [])
  def start_link(name, mod, args), do: :gen_server.start_link(name, :supervisor, {name, mod, args}, [])

  def start_child(sup, spec), do: call(sup, {:start_child, spec})
  def restart_child(sup, id), do: call(sup, {:restart_child, id})
  def delete_child(sup, id), do: call(sup, {:delete_child, id})
  def terminate_child(sup, id), do: call(sup, {:terminate_child, id})
  def get_childspec(sup, id), do: call(sup, {:get_childspec, id})
  def which_children(sup), do: call(sup, :which_children)
  def count_children(sup), do: call(sup, :count_children)

  defp call(sup, req), do: :gen_server.call(sup, req, :infinity)

  def check_childspecs(specs) when is_list(specs) do
    result =
      Enum.reduce(specs, {:ok, []}, fn
        spec, {:ok, acc} ->
          case check_childspec(spec) do
            {:ok, child} -> {:ok, [child | acc]}
            error -> error
          end
        _spec, error -> error
      end)
    case result do
      {:ok, _} -> :ok
      error -> error
    end
  end

  # ---- gen_server callbacks ----

  def init({name, mod, args}) do
    Process.flag(:trap_exit, true)
    sup_name =
      case name do
        :self -> {self(), mod}
        _ -> name
      end
    try do
      mod.init(args)
    catch
      :exit, reason -> {:"$init_exit", reason}
    else
      {:ok, {flags, specs}} ->
        case check_flags(flags) do
          {:ok, state} ->
            state = %{state | name: sup_name, module: mod, args: args}
            init_children(state, specs)
          error ->
            {:stop, {:supervisor_data, error}}
        end
      :ignore ->
        :ignore
      error ->
        {:stop, {:bad_return, {mod, :init, error}}}
    end
    |> init_result()
  end

  defp init_result({:"$init_exit", reason}), do: {:stop, reason}
  defp init_result(other), do: other

  defp check_flags(%{} = flags) do
    strategy = :maps.get(:strategy, flags, :one_for_one)
    intensity = :maps.get(:intensity, flags, 1)
    period = :maps.get(:period, flags, 5)
    auto_shutdown = :maps.get(:auto_shutdown, flags, :never)
    check_flags(strategy, intensity, period, auto_shutdown)
  end

  defp check_flags({strategy, intensity, period}), do: check_flags(strategy, intensity, period, :never)
  defp check_flags(other), do: {:invalid_type, other}

  defp check_flags(strategy, intensity, period, auto_shutdown) do
    cond do
      strategy not in [:one_for_one, :one_for_all, :rest_for_one, :simple_one_for_one] ->
        {:invalid_strategy, strategy}
      not (is_integer(intensity) and intensity >= 0) ->
        {:invalid_intensity, intensity}
      not (is_integer(period) and period > 0) ->
        {:invalid_period, period}
      true ->
        {:ok,
         %{name: nil, module: nil, args: nil, strategy: strategy, intensity: intensity, period: period,
           auto_shutdown: auto_shutdown, restarts: [], children: []}}
    end
  end

  defp init_children(state, specs) do
    case check_specs(specs, []) do
      {:ok, children} ->
        case start_children(children, []) do
          {:ok, started} ->
            {:ok, %{state | children: started}}
          {:error, started, id, reason} ->
            terminate_children(started)
            {:stop, {:shutdown, {:failed_to_start_child, id, reason}}}
        end
      {:error, reason} ->
        {:stop, {:start_spec, reason}}
    end
  end

  defp check_specs([], acc), do: {:ok, :lists.reverse(acc)}

  defp check_specs([spec | rest], acc) do
    case check_childspec(spec) do
      {:ok, child} ->
        case find(acc, child.id) != nil do
          true -> {:error, {:duplicate_child_name, child.id}}
          false -> check_specs(rest, [child | acc])
        end
      {:error, reason} ->
        {:error, reason}
    end
  end

  # Children are started in list order; the result is newest first.
  defp start_children([], started), do: {:ok, started}

  defp start_children([child | rest], started) do
    case do_start_child(child) do
      {:ok, pid} -> start_children(rest, [%{child | pid: pid} | started])
      :ignore -> start_children(rest, ignored(child, started))
      {:error, reason} -> {:error, started, child.id, reason}
    end
  end

  defp ignored(%{restart: :temporary}, started), do: started
  defp ignored(child, started), do: [%{child | pid: :undefined} | started]

  defp do_start_child(%{start: {m, f, a}}) do
    try do
      apply(m, f, a)
    catch
      kind, reason -> {:error, :proc_lib.exit_reason(kind, reason, __STACKTRACE__)}
    else
      {:ok, pid} when is_pid(pid) -> {:ok, pid}
      {:ok, pid, _extra} when is_pid(pid) -> {:ok, pid}
      :ignore -> :ignore
      {:error, reason} -> {:error, reason}
      other -> {:error, other}
    end
  end

  def handle_call(:which_children, _from, state) do
    reply = for c <- state.children, do: {c.id, c.pid, c.type, c.modules}
    {:reply, reply, state}
  end

  def handle_call(:count_children, _from, state) do
    specs = length(state.children)
    active = length(for c <- state.children, is_pid(c.pid), do: c)
    supervisors = length(for c <- state.children, c.type == :supervisor, do: c)
    {:reply, [specs: specs, active: active, supervisors: supervisors, workers: specs - supervisors], state}
  end

  def handle_call({:start_child, spec}, _from, state) do
    case check_childspec(spec) do
      {:ok, child} ->
        case find(state.children, child.id) do
          %{pid: pid} when is_pid(pid) ->
            {:reply, {:error, {:already_started, pid}}, state}
          %{} ->
            {:reply, {:error, :already_present}, state}
          nil ->
            case do_start_child(child) do
              {:ok, pid} -> {:reply, {:ok, pid}, %{state | children: [%{child | pid: pid} | state.children]}}
              :ignore -> {:reply, {:ok, :undefined}, %{state | children: ignored(child, state.children)}}
              {:error, reason} -> {:reply, {:error, {reason, child_record(child)}}, state}
            end
        end
      {:error, reason} ->
        {:reply, {:error, reason}, state}
    end
  end

  def handle_call({:terminate_child, id}, _from, state) do
    case find(state.children, id) do
      nil ->
        {:reply, {:error, :not_found}, state}
      child ->
        shutdown_child(child)
        children =
          case child.restart do
            :temporary -> remove(state.children, id)
            _ -> replace(state.children, %{child | pid: :undefined})
          end
        {:reply, :ok, %{state | children: children}}
    end
  end

  def handle_call({:restart_child, id}, _from, state) do
    case find(state.children, id) do
      nil ->
        {:reply, {:error, :not_found}, state}
      %{pid: :restarting} ->
        {:reply, {:error, :restarting}, state}
      %{pid: pid} when is_pid(pid) ->
        {:reply, {:error, :running}, state}
      child ->
        case do_start_child(child) do
          {:ok, pid} -> {:reply, {:ok, pid}, %{state | children: replace(state.children, %{child | pid: pid})}}
          :ignore -> {:reply, {:ok, :undefined}, state}
          {:error, reason} -> {:reply, {:error, reason}, state}
        end
    end
  end

  def handle_call({:delete_child, id}, _from, state) do
    case find(state.children, id) do
      nil -> {:reply, {:error, :not_found}, state}
      %{pid: :restarting} -> {:reply, {:error, :restarting}, state}
      %{pid: pid} when is_pid(pid) -> {:reply, {:error, :running}, state}
      _ -> {:reply, :ok, %{state | children: remove(state.children, id)}}
    end
  end

  def handle_call({:get_childspec, id}, _from, state) do
    case find(state.children, id) do
      nil -> {:reply, {:error, :not_found}, state}
      child -> {:reply, {:ok, child_to_spec(child)}, state}
    end
  end

  def handle_call(other, _from, state) do
    {:reply, {:error, {:unknown_call, other}}, state}
  end

  def handle_cast({:try_again_restart, id}, state) do
    case find(state.children, id) do
      %{pid: :restarting} = child -> restart(child, state)
      _ -> {:noreply, state}
    end
  end

  def handle_cast(_msg, state), do: {:noreply, state}

  def handle_info({:EXIT, pid, reason}, state) do
    case find_pid(state.children, pid) do
      nil -> {:noreply, state}
      child -> child_exited(child, reason, state)
    end
  end

  def handle_info(_msg, state), do: {:noreply, state}

  def terminate(_reason, state) do
    terminate_children(state.children)
    :ok
  end

  def code_change(_old, state, _extra), do: {:ok, state}

  # ---- restarts ----

  defp child_exited(child, reason, state) do
    case restart_needed(child.restart, reason) do
      :no ->
        children =
          case child.restart do
            :temporary -> remove(state.children, child.id)
            _ -> replace(state.children, %{child | pid: :undefined})
          end
        {:noreply, %{state | children: children}}
      :yes ->
        restart(%{child | pid: :undefined}, %{state | children: replace(state.children, %{child | pid: :undefined})})
    end
  end

  defp restart_needed(:permanent, _), do: :yes
  defp restart_needed(:temporary, _), do: :no
  defp restart_needed(:transient, :normal), do: :no
  defp restart_needed(:transient, :shutdown), do: :no
  defp restart_needed(:transient, {:shutdown, _}), do: :no
  defp restart_needed(:transient, _), do: :yes

  defp restart(child, state) do
    now = div(:erlang.monotonic_time(), 1_000_000_000)
    threshold = now - state.period
    restarts = [now | for(t <- state.restarts, t >= threshold, do: t)]
    state = %{state | restarts: restarts}
    case length(restarts) <= state.intensity do
      false -> {:stop, :shutdown, state}
      true -> do_restart(state.strategy, child, state)
    end
  end

  defp do_restart(:one_for_one, child, state) do
    case do_start_child(child) do
      {:ok, pid} ->
        {:noreply, %{state | children: replace(state.children, %{child | pid: pid})}}
      :ignore ->
        {:noreply, state}
      {:error, _reason} ->
        try_again(child, state)
    end
  end

  defp do_restart(:one_for_all, child, state) do
    others = for c <- state.children, c.id != child.id, do: c
    terminate_children(others)
    stopped = for c <- state.children, do: %{c | pid: :undefined}
    restart_in_order(child, :lists.reverse(stopped), [], state)
  end

  defp do_restart(:rest_for_one, child, state) do
    {newer, rest} = split_at_id(state.children, child.id, [])
    terminate_children(newer)
    stopped = for c <- newer, do: %{c | pid: :undefined}
    [failed | older] = rest
    restart_in_order(child, :lists.reverse(stopped ++ [%{failed | pid: :undefined}]), older, state)
  end

  defp do_restart(:simple_one_for_one, child, state), do: do_restart(:one_for_one, child, state)

  # Starts `to_start` (oldest first) on top of `kept` (newest first).
  defp restart_in_order(failed, to_start, kept, state) do
    case start_children(to_start, kept) do
      {:ok, children} ->
        {:noreply, %{state | children: children}}
      {:error, started, id, _reason} ->
        pending = for c <- to_start, find(started, c.id) == nil, do: c
        children =
          Enum.reduce(pending, started, fn c, acc ->
            case c.id == id do
              true -> [%{c | pid: :restarting} | acc]
              false -> [%{c | pid: :undefined} | acc]
            end
          end)
        :gen_server.cast(self(), {:try_again_restart, failed.id})
        {:noreply, %{state | children: children}}
    end
  end

  defp try_again(child, state) do
    :gen_server.cast(self(), {:try_again_restart, child.id})
    {:noreply, %{state | children: replace(state.children, %{child | pid: :restarting})}}
  end

  defp split_at_id([%{id: id} | _] = rest, id, newer), do: {:lists.reverse(newer), rest}
  defp split_at_id([c | rest], id, newer), do: split_at_id(rest, id, [c | newer])

  # ---- shutting children down (newest first) ----

  defp terminate_children(children) do
    for c <- children, is_pid(c.pid), do: shutdown_child(c)
    :ok
  end

  defp shutdown_child(%{pid: pid, shutdown: shutdown}) when is_pid(pid) do
    ref = :erlang.monitor(:process, pid)
    :erlang.unlink(pid)
    receive do
      {:EXIT, ^pid, _} -> :ok
    after
      0 -> :ok
    end
    case shutdown do
      :brutal_kill ->
        :erlang.exit(pid, :kill)
        await_down(ref)
      :infinity ->
        :erlang.exit(pid, :shutdown)
        await_down(ref)
      timeout ->
        :erlang.exit(pid, :shutdown)
        receive do
          {:DOWN, ^ref, :process, _, reason} -> reason
        after
          timeout ->
            :erlang.exit(pid, :kill)
            await_down(ref)
        end
    end
  end

  defp shutdown_child(_child), do: :ok

  defp await_down(ref) do
    receive do
      {:DOWN, ^ref, :process, _, reason} -> reason
    end
  end

  # ---- child specs ----

  defp check_childspec(%{} = spec) do
    case {:maps.find(:id, spec), :maps.find(:start, spec)} do
      {{:ok, id}, {:ok, {m, f, a} = start}} when is_atom(m) and is_atom(f) and is_list(a) ->
        type = :maps.get(:type, spec, :worker)
        default_shutdown =
          case type do
            :supervisor -> :infinity
            _ -> 5000
          end
        child = %{
          id: id,
          pid: :undefined,
          start: start,
          restart: :maps.get(:restart, spec, :permanent),
          shutdown: :maps.get(:shutdown, spec, default_shutdown),
          type: type,
          modules: :maps.get(:modules, spec, [m])
        }
        validate_child(child)
      {{:ok, _}, {:ok, start}} ->
        {:error, {:invalid_mfa, start}}
      {:error, _} ->
        {:error, :missing_id}
      _ ->
        {:error, :missing_start}
    end
  end

  defp check_childspec({id, start, restart, shutdown, type, modules}) do
    check_childspec(%{id: id, start: start, restart: restart, shutdown: shutdown, type: type, modules: modules})
  end

  defp check_childspec(other), do: {:error, {:invalid_child_spec, other}}

  defp validate_child(child) do
    cond do
      child.restart not in [:permanent, :transient, :temporary] ->
        {:error, {:invalid_restart_type, child.restart}}
      not (child.shutdown == :brutal_kill or child.shutdown == :infinity or
             (is_integer(child.shutdown) and child.shutdown >= 0)) ->
        {:error, {:invalid_shutdown, child.shutdown}}
      child.type not in [:worker, :supervisor] ->
        {:error, {:invalid_child_type, child.type}}
      not (child.modules == :dynamic or is_list(child.modules)) ->
        {:error, {:invalid_modules, child.modules}}
      true ->
        {:ok, child}
    end
  end

  # supervisor.erl's #child{} record, which start_child errors carry
  defp child_record(c) do
    {:child, c.pid, c.id, c.start, c.restart, false, c.shutdown, c.type, c.modules}
  end

  defp child_to_spec(child) do
    %{id: child.id, start: child.start, restart: child.restart, shutdown: child.shutdown,
      type: child.type, modules: child.modules}
  end

  defp find([%{id: id} = c | _], id), do: c
  defp find([_ | rest], id), do: find(rest, id)
  defp find([], _id), do: nil

  defp find_pid([%{pid: pid} = c | _], pid), do: c
  defp find_pid([_ | rest], pid), do: find_pid(rest, pid)
  defp find_pid([], _pid), do: nil
  defp remove(children, id), do: for(c <- children, c.id != id, do: c)

  defp replace(children, child) do
    for c <- children do
      case c.id == child.id do
        true -> child
        false -> c
      end
    end
  end
end

# Supervisor: Elixir 1.14's API over :supervisor.
defmodule Supervisor do
  def start_link(children, options) when is_list(children) do
    {sup_opts, start_opts} = split_opts(options)
    start_link(Supervisor.Default, init(children, sup_opts), start_opts)
  end

  def start_link(module, init_arg) when is_atom(module), do: start_link(module, init_arg, [])

  def start_link(module, init_arg, options) when is_atom(module) and is_list(options) do
    case :lists.keyfind(:name, 1, options) do
      false ->
        :supervisor.start_link(module, init_arg)
      {:name, nil} ->
        :supervisor.start_link(module, init_arg)
      {:name, atom} when is_atom(atom) ->
        :supervisor.start_link({:local, atom}, module, init_arg)
      {:name, {:global, _term} = tuple} ->
        :supervisor.start_link(tuple, module, init_arg)
      {:name, {:via, via_module, _term} = tuple} when is_atom(via_module) ->
        :supervisor.start_link(tuple, module, init_arg)
      {:name, other} ->
        raise ArgumentError,
              "expected :name option to be one of the following:\n\n  * nil\n  * atom\n  * {:global, term}\n  * {:via, module, term}\n\nGot: " <>
                inspect(other) <> "\n"
    end
  end

  defp split_opts(options) do
    keys = [:strategy, :max_seconds, :max_restarts, :max_children]
    sup = for {k, _} = kv <- options, :lists.member(k, keys), do: kv
    start = for {k, _} = kv <- options, not :lists.member(k, keys), do: kv
    {sup, start}
  end

  def init(children, options) when is_list(children) and is_list(options) do
    strategy =
      case :lists.keyfind(:strategy, 1, options) do
        {:strategy, s} -> s
        false -> raise ArgumentError, "expected :strategy option to be given"
      end
    intensity = Keyword.get(options, :max_restarts, 3)
    period = Keyword.get(options, :max_seconds, 5)
    flags = %{strategy: strategy, intensity: intensity, period: period}
    {:ok, {flags, Enum.map(children, &init_child/1)}}
  end

  defp init_child(module) when is_atom(module), do: init_child({module, []})

  defp init_child({module, arg}) when is_atom(module) do
    case :erlang.function_exported(module, :child_spec, 1) do
      true ->
        module.child_spec(arg)
      false ->
        raise ArgumentError,
              "The module " <> inspect(module) <> " was given as a child to a supervisor but it does not implement child_spec/1.\n\n" <>
                "If you own the given module, please define a child_spec/1 function\nthat receives an argument and returns a child specification as a map.\nFor example:\n\n" <>
                "    def child_spec(opts) do\n      %{\n        id: __MODULE__,\n        start: {__MODULE__, :start_link, [opts]},\n        type: :worker,\n        restart: :permanent,\n        shutdown: 500\n      }\n    end\n\n" <>
                "Note that \"use Agent\", \"use GenServer\" and so on automatically define\nthis function for you.\n\n" <>
                "However, if you don't own the given module and it doesn't implement\nchild_spec/1, instead of passing the module name directly as a supervisor\nchild, you will have to pass a child specification as a map:\n\n" <>
                "    %{\n      id: " <> inspect(module) <> ",\n      start: {" <> inspect(module) <> ", :start_link, [arg1, arg2]}\n    }\n\n" <>
                "See the Supervisor documentation for more information"
    end
  end

  defp init_child(map) when is_map(map), do: map
  defp init_child({_, _, _, _, _, _} = tuple), do: tuple

  defp init_child(other) do
    raise ArgumentError, "supervisors expect each child to be one of the following:\n\n" <>
      "  * a module\n  * a {module, arg} tuple\n  * a child specification as a map with at least the :id and :start fields\n" <>
      "  * or a tuple with 6 elements generated by Supervisor.Spec (deprecated)\n\nGot: " <> inspect(other)
  end

  def child_spec(module_or_map, overrides) do
    spec =
      case module_or_map do
        %{} = map -> map
        {module, arg} when is_atom(module) -> init_child({module, arg})
        module when is_atom(module) -> init_child({module, []})
      end
    Enum.reduce(overrides, spec, fn {key, value}, acc ->
      case :lists.member(key, [:id, :start, :restart, :shutdown, :type, :modules, :significant]) do
        true -> :maps.put(key, value, acc)
        false -> raise ArgumentError, "unknown key " <> inspect(key) <> " in child specification override"
      end
    end)
  end

  def start_child(supervisor, child_spec) do
    call(supervisor, {:start_child, Supervisor.child_spec(child_spec, [])})
  end

  def terminate_child(supervisor, child_id), do: call(supervisor, {:terminate_child, child_id})
  def delete_child(supervisor, child_id), do: call(supervisor, {:delete_child, child_id})
  def restart_child(supervisor, child_id), do: call(supervisor, {:restart_child, child_id})
  def which_children(supervisor), do: call(supervisor, :which_children)
  def count_children(supervisor), do: :maps.from_list(call(supervisor, :count_children))

  def stop(supervisor, reason \\ :normal, timeout \\ :infinity), do: GenServer.stop(supervisor, reason, timeout)

  defp call(supervisor, req), do: GenServer.call(supervisor, req, :infinity)
end

defmodule Supervisor.Default do
  def init(args), do: args
end
