# DynamicSupervisor, as Elixir 1.14's dynamic_supervisor.ex: a gen_server
# whose children (one_for_one, started on demand) are kept by pid as
# {mfa, restart, shutdown, type, modules}.  Its calls are Elixir's own
# ({:start_child, child}, {:terminate_child, pid}, :which_children,
# :count_children, and Task.Supervisor's {:start_task, args, restart,
# shutdown}), so a node of either kind can start children on it.
# Supervisor reports (child terminated, start errors) are SASL reports,
# which Elixir does not print by default; ciex does not print them either.
# `use DynamicSupervisor` adds child_spec/1 (src/lang/compile_module.c).
defmodule DynamicSupervisor do
  defstruct args: nil, children: %{}, extra_arguments: nil, max_children: nil, max_restarts: nil,
            max_seconds: nil, mod: nil, name: nil, restarts: [], strategy: nil

  # ---- API ----

  def child_spec(opts) when is_list(opts) do
    id =
      case Keyword.get(opts, :name, DynamicSupervisor) do
        name when is_atom(name) -> name
        {:global, name} -> name
        {:via, _module, name} -> name
      end
    %{id: id, start: {DynamicSupervisor, :start_link, [opts]}, type: :supervisor}
  end

  def start_link(options) when is_list(options) do
    keys = [:extra_arguments, :max_children, :max_seconds, :max_restarts, :strategy]
    {sup_opts, start_opts} = Keyword.split(options, keys)
    start_link(Supervisor.Default, init(sup_opts), start_opts)
  end

  def start_link(module, init_arg, opts \\ []) do
    GenServer.start_link(DynamicSupervisor, {module, init_arg, opts[:name]}, opts)
  end

  def start_child(supervisor, {_, _, _, _, _, _} = child_spec), do: validate_and_start_child(supervisor, child_spec)
  def start_child(supervisor, child_spec), do: validate_and_start_child(supervisor, Supervisor.child_spec(child_spec, []))

  def terminate_child(supervisor, pid) when is_pid(pid), do: call(supervisor, {:terminate_child, pid})
  def which_children(supervisor), do: call(supervisor, :which_children)
  def count_children(supervisor), do: :maps.from_list(call(supervisor, :count_children))
  def stop(supervisor, reason \\ :normal, timeout \\ :infinity), do: GenServer.stop(supervisor, reason, timeout)

  # the flags a callback module's init/1 returns
  def init(options) when is_list(options) do
    {:ok,
     %{
       strategy: Keyword.get(options, :strategy, :one_for_one),
       intensity: Keyword.get(options, :max_restarts, 3),
       period: Keyword.get(options, :max_seconds, 5),
       max_children: Keyword.get(options, :max_children, :infinity),
       extra_arguments: Keyword.get(options, :extra_arguments, [])
     }}
  end

  # ---- the server ----

  def init({mod, init_arg, name}) do
    :erlang.put(:"$initial_call", {:supervisor, mod, 1})
    :erlang.process_flag(:trap_exit, true)
    case mod.init(init_arg) do
      {:ok, flags} when is_map(flags) ->
        name =
          cond do
            name == nil -> {self(), mod}
            is_atom(name) -> {:local, name}
            is_tuple(name) -> name
          end
        state = %DynamicSupervisor{mod: mod, args: init_arg, name: name}
        case init_state(state, flags) do
          {:ok, state} -> {:ok, state}
          {:error, reason} -> {:stop, {:supervisor_data, reason}}
        end
      :ignore ->
        :ignore
      other ->
        {:stop, {:bad_return, {mod, :init, other}}}
    end
  end

  defp init_state(state, flags) do
    extra_arguments = Map.get(flags, :extra_arguments, [])
    max_children = Map.get(flags, :max_children, :infinity)
    max_restarts = Map.get(flags, :intensity, 1)
    max_seconds = Map.get(flags, :period, 5)
    strategy = Map.get(flags, :strategy, :one_for_one)
    with :ok <- validate_strategy(strategy),
         :ok <- validate_restarts(max_restarts),
         :ok <- validate_seconds(max_seconds),
         :ok <- validate_dynamic(max_children),
         :ok <- validate_extra_arguments(extra_arguments) do
      {:ok,
       %{state | extra_arguments: extra_arguments, max_children: max_children, max_restarts: max_restarts,
           max_seconds: max_seconds, strategy: strategy}}
    end
  end

  def handle_call(:which_children, _from, %{children: children} = state) do
    reply =
      for {pid, args} <- children do
        case args do
          {:restarting, {_, _, _, type, modules}} -> {:undefined, :restarting, type, modules}
          {_, _, _, type, modules} -> {:undefined, pid, type, modules}
        end
      end
    {:reply, reply, state}
  end

  def handle_call(:count_children, _from, %{children: children} = state) do
    {active, workers, supervisors} =
      Enum.reduce(children, {0, 0, 0}, fn
        {_pid, {:restarting, {_, _, _, :worker, _}}}, {a, w, s} -> {a, w + 1, s}
        {_pid, {:restarting, {_, _, _, :supervisor, _}}}, {a, w, s} -> {a, w, s + 1}
        {_pid, {_, _, _, :worker, _}}, {a, w, s} -> {a + 1, w + 1, s}
        {_pid, {_, _, _, :supervisor, _}}, {a, w, s} -> {a + 1, w, s + 1}
      end)
    {:reply, [specs: map_size(children), active: active, supervisors: supervisors, workers: workers], state}
  end

  def handle_call({:terminate_child, pid}, _from, %{children: children} = state) do
    case children do
      %{^pid => info} ->
        :ok = terminate_children(%{pid => info})
        {:reply, :ok, delete_child(pid, state)}
      %{} ->
        {:reply, {:error, :not_found}, state}
    end
  end

  # Task.Supervisor's children: Task.Supervised.start_link(args...)
  def handle_call({:start_task, args, restart, shutdown}, from, state) do
    {init_restart, init_shutdown} = :erlang.get(Task.Supervisor)
    restart = restart || init_restart
    shutdown = shutdown || init_shutdown
    child = {{Task.Supervised, :start_link, args}, restart, shutdown, :worker, [Task.Supervised]}
    handle_call({:start_child, child}, from, state)
  end

  def handle_call({:start_child, child}, _from, %{children: children, max_children: max_children} = state) do
    case map_size(children) < max_children do
      true -> handle_start_child(child, state)
      false -> {:reply, {:error, :max_children}, state}
    end
  end

  def handle_cast(_msg, state), do: {:noreply, state}

  def handle_info({:EXIT, pid, reason}, state) do
    case maybe_restart_child(pid, reason, state) do
      {:ok, state} -> {:noreply, state}
      {:shutdown, state} -> {:stop, :shutdown, state}
    end
  end

  def handle_info({:"$gen_restart", pid}, %{children: children} = state) do
    case children do
      %{^pid => {:restarting, child}} ->
        case restart_child(pid, child, state) do
          {:ok, state} -> {:noreply, state}
          {:shutdown, state} -> {:stop, :shutdown, state}
        end
      %{} ->
        {:noreply, state}
    end
  end

  def handle_info(msg, state) do
    :logger_proxy.log(:error, 'DynamicSupervisor received unexpected message: ~p~n', [msg])
    {:noreply, state}
  end

  def terminate(_reason, %{children: children}), do: :ok = terminate_children(children)

  def code_change(_old, state, _extra), do: {:ok, state}

  # ---- children ----

  defp validate_and_start_child(supervisor, child_spec) do
    case validate_child(child_spec) do
      {:ok, child} -> call(supervisor, {:start_child, child})
      error -> {:error, error}
    end
  end

  defp validate_child(%{id: _, start: {mod, _, _} = start} = child) do
    restart = Map.get(child, :restart, :permanent)
    type = Map.get(child, :type, :worker)
    modules = Map.get(child, :modules, [mod])
    shutdown =
      case type do
        :worker -> Map.get(child, :shutdown, 5000)
        :supervisor -> Map.get(child, :shutdown, :infinity)
      end
    validate_child(start, restart, shutdown, type, modules)
  end

  defp validate_child({_, start, restart, shutdown, type, modules}), do: validate_child(start, restart, shutdown, type, modules)
  defp validate_child(other), do: {:invalid_child_spec, other}

  defp validate_child(start, restart, shutdown, type, modules) do
    with :ok <- validate_start(start),
         :ok <- validate_restart(restart),
         :ok <- validate_shutdown(shutdown),
         :ok <- validate_type(type),
         :ok <- validate_modules(modules) do
      {:ok, {start, restart, shutdown, type, modules}}
    end
  end

  defp handle_start_child({{m, f, args} = mfa, restart, shutdown, type, modules}, %{extra_arguments: extra} = state) do
    case reply = start_child(m, f, extra ++ args) do
      {:ok, pid, _} -> {:reply, reply, save_child(pid, mfa, restart, shutdown, type, modules, state)}
      {:ok, pid} -> {:reply, reply, save_child(pid, mfa, restart, shutdown, type, modules, state)}
      _ -> {:reply, reply, state}
    end
  end

  defp start_child(m, f, a) do
    try do
      apply(m, f, a)
    catch
      kind, reason -> {:error, exit_reason(kind, reason, __STACKTRACE__)}
    else
      {:ok, pid, extra} when is_pid(pid) -> {:ok, pid, extra}
      {:ok, pid} when is_pid(pid) -> {:ok, pid}
      :ignore -> :ignore
      {:error, _} = error -> error
      other -> {:error, other}
    end
  end

  defp exit_reason(:exit, reason, _), do: reason
  defp exit_reason(:error, reason, stack), do: {reason, stack}
  defp exit_reason(:throw, value, stack), do: {{:nocatch, value}, stack}

  defp save_child(pid, mfa, restart, shutdown, type, modules, state) do
    mfa = mfa_for_restart(mfa, restart)
    %{state | children: :maps.put(pid, {mfa, restart, shutdown, type, modules}, state.children)}
  end

  defp mfa_for_restart({m, f, _}, :temporary), do: {m, f, :undefined}
  defp mfa_for_restart(mfa, _), do: mfa

  defp delete_child(pid, %{children: children} = state), do: %{state | children: :maps.remove(pid, children)}

  defp maybe_restart_child(pid, reason, %{children: children} = state) do
    case children do
      %{^pid => {_, restart, _, _, _} = child} -> maybe_restart_child(restart, reason, pid, child, state)
      %{} -> {:ok, state}
    end
  end

  defp maybe_restart_child(:permanent, _reason, pid, child, state), do: restart_child(pid, child, state)
  defp maybe_restart_child(_, :normal, pid, _child, state), do: {:ok, delete_child(pid, state)}
  defp maybe_restart_child(_, :shutdown, pid, _child, state), do: {:ok, delete_child(pid, state)}
  defp maybe_restart_child(_, {:shutdown, _}, pid, _child, state), do: {:ok, delete_child(pid, state)}
  defp maybe_restart_child(:transient, _reason, pid, child, state), do: restart_child(pid, child, state)
  defp maybe_restart_child(:temporary, _reason, pid, _child, state), do: {:ok, delete_child(pid, state)}

  defp restart_child(pid, child, state) do
    case add_restart(state) do
      {:ok, state} ->
        case restart_child_one_for_one(pid, child, state) do
          {:ok, state} ->
            {:ok, state}
          {:try_again, state} ->
            send(self(), {:"$gen_restart", pid})
            {:ok, state}
        end
      {:shutdown, state} ->
        {:shutdown, delete_child(pid, state)}
    end
  end

  defp restart_child_one_for_one(current_pid, child, %{extra_arguments: extra} = state) do
    {{m, f, args} = mfa, restart, shutdown, type, modules} = child
    case start_child(m, f, extra ++ args) do
      {:ok, pid, _} -> {:ok, save_child(pid, mfa, restart, shutdown, type, modules, delete_child(current_pid, state))}
      {:ok, pid} -> {:ok, save_child(pid, mfa, restart, shutdown, type, modules, delete_child(current_pid, state))}
      :ignore -> {:ok, delete_child(current_pid, state)}
      {:error, _reason} -> {:try_again, %{state | children: :maps.put(current_pid, {:restarting, child}, state.children)}}
    end
  end

  defp add_restart(%{max_seconds: max_seconds, max_restarts: max_restarts, restarts: restarts} = state) do
    now = :erlang.monotonic_time(1)
    restarts = for then <- [now | restarts], now <= then + max_seconds, do: then
    state = %{state | restarts: restarts}
    case length(restarts) <= max_restarts do
      true -> {:ok, state}
      false -> {:shutdown, state}
    end
  end

  # Each child is told to shut down (or killed), and waited for; one that
  # outlives its shutdown time is killed.
  defp terminate_children(children) do
    {pids, times} = monitor_children(children)
    timers =
      Enum.reduce(times, %{}, fn {time, pids}, acc -> :maps.put(:erlang.start_timer(time, self(), :kill), pids, acc) end)
    wait_children(pids, map_size(pids), timers)
    :ok
  end

  defp monitor_children(children) do
    Enum.reduce(children, {%{}, %{}}, fn
      {_, {:restarting, _}}, acc ->
        acc
      {pid, child}, {pids, times} ->
        case monitor_child(pid) do
          :ok -> {:maps.put(pid, child, pids), exit_child(pid, child, times)}
          :error -> {pids, times}
        end
    end)
  end

  defp monitor_child(pid) do
    ref = :erlang.monitor(:process, pid)
    :erlang.unlink(pid)
    receive do
      {:EXIT, ^pid, _reason} ->
        receive do
          {:DOWN, ^ref, :process, ^pid, _} -> :error
        end
    after
      0 -> :ok
    end
  end

  defp exit_child(pid, {_, _, shutdown, _, _}, times) do
    case shutdown do
      :brutal_kill ->
        :erlang.exit(pid, :kill)
        times
      :infinity ->
        :erlang.exit(pid, :shutdown)
        times
      time ->
        :erlang.exit(pid, :shutdown)
        Map.update(times, time, [pid], fn pids -> [pid | pids] end)
    end
  end

  defp wait_children(_pids, 0, timers) do
    for {timer, _} <- timers do
      _ = :erlang.cancel_timer(timer)
      receive do
        {:timeout, ^timer, :kill} -> :ok
      after
        0 -> :ok
      end
    end
    :ok
  end

  defp wait_children(pids, size, timers) do
    receive do
      {:DOWN, _ref, :process, pid, _reason} ->
        case pids do
          %{^pid => _} -> wait_children(pids, size - 1, timers)
          %{} -> wait_children(pids, size, timers)
        end
      {:timeout, timer, :kill} ->
        for pid <- :maps.get(timer, timers), do: :erlang.exit(pid, :kill)
        wait_children(pids, size, :maps.remove(timer, timers))
    end
  end

  defp validate_type(type) when type == :supervisor or type == :worker, do: :ok
  defp validate_type(type), do: {:invalid_child_type, type}
  defp validate_strategy(:one_for_one), do: :ok
  defp validate_strategy(strategy), do: {:error, {:invalid_strategy, strategy}}
  defp validate_start({m, f, args}) when is_atom(m) and is_atom(f) and is_list(args), do: :ok
  defp validate_start(mfa), do: {:invalid_mfa, mfa}
  defp validate_shutdown(shutdown) when is_integer(shutdown) and shutdown > 0, do: :ok
  defp validate_shutdown(shutdown) when shutdown == :infinity or shutdown == :brutal_kill, do: :ok
  defp validate_shutdown(shutdown), do: {:invalid_shutdown, shutdown}
  defp validate_seconds(seconds) when is_integer(seconds) and seconds > 0, do: :ok
  defp validate_seconds(seconds), do: {:error, {:invalid_period, seconds}}
  defp validate_restarts(restart) when is_integer(restart) and restart >= 0, do: :ok
  defp validate_restarts(restart), do: {:error, {:invalid_intensity, restart}}
  defp validate_restart(restart) when restart in [:permanent, :temporary, :transient], do: :ok
  defp validate_restart(restart), do: {:invalid_restart_type, restart}
  defp validate_modules(:dynamic), do: :ok

  defp validate_modules(mods) do
    case is_list(mods) and Enum.all?(mods, &is_atom/1) do
      true -> :ok
      false -> {:invalid_modules, mods}
    end
  end

  defp validate_extra_arguments(list) when is_list(list), do: :ok
  defp validate_extra_arguments(extra), do: {:error, {:invalid_extra_arguments, extra}}
  defp validate_dynamic(:infinity), do: :ok
  defp validate_dynamic(dynamic) when is_integer(dynamic) and dynamic >= 0, do: :ok
  defp validate_dynamic(dynamic), do: {:error, {:invalid_max_children, dynamic}}

  defp call(supervisor, req), do: GenServer.call(supervisor, req, :infinity)
end
