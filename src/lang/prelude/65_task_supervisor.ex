# Task.Supervisor, as Elixir 1.14's: a DynamicSupervisor whose children
# are Task.Supervised processes, started with the call
# {:start_task, args, restart, shutdown}.  The supervisor may be on
# another node ({name, node}, of either kind): async then links to and
# monitors the remote task and sends it {owner, ref, reply_to, callers,
# mfa}, as Elixir does.
defmodule Task.Supervisor do
  def child_spec(opts) when is_list(opts) do
    id =
      case Keyword.get(opts, :name, Task.Supervisor) do
        name when is_atom(name) -> name
        {:global, name} -> name
        {:via, _module, name} -> name
      end
    %{id: id, start: {Task.Supervisor, :start_link, [opts]}, type: :supervisor}
  end

  def start_link(options \\ []) do
    {restart, options} = Keyword.pop(options, :restart)
    {shutdown, options} = Keyword.pop(options, :shutdown)
    {sup_opts, start_opts} = Keyword.split(options, [:max_children, :max_seconds, :max_restarts])
    DynamicSupervisor.start_link(Task.Supervisor, {{restart || :temporary, shutdown || 5000}, sup_opts}, start_opts)
  end

  def init({{_restart, _shutdown} = arg, options}) do
    :erlang.put(Task.Supervisor, arg)
    DynamicSupervisor.init([strategy: :one_for_one] ++ options)
  end

  def async(supervisor, fun, options \\ []), do: async(supervisor, :erlang, :apply, [fun, []], options)

  def async(supervisor, module, fun, args, options \\ []) when is_atom(module) and is_atom(fun) and is_list(args) do
    async(supervisor, :link, module, fun, args, options)
  end

  def async_nolink(supervisor, fun, options \\ []), do: async_nolink(supervisor, :erlang, :apply, [fun, []], options)

  def async_nolink(supervisor, module, fun, args, options \\ []) when is_atom(module) and is_atom(fun) and is_list(args) do
    async(supervisor, :nolink, module, fun, args, options)
  end

  def start_child(supervisor, fun, options \\ []) do
    args = [Task.get_owner(self()), Task.get_callers(self()), {:erlang, :apply, [fun, []]}]
    start_child_with_spec(supervisor, args, options[:restart], options[:shutdown])
  end

  def start_child(supervisor, module, fun, args, options) when is_atom(fun) and is_list(args) do
    args = [Task.get_owner(self()), Task.get_callers(self()), {module, fun, args}]
    start_child_with_spec(supervisor, args, options[:restart], options[:shutdown])
  end

  def start_child(supervisor, module, fun, args), do: start_child(supervisor, module, fun, args, [])

  # async_stream: as Task.async_stream (its results are computed when it
  # is called, and come back as a list), each element's task started on
  # the supervisor; with async_stream the tasks are linked to the caller,
  # with async_stream_nolink a crash is an {:exit, reason} in the list.
  def async_stream(supervisor, enumerable, fun, options \\ []) when is_function(fun, 1),
    do: stream(supervisor, :link, enumerable, fun, options)

  def async_stream(supervisor, enumerable, module, function, args, options \\ [])
      when is_atom(module) and is_atom(function) and is_list(args),
      do: stream(supervisor, :link, enumerable, {module, function, args}, options)

  def async_stream_nolink(supervisor, enumerable, fun, options \\ []) when is_function(fun, 1),
    do: stream(supervisor, :nolink, enumerable, fun, options)

  def async_stream_nolink(supervisor, enumerable, module, function, args, options \\ [])
      when is_atom(module) and is_atom(function) and is_list(args),
      do: stream(supervisor, :nolink, enumerable, {module, function, args}, options)

  defp stream(supervisor, link_type, enumerable, mfa, options) do
    config = %{
      supervisor: supervisor,
      link_type: link_type,
      mfa: mfa,
      max: Keyword.get(options, :max_concurrency, System.schedulers_online()),
      ordered: Keyword.get(options, :ordered, true),
      timeout: Keyword.get(options, :timeout, 5000),
      on_timeout: Keyword.get(options, :on_timeout, :exit),
      zip: Keyword.get(options, :zip_input_on_exit, false),
      shutdown: options[:shutdown]
    }
    {indexed, _} = Enum.reduce(enumerable, {[], 1}, fn x, {acc, i} -> {[{i, x} | acc], i + 1} end)
    done = stream_loop(:lists.reverse(indexed), %{}, [], config)
    case config.ordered do
      true -> for {_i, r} <- :lists.sort(done), do: r
      false -> for {_i, r} <- :lists.reverse(done), do: r
    end
  end

  # running: %{ref => {index, pid, deadline, input}}; done: [{index, result}]
  defp stream_loop([], running, done, _config) when map_size(running) == 0, do: done

  defp stream_loop([{i, x} | rest], running, done, %{max: max} = config) when map_size(running) < max do
    owner = self()
    case start_child_with_spec(config.supervisor, [Task.get_owner(owner), :monitor], :temporary, config.shutdown) do
      {:ok, pid} ->
        if config.link_type == :link, do: :erlang.link(pid)
        ref = :erlang.monitor(:process, pid, alias: :demonitor)
        send(pid, {owner, ref, ref, Task.get_callers(owner), with_arg(config.mfa, x)})
        deadline = if config.timeout == :infinity, do: :infinity, else: now_ms() + config.timeout
        stream_loop(rest, :maps.put(ref, {i, pid, deadline, x}, running), done, config)
      {:error, :max_children} ->
        raise RuntimeError,
              "reached the maximum number of tasks for this task supervisor. The maximum number of tasks that are allowed to run at the same time under this supervisor can be configured with the :max_children option passed to Task.Supervisor.start_link/1. When using async_stream or async_stream_nolink, make sure to configure :max_concurrency to be lower or equal to :max_children and pay attention to whether other tasks are also spawned under the same task supervisor."
    end
  end

  defp stream_loop(pending, running, done, config) do
    {wait, first} = next_deadline(running)
    receive do
      {ref, value} when is_reference(ref) and is_map_key(running, ref) ->
        :erlang.demonitor(ref, [:flush])
        {i, _pid, _deadline, _x} = :maps.get(ref, running)
        stream_loop(pending, :maps.remove(ref, running), [{i, {:ok, value}} | done], config)
      {:DOWN, ref, :process, _pid, reason} when is_map_key(running, ref) ->
        {i, _pid, _deadline, x} = :maps.get(ref, running)
        exit_value = if config.zip, do: {x, reason}, else: reason
        stream_loop(pending, :maps.remove(ref, running), [{i, {:exit, exit_value}} | done], config)
    after
      wait ->
        {i, pid, _deadline, x} = :maps.get(first, running)
        case config.on_timeout do
          :kill_task ->
            :erlang.demonitor(first, [:flush])
            :erlang.unlink(pid)
            :erlang.exit(pid, :kill)
            exit_value = if config.zip, do: {x, :timeout}, else: :timeout
            stream_loop(pending, :maps.remove(first, running), [{i, {:exit, exit_value}} | done], config)
          :exit ->
            for {ref, {_i, pid, _d, _x}} <- :maps.to_list(running) do
              :erlang.demonitor(ref, [:flush])
              :erlang.unlink(pid)
              :erlang.exit(pid, :kill)
            end
            exit({:timeout, {Task.Supervised, :stream, [config.timeout]}})
        end
    end
  end

  defp with_arg({m, f, a}, x), do: {m, f, [x | a]}
  defp with_arg(fun, x), do: {:erlang, :apply, [fun, [x]]}

  defp next_deadline(running) do
    {best, ref} =
      Enum.reduce(:maps.to_list(running), {:infinity, nil}, fn {ref, {_i, _pid, deadline, _x}}, {best, best_ref} ->
        case deadline != :infinity and (best == :infinity or deadline < best) do
          true -> {deadline, ref}
          false -> {best, best_ref}
        end
      end)
    case best do
      :infinity -> {:infinity, ref}
      deadline -> {max(deadline - now_ms(), 0), ref}
    end
  end

  defp now_ms(), do: :erlang.monotonic_time(:millisecond)

  def children(supervisor) do
    for {_, pid, _, _} <- DynamicSupervisor.which_children(supervisor), is_pid(pid), do: pid
  end

  def terminate_child(supervisor, pid) when is_pid(pid), do: DynamicSupervisor.terminate_child(supervisor, pid)

  defp async(supervisor, link_type, module, fun, args, options) do
    owner = self()
    case start_child_with_spec(supervisor, [Task.get_owner(owner), :monitor], :temporary, options[:shutdown]) do
      {:ok, pid} ->
        if link_type == :link, do: :erlang.link(pid)
        ref = :erlang.monitor(:process, pid, alias: :demonitor)
        send(pid, {owner, ref, ref, Task.get_callers(owner), {module, fun, args}})
        %Task{pid: pid, ref: ref, owner: owner, mfa: {module, fun, length(args)}}
      {:error, :max_children} ->
        raise RuntimeError,
              "reached the maximum number of tasks for this task supervisor. The maximum number of tasks that are allowed to run at the same time under this supervisor can be configured with the :max_children option passed to Task.Supervisor.start_link/1"
    end
  end

  defp start_child_with_spec(supervisor, args, restart, shutdown) do
    GenServer.call(supervisor, {:start_task, args, restart, shutdown}, :infinity)
  end
end
