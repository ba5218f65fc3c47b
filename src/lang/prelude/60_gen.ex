# :proc_lib and :gen: how OTP behaviours start processes and talk to them.
#
# These mirror OTP 25's proc_lib.erl and gen.erl closely, message for
# message, because a BEAM node will talk to the servers ciex runs:
#
#   start ack      {:ack, pid, return}                 (proc_lib:init_ack/2)
#   call           {label, {caller_pid, tag}, request}  label :"$gen_call" or :system
#   reply          {tag, reply}                        sent to caller_pid
#
# As in OTP 25, a local call without timeout is tagged with its monitor
# reference, any other with [:alias | ref], the monitor doubling as a
# process alias: a reply that comes after the caller gave up is dropped.
defmodule :proc_lib do
  def spawn(fun) when is_function(fun, 0) do
    parent = self()
    ancestors = ancestors()
    :erlang.spawn(fn -> init_p(parent, ancestors, fun) end)
  end

  def spawn(m, f, a) do
    parent = self()
    ancestors = ancestors()
    :erlang.spawn(fn -> init_p(parent, ancestors, m, f, a) end)
  end

  def spawn_link(fun) when is_function(fun, 0) do
    parent = self()
    ancestors = ancestors()
    :erlang.spawn_link(fn -> init_p(parent, ancestors, fun) end)
  end

  def spawn_link(m, f, a) do
    parent = self()
    ancestors = ancestors()
    :erlang.spawn_link(fn -> init_p(parent, ancestors, m, f, a) end)
  end

  def spawn_opt(fun, opts) when is_function(fun, 0) do
    parent = self()
    ancestors = ancestors()
    :erlang.spawn_opt(fn -> init_p(parent, ancestors, fun) end, opts)
  end

  def spawn_opt(m, f, a, opts) do
    parent = self()
    ancestors = ancestors()
    :erlang.spawn_opt(fn -> init_p(parent, ancestors, m, f, a) end, opts)
  end

  # [registered name or pid of the parent | the parent's ancestors]
  defp ancestors() do
    case :erlang.get(:"$ancestors") do
      list when is_list(list) -> list
      _ -> []
    end
  end

  defp parent_id(parent) when node(parent) != node(), do: parent
  defp parent_id(parent) do
    case Process.info(parent, :registered_name) do
      {:registered_name, name} when is_atom(name) and name != [] -> name
      _ -> parent
    end
  end

  def init_p(parent, ancestors, fun) do
    :erlang.put(:"$ancestors", [parent_id(parent) | ancestors])
    :erlang.put(:"$initial_call", fun_mfa(fun))
    try do
      fun.()
    catch
      kind, reason -> exit_p(kind, reason, __STACKTRACE__)
    end
  end

  def init_p(parent, ancestors, m, f, a) do
    :erlang.put(:"$ancestors", [parent_id(parent) | ancestors])
    :erlang.put(:"$initial_call", {m, f, length(a)})
    init_p_do_apply(m, f, a)
  end

  def init_p_do_apply(m, f, a) do
    try do
      apply(m, f, a)
    catch
      kind, reason -> exit_p(kind, reason, __STACKTRACE__)
    end
  end

  defp fun_mfa(fun), do: :erlang.fun_info_mfa(fun)

  # A proc_lib process ends with an exit, never an uncaught error: the crash
  # report proc_lib logs here belongs to the SASL domain, which Elixir's
  # logger does not print, so there is nothing to print.
  def exit_p(kind, reason, stack), do: :erlang.exit(exit_reason(kind, reason, stack))

  def exit_reason(:error, reason, stack), do: {reason, stack}
  def exit_reason(:exit, reason, _stack), do: reason
  def exit_reason(:throw, reason, stack), do: {{:nocatch, reason}, stack}

  # ---- synchronous start ----

  def start(m, f, a), do: start(m, f, a, :infinity)
  def start(m, f, a, timeout), do: start(m, f, a, timeout, [])

  def start(m, f, a, timeout, _spawn_opts) do
    {pid, ref} = spawn_opt(m, f, a, [:monitor])
    sync_start(pid, ref, timeout)
  end

  defp sync_start(pid, ref, timeout) do
    receive do
      {:ack, ^pid, return} ->
        :erlang.demonitor(ref, [:flush])
        return
      {:DOWN, ^ref, :process, ^pid, reason} ->
        {:error, reason}
    after
      timeout ->
        :erlang.demonitor(ref, [:flush])
        kill_flush(pid)
        {:error, :timeout}
    end
  end

  def start_link(m, f, a), do: start_link(m, f, a, :infinity)
  def start_link(m, f, a, timeout), do: start_link(m, f, a, timeout, [])

  def start_link(m, f, a, timeout, _spawn_opts) do
    pid = spawn_link(m, f, a)
    sync_start_link(pid, timeout)
  end

  defp sync_start_link(pid, timeout) do
    receive do
      {:ack, ^pid, return} -> return
      {:EXIT, ^pid, reason} -> {:error, reason}
    after
      timeout ->
        kill_flush(pid)
        {:error, :timeout}
    end
  end

  defp kill_flush(pid) do
    :erlang.unlink(pid)
    :erlang.exit(pid, :kill)
    receive do
      {:EXIT, ^pid, _} -> :ok
    after
      0 -> :ok
    end
    :ok
  end

  def init_ack(parent, return) do
    send(parent, {:ack, self(), return})
    :ok
  end

  def init_ack(return) do
    [parent | _] = :erlang.get(:"$ancestors")
    init_ack(parent, return)
  end

  # proc_lib:stop/3: sys:terminate, then wait for the process to be gone.
  def stop(process), do: stop(process, :normal, :infinity)

  def stop(process, reason, timeout) do
    mref = :erlang.monitor(:process, process)
    t0 = :erlang.monotonic_time()
    result =
      try do
        :sys.terminate(process, reason, timeout)
      catch
        :exit, {:noproc, {:sys, :terminate, _}} -> {:stop_failed, :noproc}
        :exit, {:timeout, {:sys, :terminate, _}} -> {:stop_failed, :timeout}
        :exit, other -> {:stop_failed, other}
      end
    case result do
      {:stop_failed, why} ->
        :erlang.demonitor(mref, [:flush])
        :erlang.exit(why)
      :ok ->
        remaining =
          case timeout do
            :infinity -> :infinity
            _ -> max(timeout - div(:erlang.monotonic_time() - t0, 1_000_000), 0)
          end
        receive do
          {:DOWN, ^mref, _, _, ^reason} -> :ok
          {:DOWN, ^mref, _, _, other} -> :erlang.exit(other)
        after
          remaining ->
            :erlang.demonitor(mref, [:flush])
            :erlang.exit(:timeout)
        end
    end
  end
end

defmodule :gen do
  # ---- start ----

  # gen:start/6: a named process; already_started when the name is taken.
  def start(gen_mod, link_p, name, mod, args, opts) do
    case where(name) do
      :undefined -> do_spawn(gen_mod, link_p, name, mod, args, opts)
      pid -> {:error, {:already_started, pid}}
    end
  end

  def start(gen_mod, link_p, mod, args, opts), do: do_spawn(gen_mod, link_p, :nil_name, mod, args, opts)

  defp do_spawn(gen_mod, :link, name, mod, args, opts) do
    :proc_lib.start_link(:gen, :init_it, init_args(gen_mod, self(), self(), name, mod, args, opts), timeout(opts))
  end

  defp do_spawn(gen_mod, _nolink, name, mod, args, opts) do
    :proc_lib.start(:gen, :init_it, init_args(gen_mod, self(), :self, name, mod, args, opts), timeout(opts))
  end

  defp init_args(gen_mod, starter, parent, :nil_name, mod, args, opts), do: [gen_mod, starter, parent, mod, args, opts]
  defp init_args(gen_mod, starter, parent, name, mod, args, opts), do: [gen_mod, starter, parent, name, mod, args, opts]

  defp timeout(opts) do
    case :lists.keyfind(:timeout, 1, opts) do
      {_, t} -> t
      false -> :infinity
    end
  end

  def init_it(gen_mod, starter, parent, mod, args, opts) do
    gen_mod.init_it(starter, parent, self(), mod, args, opts)
  end

  def init_it(gen_mod, starter, parent, name, mod, args, opts) do
    case register_name(name) do
      true -> gen_mod.init_it(starter, parent, name, mod, args, opts)
      {false, pid} -> :proc_lib.init_ack(starter, {:error, {:already_started, pid}})
    end
  end

  # ---- names ----

  def where({:global, name}), do: :global.whereis_name(name)
  def where({:via, mod, name}), do: mod.whereis_name(name)
  def where({:local, name}), do: :erlang.whereis(name)

  def register_name({:local, name} = ln) do
    try do
      :erlang.register(name, self())
      true
    catch
      :error, _ -> {false, where(ln)}
    end
  end

  def register_name({:global, name} = gn) do
    case :global.register_name(name, self()) do
      :yes -> true
      :no -> {false, where(gn)}
    end
  end

  def register_name({:via, mod, name} = gn) do
    case mod.register_name(name, self()) do
      :yes -> true
      :no -> {false, where(gn)}
    end
  end

  def name({:local, name}), do: name
  def name({:global, name}), do: name
  def name({:via, _, name}), do: name
  def name(pid) when is_pid(pid), do: pid

  def unregister_name({:local, name}) do
    try do
      :erlang.unregister(name)
      :ok
    catch
      _, _ -> :ok
    end
  end

  def unregister_name({:global, name}) do
    :global.unregister_name(name)
    :ok
  end

  def unregister_name({:via, mod, name}) do
    mod.unregister_name(name)
    :ok
  end

  def unregister_name(pid) when is_pid(pid), do: :ok

  # ---- call / reply ----

  def call(process, label, request), do: call(process, label, request, 5000)

  def call(process, label, request, timeout)
      when timeout == :infinity or (is_integer(timeout) and timeout >= 0) do
    case is_pid(process) do
      true -> do_call(process, label, request, timeout)
      false -> do_for_proc(process, fn pid -> do_call(pid, label, request, timeout) end)
    end
  end

  defp do_call(process, label, request, timeout) do
    case process == self() do
      true -> :erlang.exit(:calling_self)
      false -> do_call_other(process, label, request, timeout)
    end
  end

  # gen.erl's do_call/4
  defp do_call_other(process, label, request, :infinity) when is_pid(process) do
    case node(process) == node() do
      true -> call_with_ref(process, label, request, :infinity)
      false -> call_with_alias(process, label, request, :infinity)
    end
  end

  defp do_call_other(process, label, request, timeout) do
    call_with_alias(process, label, request, timeout)
  end

  defp call_with_ref(process, label, request, timeout) do
    mref = :erlang.monitor(:process, process)
    send(process, {label, {self(), mref}, request})
    receive do
      {^mref, reply} ->
        :erlang.demonitor(mref, [:flush])
        {:ok, reply}
      {:DOWN, ^mref, _, _, :noconnection} ->
        :erlang.exit({:nodedown, get_node(process)})
      {:DOWN, ^mref, _, _, reason} ->
        :erlang.exit(reason)
    after
      timeout ->
        :erlang.demonitor(mref, [:flush])
        receive do
          {^mref, reply} -> {:ok, reply}
        after
          0 -> :erlang.exit(:timeout)
        end
    end
  end

  defp send_noconnect(process, msg) when is_pid(process), do: :ciex_dist.send_noconnect(process, msg)

  defp send_noconnect({name, node} = process, msg) when is_atom(name) and is_atom(node),
    do: :ciex_dist.send_noconnect(process, msg)

  defp send_noconnect(process, msg), do: send(process, msg)

  defp call_with_alias(process, label, request, timeout) do
    mref = :erlang.monitor(:process, process, [{:alias, :demonitor}])
    # noconnect, as gen.erl: the monitor made the one attempt to connect
    send_noconnect(process, {label, {self(), [:alias | mref]}, request})
    receive do
      {[:alias | ^mref], reply} ->
        :erlang.demonitor(mref, [:flush])
        {:ok, reply}
      {:DOWN, ^mref, _, _, :noconnection} ->
        :erlang.exit({:nodedown, get_node(process)})
      {:DOWN, ^mref, _, _, reason} ->
        :erlang.exit(reason)
    after
      timeout ->
        :erlang.demonitor(mref, [:flush])
        receive do
          {[:alias | ^mref], reply} -> {:ok, reply}
        after
          0 -> :erlang.exit(:timeout)
        end
    end
  end

  defp get_node({_name, node}) when is_atom(node), do: node
  defp get_node(pid) when is_pid(pid), do: node(pid)

  def do_for_proc(pid, fun) when is_pid(pid), do: fun.(pid)

  def do_for_proc(name, fun) when is_atom(name) do
    case :erlang.whereis(name) do
      pid when is_pid(pid) -> fun.(pid)
      :undefined -> :erlang.exit(:noproc)
    end
  end

  def do_for_proc({:global, _} = process, fun), do: do_for_where(process, fun)
  def do_for_proc({:via, _, _} = process, fun), do: do_for_where(process, fun)

  def do_for_proc({name, node}, fun) when node == node(), do: do_for_proc(name, fun)

  def do_for_proc({_name, node} = process, fun) when is_atom(node) do
    case node() do
      :nonode@nohost -> :erlang.exit({:nodedown, node})
      _ -> fun.(process)
    end
  end

  defp do_for_where(process, fun) do
    case where(process) do
      pid when is_pid(pid) -> fun.(pid)
      :undefined -> :erlang.exit(:noproc)
    end
  end

  # gen:reply/2: a caller that tagged its request with an alias gets the
  # reply through the alias.
  def reply({_to, [:alias | alias] = tag}, reply) when is_reference(alias), do: reply_alias(alias, tag, reply)
  def reply({_to, [[:alias | alias] | _] = tag}, reply) when is_reference(alias), do: reply_alias(alias, tag, reply)

  def reply({to, tag}, reply) do
    try do
      send(to, {tag, reply})
      :ok
    catch
      _, _ -> :ok
    end
  end

  defp reply_alias(alias, tag, reply) do
    send(alias, {tag, reply})
    :ok
  end
end
