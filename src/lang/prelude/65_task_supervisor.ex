# Task.Supervisor, as Elixir 1.14's: a DynamicSupervisor whose children
# are Task.Supervised processes, started with the call
# {:start_task, args, restart, shutdown}.  The supervisor may be on
# another node ({name, node}, of either kind): async then links to and
# monitors the remote task and sends it {owner, ref, reply_to, callers,
# mfa}, as Elixir does.  async_stream is not there yet.
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
