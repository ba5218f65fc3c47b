# :gen_server: the generic server loop of OTP 25's gen_server.erl, which
# Elixir's GenServer runs on.  Messages a server understands:
#
#   {:"$gen_call", {pid, tag}, request}   answered with {tag, reply}
#   {:"$gen_cast", request}
#   {:system, {pid, tag}, request}        sys: get_state, replace_state,
#                                         terminate, suspend, resume, get_status
#   {:EXIT, parent, reason}               the parent (when linked) went away
#   anything else                         handle_info/2
#
# A crash in a callback, or a {:stop, reason, ...} with a reason other than
# :normal, :shutdown or {:shutdown, _}, logs the report Elixir's logger
# prints for OTP's {gen_server, terminate} report (see 68_logger.ex).
defmodule :gen_server do
  # ---- API ----

  def start(mod, args, opts), do: :gen.start(:gen_server, :nolink, mod, args, opts)
  def start(name, mod, args, opts), do: :gen.start(:gen_server, :nolink, name, mod, args, opts)
  def start_link(mod, args, opts), do: :gen.start(:gen_server, :link, mod, args, opts)
  def start_link(name, mod, args, opts), do: :gen.start(:gen_server, :link, name, mod, args, opts)

  def call(server, request), do: call(server, request, 5000)

  def call(server, request, timeout) do
    try do
      :gen.call(server, :"$gen_call", request, timeout)
    catch
      :exit, reason -> :erlang.exit({reason, {:gen_server, :call, [server, request, timeout]}})
    else
      {:ok, res} -> res
    end
  end

  def cast({:global, name}, request) do
    try do
      :global.send(name, {:"$gen_cast", request})
    catch
      _, _ -> :ok
    end
    :ok
  end

  def cast({:via, mod, name}, request) do
    try do
      mod.send(name, {:"$gen_cast", request})
    catch
      _, _ -> :ok
    end
    :ok
  end

  def cast(dest, request), do: do_send(dest, {:"$gen_cast", request})

  def reply(client, reply), do: :gen.reply(client, reply)

  # ---- servers of one name on several nodes (gen_server.erl's) ----

  def abcast(name, request) when is_atom(name), do: abcast([node() | :erlang.nodes()], name, request)

  def abcast(nodes, name, request) when is_list(nodes) and is_atom(name) do
    for node <- nodes, is_atom(node), do: do_send({name, node}, {:"$gen_cast", request})
    :abcast
  end

  def multi_call(name, request) when is_atom(name), do: do_multi_call([node() | :erlang.nodes()], name, request, :infinity)
  def multi_call(nodes, name, request) when is_list(nodes) and is_atom(name), do: do_multi_call(nodes, name, request, :infinity)

  def multi_call(nodes, name, request, timeout)
      when is_list(nodes) and is_atom(name) and
             (timeout == :infinity or (is_integer(timeout) and timeout >= 0)) do
    do_multi_call(nodes, name, request, timeout)
  end

  # Every request goes out at once, each server monitored; replies are
  # {{tag, node}, reply}.  With a timeout a middleman process collects
  # them, so that late replies die with it instead of filling the
  # caller's mailbox.
  defp do_multi_call([node], name, request, :infinity) when node == node() do
    try do
      :gen.call(name, :"$gen_call", request, :infinity)
    catch
      :exit, _ -> {[], [node]}
    else
      {:ok, res} -> {[{node, res}], []}
    end
  end

  defp do_multi_call(nodes, name, request, :infinity) do
    tag = make_ref()
    monitors = send_nodes(nodes, name, tag, request, [])
    rec_nodes(tag, monitors, :undefined, [], [])
  end

  defp do_multi_call(nodes, name, request, timeout) do
    tag = make_ref()
    caller = self()
    receiver =
      :erlang.spawn(fn ->
        :erlang.process_flag(:trap_exit, true)
        mref = :erlang.monitor(:process, caller)
        receive do
          {^caller, ^tag} ->
            monitors = send_nodes(nodes, name, tag, request, [])
            timer = :erlang.start_timer(timeout, self(), :ok)
            result = rec_nodes(tag, monitors, timer, [], [])
            exit({self(), tag, result})
          {:DOWN, ^mref, _, _, _} ->
            exit(:normal)
        end
      end)
    mref = :erlang.monitor(:process, receiver)
    send(receiver, {self(), tag})
    receive do
      {:DOWN, ^mref, _, _, {^receiver, ^tag, result}} -> result
      {:DOWN, ^mref, _, _, reason} -> exit(reason)
    end
  end

  defp send_nodes([node | nodes], name, tag, request, monitors) when is_atom(node) do
    monitor = start_monitor(node, name)
    try do
      send({name, node}, {:"$gen_call", {self(), {tag, node}}, request})
    catch
      _, _ -> :ok
    end
    send_nodes(nodes, name, tag, request, [monitor | monitors])
  end

  defp send_nodes([_ | nodes], name, tag, request, monitors), do: send_nodes(nodes, name, tag, request, monitors)
  defp send_nodes([], _name, _tag, _request, monitors), do: monitors

  defp start_monitor(node, name) do
    case node() == :nonode@nohost and node != :nonode@nohost do
      true ->
        ref = make_ref()
        send(self(), {:DOWN, ref, :process, {name, node}, :noconnection})
        {node, ref}
      false ->
        {node, :erlang.monitor(:process, {name, node})}
    end
  end

  defp rec_nodes(tag, [{n, r} | tail], timer, bad, replies) do
    receive do
      {:DOWN, ^r, _, _, _} ->
        rec_nodes(tag, tail, timer, [n | bad], replies)
      {{^tag, ^n}, reply} ->
        :erlang.demonitor(r, [:flush])
        rec_nodes(tag, tail, timer, bad, [{n, reply} | replies])
      {:timeout, ^timer, _} ->
        :erlang.demonitor(r, [:flush])
        rec_nodes_rest(tag, tail, [n | bad], replies)
    end
  end

  defp rec_nodes(_tag, [], timer, bad, replies) do
    if timer != :undefined and :erlang.cancel_timer(timer) == false do
      receive do
        {:timeout, ^timer, _} -> :ok
      after
        0 -> :ok
      end
    end
    {replies, bad}
  end

  # the time is up: what has arrived counts, the rest are bad nodes
  defp rec_nodes_rest(tag, [{n, r} | tail], bad, replies) do
    receive do
      {:DOWN, ^r, _, _, _} ->
        rec_nodes_rest(tag, tail, [n | bad], replies)
      {{^tag, ^n}, reply} ->
        :erlang.demonitor(r, [:flush])
        rec_nodes_rest(tag, tail, bad, [{n, reply} | replies])
    after
      0 ->
        :erlang.demonitor(r, [:flush])
        rec_nodes_rest(tag, tail, [n | bad], replies)
    end
  end

  defp rec_nodes_rest(_tag, [], bad, replies), do: {replies, bad}

  def stop(server), do: :proc_lib.stop(server, :normal, :infinity)
  def stop(server, reason, timeout), do: :proc_lib.stop(server, reason, timeout)

  defp do_send(dest, msg) do
    try do
      send(dest, msg)
    catch
      :error, _ -> :ok
    end
    :ok
  end

  # ---- the server process ----

  def init_it(starter, :self, name, mod, args, opts), do: init_it(starter, self(), name, mod, args, opts)

  def init_it(starter, parent, name0, mod, args, _opts) do
    name = :gen.name(name0)
    case init_callback(mod, args) do
      {:ok, {:ok, state}} ->
        :proc_lib.init_ack(starter, {:ok, self()})
        loop(parent, name, state, mod, :infinity)
      {:ok, {:ok, state, timeout}} when timeout == :infinity or timeout == :hibernate or
                                        (is_integer(timeout) and timeout >= 0) ->
        :proc_lib.init_ack(starter, {:ok, self()})
        loop(parent, name, state, mod, timeout)
      {:ok, {:ok, state, {:continue, _} = continue}} ->
        :proc_lib.init_ack(starter, {:ok, self()})
        loop(parent, name, state, mod, continue)
      {:ok, {:stop, reason}} ->
        # unregister before telling the starter, so that it can start the
        # server again at once without an :already_started
        :gen.unregister_name(name0)
        :proc_lib.init_ack(starter, {:error, reason})
        :erlang.exit(reason)
      {:ok, :ignore} ->
        :gen.unregister_name(name0)
        :proc_lib.init_ack(starter, :ignore)
        :erlang.exit(:normal)
      {:ok, other} ->
        error = {:bad_return_value, other}
        :proc_lib.init_ack(starter, {:error, error})
        :erlang.exit(error)
      {:EXIT, class, reason, stack} ->
        :gen.unregister_name(name0)
        :proc_lib.init_ack(starter, {:error, terminate_reason(class, reason, stack)})
        :erlang.exit(:proc_lib.exit_reason(class, reason, stack))
    end
  end

  defp init_callback(mod, args) do
    try do
      {:ok, mod.init(args)}
    catch
      :throw, r -> {:ok, r}
      class, r -> {:EXIT, class, r, __STACKTRACE__}
    end
  end

  # The main loop.  Every callback runs inside a try of its own and the loop
  # recurses outside of it, so a server's stack stays flat.
  def loop(parent, name, state, mod, {:continue, continue} = msg) do
    reply = try_dispatch(mod, :handle_continue, continue, state)
    handle_common_reply(reply, parent, name, :undefined, msg, mod, state)
  end

  # ciex has no hibernation: a hibernating server simply waits.
  def loop(parent, name, state, mod, :hibernate), do: loop(parent, name, state, mod, :infinity)

  def loop(parent, name, state, mod, :infinity) do
    receive do
      msg -> decode_msg(msg, parent, name, state, mod, :infinity)
    end
  end

  def loop(parent, name, state, mod, time) do
    msg =
      receive do
        input -> input
      after
        time -> :timeout
      end
    decode_msg(msg, parent, name, state, mod, time)
  end

  defp decode_msg(msg, parent, name, state, mod, time) do
    case msg do
      {:system, from, req} ->
        handle_system_msg(req, from, parent, name, state, mod, time)
      {:EXIT, ^parent, reason} ->
        terminate(:exit, reason, [], false, name, :undefined, msg, mod, state)
      _ ->
        handle_msg(msg, parent, name, state, mod)
    end
  end

  defp handle_msg({:"$gen_call", from, msg}, parent, name, state, mod) do
    case try_handle_call(mod, msg, from, state) do
      {:ok, {:reply, reply, nstate}} ->
        reply(from, reply)
        loop(parent, name, nstate, mod, :infinity)
      {:ok, {:reply, reply, nstate, timeout}} when timeout == :infinity or timeout == :hibernate or
                                                  (is_integer(timeout) and timeout >= 0) ->
        reply(from, reply)
        loop(parent, name, nstate, mod, timeout)
      {:ok, {:reply, reply, nstate, {:continue, _} = continue}} ->
        reply(from, reply)
        loop(parent, name, nstate, mod, continue)
      {:ok, {:stop, reason, reply, nstate}} ->
        # terminate/2 runs before the caller gets its reply, as in OTP
        exit_with = terminate_report(:exit, reason, [], false, name, from, msg, mod, nstate)
        reply(from, reply)
        do_exit(exit_with)
      other ->
        handle_common_reply(other, parent, name, from, msg, mod, state)
    end
  end

  defp handle_msg(msg, parent, name, state, mod) do
    reply = try_dispatch(msg, mod, state)
    handle_common_reply(reply, parent, name, :undefined, msg, mod, state)
  end

  defp handle_common_reply(reply, parent, name, from, msg, mod, state) do
    case reply do
      {:ok, {:noreply, nstate}} ->
        loop(parent, name, nstate, mod, :infinity)
      {:ok, {:noreply, nstate, timeout}} when timeout == :infinity or timeout == :hibernate or
                                            (is_integer(timeout) and timeout >= 0) ->
        loop(parent, name, nstate, mod, timeout)
      {:ok, {:noreply, nstate, {:continue, _} = continue}} ->
        loop(parent, name, nstate, mod, continue)
      {:ok, {:stop, reason, nstate}} ->
        terminate(:exit, reason, [], false, name, from, msg, mod, nstate)
      {:EXIT, class, reason, stack} ->
        terminate(class, reason, stack, true, name, from, msg, mod, state)
      {:ok, bad_reply} ->
        terminate(:exit, {:bad_return_value, bad_reply}, [], false, name, from, msg, mod, state)
    end
  end

  defp try_dispatch({:"$gen_cast", msg}, mod, state), do: try_dispatch(mod, :handle_cast, msg, state)
  defp try_dispatch(info, mod, state), do: try_dispatch(mod, :handle_info, info, state)

  defp try_dispatch(mod, :handle_info, msg, state) do
    # a module without handle_info/2 drops the message; OTP logs a
    # {gen_server, no_handle_info} warning, which Elixir's logger skips
    case :erlang.function_exported(mod, :handle_info, 2) do
      true -> try_callback(mod, :handle_info, [msg, state])
      false -> {:ok, {:noreply, state}}
    end
  end

  defp try_dispatch(mod, fun, msg, state), do: try_callback(mod, fun, [msg, state])

  defp try_handle_call(mod, msg, from, state), do: try_callback(mod, :handle_call, [msg, from, state])

  defp try_callback(mod, fun, args) do
    try do
      {:ok, apply(mod, fun, args)}
    catch
      :throw, r -> {:ok, r}
      class, r -> {:EXIT, class, r, __STACKTRACE__}
    end
  end

  # ---- termination ----

  # terminate/10 of gen_server.erl: runs terminate/2, logs unless the reason
  # is a normal one, and exits.  `report_stack` is true for callback
  # crashes, whose stack goes into the report.
  defp terminate(class, reason, stack, report_stack, name, from, msg, mod, state) do
    do_exit(terminate_report(class, reason, stack, report_stack, name, from, msg, mod, state))
  end

  defp terminate_report(class, reason, stack, report_stack, name, from, msg, mod, state) do
    case try_terminate(mod, terminate_reason(class, reason, stack), state) do
      {:EXIT, c, r, s} ->
        error_info(r, s, name, from, msg, mod, state)
        {c, r, s}
      _ ->
        case {class, reason} do
          {:exit, :normal} -> :ok
          {:exit, :shutdown} -> :ok
          {:exit, {:shutdown, _}} -> :ok
          _ ->
            case report_stack do
              true -> error_info(reason, stack, name, from, msg, mod, state)
              false -> error_info(reason, :undefined, name, from, msg, mod, state)
            end
        end
        {class, reason, stack}
    end
  end

  defp do_exit({class, reason, stack}), do: :erlang.exit(:proc_lib.exit_reason(class, reason, stack))

  defp terminate_reason(:error, reason, stack), do: {reason, stack}
  defp terminate_reason(:throw, reason, stack), do: {{:nocatch, reason}, stack}
  defp terminate_reason(:exit, reason, _stack), do: reason

  defp try_terminate(mod, reason, state) do
    case :erlang.function_exported(mod, :terminate, 2) do
      true -> try_callback(mod, :terminate, [reason, state])
      false -> {:ok, :ok}
    end
  end

  defp error_info(_reason, _stack, :application_controller, _from, _msg, _mod, _state), do: :ok

  defp error_info(reason, stack, name, from, msg, mod, state) do
    state = format_status(mod, state)
    report_reason =
      case stack do
        :undefined -> reason
        _ -> {reason, stack}
      end
    # a report that cannot be made must not change how the server ends
    try do
      :ciex_log.gen_server_terminate(%{
        name: name,
        last_message: msg,
        state: state,
        reason: report_reason,
        client_info: client_info(from)
      })
    catch
      _, _ -> :ok
    end
    :ok
  end

  defp format_status(mod, state) do
    case :erlang.function_exported(mod, :format_status, 2) do
      true ->
        try do
          mod.format_status(:terminate, [Process.get(), state])
        catch
          _, _ -> state
        end
      false ->
        state
    end
  end

  defp client_info(:undefined), do: :undefined
  defp client_info({from, _tag}), do: client_info(from)

  defp client_info(from) when is_pid(from) do
    case node(from) == node() do
      false ->
        {from, :remote}
      true ->
        case Process.info(from, :registered_name) do
          nil -> {from, :dead}
          {:registered_name, []} -> {from, {from, client_stack(from)}}
          {:registered_name, name} -> {from, {name, client_stack(from)}}
        end
    end
  end

  defp client_info(_), do: :undefined

  defp client_stack(pid) do
    case Process.info(pid, :current_stacktrace) do
      {:current_stacktrace, stack} -> stack
      _ -> []
    end
  end

  # ---- system messages (sys.erl's handle_system_msg for gen_server) ----

  defp handle_system_msg(req, from, parent, name, state, mod, time) do
    case req do
      :get_state ->
        reply(from, state)
        loop(parent, name, state, mod, time)
      {:replace_state, fun} ->
        {result, nstate} =
          try do
            new_state = fun.(state)
            {{:ok, new_state}, new_state}
          catch
            class, reason -> {{:error, {:callback_failed, {:gen_server, :system_replace_state}, {class, reason}}}, state}
          end
        case result do
          {:ok, new_state} -> reply(from, new_state)
          error -> reply(from, error)
        end
        loop(parent, name, nstate, mod, time)
      :get_status ->
        header = :erlang.binary_to_list("Status for generic server " <> inspect(name))
        misc = [
          header: header,
          data: [{:erlang.binary_to_list("Status"), :running}, {:erlang.binary_to_list("Parent"), parent},
                 {:erlang.binary_to_list("Logged events"), []}],
          data: [{:erlang.binary_to_list("State"), state}]
        ]
        reply(from, {:status, self(), {:module, :gen_server}, [Process.get(), :running, parent, [], misc]})
        loop(parent, name, state, mod, time)
      {:terminate, reason} ->
        reply(from, :ok)
        terminate(:exit, reason, [], false, name, :undefined, [], mod, state)
      :suspend ->
        reply(from, :ok)
        suspended(parent, name, state, mod, time)
      :resume ->
        reply(from, :ok)
        loop(parent, name, state, mod, time)
      {:debug, _} ->
        reply(from, :ok)
        loop(parent, name, state, mod, time)
      other ->
        reply(from, {:error, {:unknown_system_msg, other}})
        loop(parent, name, state, mod, time)
    end
  end

  # A suspended server answers only system messages.
  defp suspended(parent, name, state, mod, time) do
    receive do
      {:system, from, :resume} ->
        reply(from, :ok)
        loop(parent, name, state, mod, time)
      {:system, from, {:change_code, _module, old_vsn, extra}} ->
        case code_change(mod, old_vsn, state, extra) do
          {:ok, nstate} ->
            reply(from, :ok)
            suspended(parent, name, nstate, mod, time)
          other ->
            reply(from, other)
            suspended(parent, name, state, mod, time)
        end
      {:system, from, {:terminate, reason}} ->
        reply(from, :ok)
        terminate(:exit, reason, [], false, name, :undefined, [], mod, state)
      {:system, from, :get_state} ->
        reply(from, state)
        suspended(parent, name, state, mod, time)
      {:system, from, other} ->
        reply(from, {:error, {:unknown_system_msg, other}})
        suspended(parent, name, state, mod, time)
      {:EXIT, ^parent, reason} ->
        terminate(:exit, reason, [], false, name, :undefined, [], mod, state)
    end
  end

  defp code_change(mod, old_vsn, state, extra) do
    try do
      mod.code_change(old_vsn, state, extra)
    catch
      class, reason -> {:EXIT, {class, reason}}
    end
  end
end

# :sys: system messages sent to OTP processes, as sys.erl sends them
# ({:system, from, request} through gen:call, 5 s unless told otherwise).
defmodule :sys do
  def get_state(name), do: send_system_msg(name, :get_state, :default)
  def get_state(name, timeout), do: send_system_msg(name, :get_state, timeout)
  def replace_state(name, fun), do: send_system_msg(name, {:replace_state, fun}, :default)
  def replace_state(name, fun, timeout), do: send_system_msg(name, {:replace_state, fun}, timeout)
  def get_status(name), do: send_system_msg(name, :get_status, :default)
  def get_status(name, timeout), do: send_system_msg(name, :get_status, timeout)
  def suspend(name), do: send_system_msg(name, :suspend, :default)
  def suspend(name, timeout), do: send_system_msg(name, :suspend, timeout)
  def resume(name), do: send_system_msg(name, :resume, :default)
  def resume(name, timeout), do: send_system_msg(name, :resume, timeout)
  def terminate(name, reason), do: send_system_msg(name, {:terminate, reason}, :default)
  def terminate(name, reason, timeout), do: send_system_msg(name, {:terminate, reason}, timeout)
  def change_code(name, mod, vsn, extra), do: send_system_msg(name, {:change_code, mod, vsn, extra}, :default)
  def change_code(name, mod, vsn, extra, timeout), do: send_system_msg(name, {:change_code, mod, vsn, extra}, timeout)

  defp send_system_msg(name, request, timeout) do
    try do
      case timeout do
        :default -> :gen.call(name, :system, request)
        _ -> :gen.call(name, :system, request, timeout)
      end
    catch
      :exit, reason -> :erlang.exit({reason, mfa(name, request, timeout)})
    else
      {:ok, res} -> res
    end
  end

  # the {sys, function, args} of a failed call, as sys.erl's mfa/2,3 make it
  defp mfa(name, request, timeout) do
    {m, f, a} =
      case request do
        {:terminate, reason} -> {:sys, :terminate, [name, reason]}
        {:replace_state, fun} -> {:sys, :replace_state, [name, fun]}
        {:change_code, mod, vsn, extra} -> {:sys, :change_code, [name, mod, vsn, extra]}
        atom -> {:sys, atom, [name]}
      end
    case timeout do
      :default -> {m, f, a}
      _ -> {m, f, a ++ [timeout]}
    end
  end
end
