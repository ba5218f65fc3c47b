# Task: Elixir 1.14's Task (async/await/yield/shutdown, start,
# start_link), on proc_lib processes.  A task process runs its function
# once it hears {owner, ref, reply_to} and answers {ref, result}; a crash
# is logged as Elixir logs a {Task.Supervisor, :terminating} report and
# ends the process with the crash as exit reason (which the link carries
# to the owner).
defmodule Task do
  defstruct mfa: nil, owner: nil, pid: nil, ref: nil

  def child_spec(arg) do
    %{id: Task, start: {Task, :start_link, [arg]}, restart: :temporary}
  end

  def async(fun) when is_function(fun, 0), do: async(:erlang, :apply, [fun, []])

  def async(module, function_name, args) when is_atom(module) and is_atom(function_name) and is_list(args) do
    owner = self()
    {:ok, pid} = Task.Supervised.start_link(get_owner(owner), :nomonitor)
    ref = :erlang.monitor(:process, pid, alias: :demonitor)
    send(pid, {owner, ref, ref, get_callers(owner), {module, function_name, args}})
    %Task{pid: pid, ref: ref, owner: owner, mfa: {module, function_name, length(args)}}
  end

  def start(fun) when is_function(fun, 0), do: start(:erlang, :apply, [fun, []])

  def start(module, function_name, args) when is_atom(module) and is_atom(function_name) and is_list(args) do
    Task.Supervised.start(get_owner(self()), get_callers(self()), {module, function_name, args})
  end

  def start_link(fun) when is_function(fun, 0), do: start_link(:erlang, :apply, [fun, []])

  def start_link(module, function_name, args) when is_atom(module) and is_atom(function_name) and is_list(args) do
    Task.Supervised.start_link(get_owner(self()), get_callers(self()), {module, function_name, args})
  end

  # {node, registered name or pid, pid}: who started a task, as Elixir
  # passes it (a task on another node reports its starter with it)
  @doc false
  def get_owner(pid) do
    self_or_name =
      case Process.info(pid, :registered_name) do
        {:registered_name, name} when is_atom(name) -> name
        _ -> pid
      end
    {node(), self_or_name, pid}
  end

  @doc false
  def get_callers(owner) do
    case :erlang.get(:"$callers") do
      [_ | _] = list -> [owner | list]
      _ -> [owner]
    end
  end

  def await(task, timeout \\ 5000)

  def await(%Task{ref: ref, owner: owner} = task, timeout) do
    check_owner(task, owner)
    receive do
      {^ref, reply} ->
        :erlang.demonitor(ref, [:flush])
        reply
      {:DOWN, ^ref, _, proc, reason} ->
        exit({down_reason(reason, proc), {Task, :await, [task, timeout]}})
    after
      timeout ->
        :erlang.demonitor(ref, [:flush])
        exit({:timeout, {Task, :await, [task, timeout]}})
    end
  end

  def await_many(tasks, timeout \\ 5000) when is_list(tasks) do
    Enum.map(tasks, fn task -> await(task, timeout) end)
  end

  # async_stream: the results are computed when the stream is created and
  # come back as a list of {:ok, value} (or {:exit, reason} for a task
  # killed on timeout with on_timeout: :kill_task), in input order unless
  # ordered: false.  Elixir's is lazy; ciex's Stream has no resource yet.
  def async_stream(enumerable, fun, options \\ []) when is_function(fun, 1) do
    stream_run(enumerable, fn x -> fun.(x) end, options)
  end

  def async_stream(enumerable, module, function_name, args, options \\ [])
      when is_atom(module) and is_atom(function_name) and is_list(args) do
    stream_run(enumerable, fn x -> apply(module, function_name, [x | args]) end, options)
  end

  # The tasks run under a coordinator process linked to the caller, whose
  # mailbox holds nothing but their replies; a crashing task takes the
  # coordinator, and so the caller, down with its reason.
  defp stream_run(enumerable, fun, options) do
    items = Enum.to_list(enumerable)
    caller = self()
    tag = make_ref()
    coordinator = spawn_link(fn -> Task.Supervised.stream_coordinate(caller, tag, items, fun, options) end)
    mref = :erlang.monitor(:process, coordinator)
    receive do
      {^tag, {:ok, results}} ->
        receive do
          {:DOWN, ^mref, _, _, _} -> :ok
        end
        receive do
          {:EXIT, ^coordinator, _} -> :ok
        after
          0 -> :ok
        end
        results
      {^tag, {:exit, reason}} ->
        :erlang.demonitor(mref, [:flush])
        exit(reason)
      {:DOWN, ^mref, _, _, reason} ->
        exit(reason)
    end
  end

  def yield(task, timeout \\ 5000)

  def yield(%Task{ref: ref, owner: owner} = task, timeout) do
    check_owner(task, owner)
    receive do
      {^ref, reply} ->
        :erlang.demonitor(ref, [:flush])
        {:ok, reply}
      {:DOWN, ^ref, _, proc, :noconnection} ->
        exit({down_reason(:noconnection, proc), {Task, :yield, [task, timeout]}})
      {:DOWN, ^ref, _, _, reason} ->
        {:exit, reason}
    after
      timeout -> nil
    end
  end

  def ignore(%Task{ref: ref, pid: pid, owner: owner} = task) do
    check_owner(task, owner)
    :erlang.unlink(pid)
    receive do
      {^ref, reply} ->
        :erlang.demonitor(ref, [:flush])
        {:ok, reply}
      {:DOWN, ^ref, _, _, reason} ->
        {:exit, reason}
    after
      0 ->
        :erlang.demonitor(ref, [:flush])
        nil
    end
  end

  def shutdown(task, shutdown \\ 5000)

  def shutdown(%Task{pid: pid, ref: ref, owner: owner} = task, shutdown) do
    check_owner(task, owner)
    :erlang.unlink(pid)
    case shutdown do
      :brutal_kill -> :erlang.exit(pid, :kill)
      _ -> :erlang.exit(pid, :shutdown)
    end
    receive do
      {^ref, reply} ->
        :erlang.demonitor(ref, [:flush])
        flush_exit(pid)
        {:ok, reply}
      {:DOWN, ^ref, _, _, reason} ->
        flush_exit(pid)
        shutdown_reason(reason, shutdown)
    after
      shutdown_timeout(shutdown) ->
        :erlang.exit(pid, :kill)
        receive do
          {^ref, reply} ->
            :erlang.demonitor(ref, [:flush])
            flush_exit(pid)
            {:ok, reply}
          {:DOWN, ^ref, _, _, reason} ->
            flush_exit(pid)
            shutdown_reason(reason, :brutal_kill)
        end
    end
  end

  defp shutdown_timeout(:brutal_kill), do: :infinity
  defp shutdown_timeout(timeout), do: timeout

  defp shutdown_reason(:shutdown, _), do: nil
  defp shutdown_reason(:killed, :brutal_kill), do: nil
  defp shutdown_reason(:noproc, _), do: nil
  defp shutdown_reason(reason, _), do: {:exit, reason}

  defp flush_exit(pid) do
    receive do
      {:EXIT, ^pid, _} -> :ok
    after
      0 -> :ok
    end
  end

  defp check_owner(task, owner) do
    if owner != self() do
      raise ArgumentError,
            "task " <> inspect(task) <> " must be queried from the owner but was queried from " <> inspect(self())
    end
    :ok
  end

  defp down_reason(:noconnection, proc), do: {:nodedown, monitor_node(proc)}
  defp down_reason(reason, _), do: reason

  defp monitor_node(pid) when is_pid(pid), do: node(pid)
  defp monitor_node({_, node}), do: node
end

defmodule Task.Supervised do
  # The processes of Task and Task.Supervisor, with Elixir 1.14's entry
  # points and messages, so that a task supervisor on another node (BEAM or
  # ciex) starts the same processes.  owner is {node, name or pid, pid}.
  def start_link(owner, monitor), do: {:ok, :proc_lib.spawn_link(Task.Supervised, :reply, [owner, monitor])}
  def start_link(owner, callers, mfa), do: {:ok, :proc_lib.spawn_link(Task.Supervised, :noreply, [owner, callers, mfa])}
  def start(owner, callers, mfa), do: {:ok, :proc_lib.spawn(Task.Supervised, :noreply, [owner, callers, mfa])}

  # async: wait for {owner_pid, ref, reply_to, callers, mfa}, run, answer
  # {ref, result} to reply_to (an alias of the owner's monitor).  Under a
  # supervisor the owner is monitored meanwhile: if it goes, so does this.
  def reply({_, _, owner_pid} = owner, monitor) do
    case monitor do
      :monitor -> reply(owner, owner_pid, :erlang.monitor(:process, owner_pid), 5000)
      :nomonitor -> reply(owner, owner_pid, nil, :infinity)
    end
  end

  defp reply(owner, owner_pid, mref, timeout) do
    receive do
      {^owner_pid, ref, reply_to, callers, mfa} ->
        :erlang.put(:"$initial_call", initial_call(mfa))
        put_callers(callers)
        if mref, do: :erlang.demonitor(mref, [:flush])
        send(reply_to, {ref, invoke_mfa(owner, mfa)})
      {:DOWN, ^mref, _, _, reason} ->
        exit({:shutdown, reason})
    after
      timeout -> exit(:timeout)
    end
  end

  # start, start_link, Task.Supervisor.start_child: run, the result goes nowhere.
  def noreply(owner, callers, mfa) do
    :erlang.put(:"$initial_call", initial_call(mfa))
    put_callers(callers)
    invoke_mfa(owner, mfa)
  end

  defp initial_call({:erlang, :apply, [fun, []]}) when is_function(fun, 0) do
    {:module, module} = :erlang.fun_info(fun, :module)
    {:name, name} = :erlang.fun_info(fun, :name)
    {module, name, 0}
  end

  defp initial_call({mod, fun, args}), do: {mod, fun, length(args)}

  # the starter as the terminating report names it
  defp get_from({node, pid_or_name, _pid}) when node == node(), do: pid_or_name
  defp get_from({node, name, _pid}) when is_atom(name), do: {node, name}
  defp get_from({_node, _name, pid}), do: pid

  def stream_coordinate(caller, tag, items, fun, options) do
    put_callers([caller])
    max = Keyword.get(options, :max_concurrency, System.schedulers_online())
    ordered = Keyword.get(options, :ordered, true)
    timeout = Keyword.get(options, :timeout, 5000)
    on_timeout = Keyword.get(options, :on_timeout, :exit)
    {indexed, _} = Enum.reduce(items, {[], 1}, fn x, {acc, i} -> {[{i, x} | acc], i + 1} end)
    indexed = :lists.reverse(indexed)
    result = stream_loop(indexed, %{}, max, timeout, on_timeout, fun, [])
    case result do
      {:ok, done} ->
        ordered_results =
          case ordered do
            true -> for {_i, r} <- :lists.sort(done), do: r
            false -> for {_i, r} <- :lists.reverse(done), do: r
          end
        send(caller, {tag, {:ok, ordered_results}})
      {:exit, reason} ->
        send(caller, {tag, {:exit, reason}})
    end
  end

  # running: %{monitor ref => {index, pid, deadline}}; done: [{index, result}]
  defp stream_loop([], running, _max, _timeout, _on_timeout, _fun, done) when map_size(running) == 0 do
    {:ok, done}
  end

  defp stream_loop([{i, x} | rest], running, max, timeout, on_timeout, fun, done) when map_size(running) < max do
    me = self()
    pid = spawn(fn -> send(me, {:stream_result, self(), fun.(x)}) end)
    ref = :erlang.monitor(:process, pid)
    deadline =
      case timeout do
        :infinity -> :infinity
        _ -> now_ms() + timeout
      end
    stream_loop(rest, :maps.put(ref, {i, pid, deadline}, running), max, timeout, on_timeout, fun, done)
  end

  defp stream_loop(pending, running, max, timeout, on_timeout, fun, done) do
    {wait, first_ref} = next_deadline(running)
    receive do
      {:stream_result, pid, value} ->
        case find_running(running, pid) do
          nil ->
            stream_loop(pending, running, max, timeout, on_timeout, fun, done)
          {ref, i} ->
            :erlang.demonitor(ref, [:flush])
            stream_loop(pending, :maps.remove(ref, running), max, timeout, on_timeout, fun, [{i, {:ok, value}} | done])
        end
      {:DOWN, ref, :process, _pid, reason} ->
        case :maps.find(ref, running) do
          {:ok, _} -> exit(reason)
          :error -> stream_loop(pending, running, max, timeout, on_timeout, fun, done)
        end
    after
      wait ->
        {i, pid, _} = :maps.get(first_ref, running)
        case on_timeout do
          :kill_task ->
            :erlang.demonitor(first_ref, [:flush])
            :erlang.exit(pid, :kill)
            stream_loop(pending, :maps.remove(first_ref, running), max, timeout, on_timeout, fun,
                        [{i, {:exit, :timeout}} | done])
          _ ->
            {:exit, {:timeout, {Task.Supervised, :stream, [timeout]}}}
        end
    end
  end

  defp next_deadline(running) do
    Enum.reduce(:maps.to_list(running), {:infinity, nil}, fn {ref, {_i, _pid, deadline}}, {best, best_ref} ->
      case deadline != :infinity and (best == :infinity or deadline < best) do
        true -> {deadline, ref}
        false -> {best, best_ref}
      end
    end)
    |> case do
      {:infinity, ref} -> {:infinity, ref}
      {deadline, ref} -> {max(deadline - now_ms(), 0), ref}
    end
  end

  defp find_running(running, pid) do
    case for({ref, {i, ^pid, _}} <- :maps.to_list(running), do: {ref, i}) do
      [found | _] -> found
      [] -> nil
    end
  end

  defp now_ms(), do: div(:erlang.monotonic_time(), 1_000_000)

  defp put_callers(callers), do: :erlang.put(:"$callers", callers)

  def invoke_mfa(owner, mfa) do
    try do
      apply_mfa(mfa)
    catch
      kind, value ->
        case kind == :exit and shutdown?(value) do
          true ->
            exit(value)
          false ->
            stack = __STACKTRACE__
            {function, fargs} = get_running(mfa)
            :ciex_log.task_terminating(self(), get_from(owner), function, fargs, {log_value(kind, value), stack})
            exit(:proc_lib.exit_reason(kind, value, stack))
        end
    end
  end

  # {:erlang, :apply, [fun, args]} is how a fun travels as an MFA
  defp apply_mfa({:erlang, :apply, [fun, args]}) when is_function(fun), do: apply(fun, args)
  defp apply_mfa({module, fun, args}), do: apply(module, fun, args)

  defp shutdown?(:normal), do: true
  defp shutdown?(:shutdown), do: true
  defp shutdown?({:shutdown, _}), do: true
  defp shutdown?(_), do: false

  defp get_running({:erlang, :apply, [fun, args]}) when is_function(fun), do: {fun, args}

  defp get_running({mod, fun, args}), do: {:erlang.make_fun(mod, fun, length(args)), args}

  defp log_value(:throw, value), do: {:nocatch, value}
  defp log_value(_, value), do: value
end
