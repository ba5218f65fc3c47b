# :global: the cluster-wide name registry and global locks, OTP 25's
# kernel global.erl (protocol version 8) written in the language.
#
# The same processes as on the BEAM, speaking the same messages, so that
# ciex and BEAM nodes form one registry:
#
#   global_name_server   a gen_server (this module's callbacks) holding the
#                        names, the locks and the state of each connection
#                        being synchronised;
#   the locker           sets the lock {:global, [locker_a, locker_b]} on
#                        both partitions of a new connection;
#   the registrar        runs register/unregister under the lock
#                        {:global, registrar} on every known node;
#   a resolver           per connection, resolves name clashes;
#   syncers              one per :global.sync/0 call.
#
# When two nodes connect (global.erl's "connection algorithm"):
#
#   nodeup -> {init_connect, {8, my_tag}, node, {locker, _, known, locker}}
#          <- {init_connect_ack, node, his_tag, my_tag}
#   lockers: {lock_set, locker, true, known, his_tag} (via the servers)
#          -> {lock_is_set, node, my_tag, lock_id} to the own server
#          -> {exchange, node, names, [], his_tag}
#   resolver -> {exchange_ops, node, my_tag, ops, resolved}
#          -> {resolved, node, resolved, known, unused, [], his_tag}
#   both resolved: the locker casts {new_nodes, node, ops, [], nodes, info}
#   to the rest of our partition, which connect to the new nodes and send
#   them {in_sync, node, true}; then the lock is deleted.
#
# The "prevent overlapping partitions" algorithm (lost_connection,
# remove_connection) is on, as in OTP 25.  Global groups are not
# supported: every node participates.
#
# global.erl keeps its tables in ETS, which other processes read
# directly; here the names live in the server's process dictionary and
# the locks in its state.  The names also go to the server's protected
# table global_names ({name, pid, method, ref}, as in global.erl), which
# whereis_name/1 reads without a message to the server; the other API
# functions that read the state (registered_names/0, the lockers'
# probes) ask the server with calls of their own ({:ciex_*, ...}), which
# no BEAM node sends.
# (Guards spell the protocol versions out: the compiler does not take
# module attributes there.)
defmodule :global do
  @server :global_name_server
  @vsn 8
  @verify_connect_vsn 8
  @pop_vsn 7
  @pgpv_vsn 7
  @global_rid :global
  @lost_conn_info_cleanup_time 3_600_000
  @min_64bit_small_int -576_460_752_303_423_488

  # ---- the API ----

  def start(), do: :gen_server.start({:local, @server}, :global, [], [])
  def start_link(), do: :gen_server.start_link({:local, @server}, :global, [], [])
  def stop(), do: :gen_server.call(@server, :stop, :infinity)

  def sync(), do: :gen_server.call(@server, {:sync, :erlang.nodes()}, :infinity)
  def sync(nodes) when is_list(nodes), do: :gen_server.call(@server, {:sync, nodes}, :infinity)

  def send(name, msg) do
    case whereis_name(name) do
      pid when is_pid(pid) ->
        :erlang.send(pid, msg)
        pid
      :undefined ->
        :erlang.exit({:badarg, {name, msg}})
    end
  end

  def whereis_name(name), do: where(name)

  def registered_names(), do: :gen_server.call(@server, :ciex_registered_names, :infinity)

  def register_name(name, pid) when is_pid(pid), do: register_name(name, pid, &:global.random_exit_name/3)

  def register_name(name, pid, method0) when is_pid(pid) do
    method = allow_tuple_fun(method0)
    fun = fn nodes ->
      case where(name) == :undefined and check_dupname(name, pid) do
        true ->
          multi_call(nodes, {:register, name, pid, method})
          :yes
        false ->
          :no
      end
    end
    :gen_server.call(@server, {:registrar, fun}, :infinity)
  end

  def unregister_name(name) do
    case where(name) do
      :undefined ->
        :ok
      _ ->
        fun = fn nodes ->
          multi_call(nodes, {:unregister, name})
          :ok
        end
        :gen_server.call(@server, {:registrar, fun}, :infinity)
    end
  end

  def re_register_name(name, pid) when is_pid(pid), do: re_register_name(name, pid, &:global.random_exit_name/3)

  def re_register_name(name, pid, method0) when is_pid(pid) do
    method = allow_tuple_fun(method0)
    fun = fn nodes ->
      multi_call(nodes, {:register, name, pid, method})
      :yes
    end
    :gen_server.call(@server, {:registrar, fun}, :infinity)
  end

  # Names of C nodes are registered as ordinary names here: ciex keeps no
  # separate table of them (and always sends an empty one).
  def register_name_external(name, pid) when is_pid(pid), do: register_name(name, pid)
  def register_name_external(name, pid, method) when is_pid(pid), do: register_name(name, pid, method)
  def unregister_name_external(name), do: unregister_name(name)

  defp check_dupname(name, pid) do
    case :gen_server.call(@server, {:ciex_pid_names, pid}, :infinity) do
      [] ->
        true
      names ->
        log(:error, "global: ~w registered under several names: ~tw\n", [pid, [name | names]])
        false
    end
  end

  # the server's table, read here (global.erl's where/1)
  defp where(name) do
    case :ets.lookup(:global_names, name) do
      [{_name, pid, _method, _ref}] ->
        case node(pid) == node() and not :erlang.is_process_alive(pid) do
          true -> :undefined
          false -> pid
        end
      [] ->
        :undefined
    end
  end

  # ---- locks ----

  def set_lock(id), do: set_lock(id, [node() | :erlang.nodes()], :infinity, 1)
  def set_lock(id, nodes), do: set_lock(id, nodes, :infinity, 1)
  def set_lock(id, nodes, retries) when is_integer(retries) and retries >= 0, do: set_lock(id, nodes, retries, 1)
  def set_lock(id, nodes, :infinity), do: set_lock(id, nodes, :infinity, 1)

  defp set_lock({_resource_id, _requester_id}, [], _retries, _times), do: true

  defp set_lock({_resource_id, _requester_id} = id, nodes, retries, times) do
    case set_lock_on_nodes(id, nodes) do
      true ->
        true
      false when retries == 0 ->
        false
      false ->
        random_sleep(times)
        set_lock(id, nodes, dec(retries), times + 1)
    end
  end

  def del_lock(id), do: del_lock(id, [node() | :erlang.nodes()])

  def del_lock({_resource_id, _requester_id} = id, nodes) do
    multi_call(nodes, {:del_lock, id})
    true
  end

  def trans(id, fun), do: trans(id, fun, [node() | :erlang.nodes()], :infinity)
  def trans(id, fun, nodes), do: trans(id, fun, nodes, :infinity)

  def trans(id, fun, nodes, retries) do
    case set_lock(id, nodes, retries) do
      true ->
        try do
          fun.()
        after
          del_lock(id, nodes)
        end
      false ->
        :aborted
    end
  end

  def info(), do: :gen_server.call(@server, :info, :infinity)

  def disconnect(), do: :gen_server.call(@server, :disconnect, :infinity)

  def get_locker(), do: :maps.get(:the_locker, info())

  # ---- name clash resolvers ----

  def resolve_it(method, name, pid1, pid2) do
    try do
      method.(name, pid1, pid2)
    catch
      :throw, value -> value
      :exit, reason -> {:EXIT, reason}
      :error, reason -> foreign_method(method, name, pid1, pid2, {:EXIT, {reason, __STACKTRACE__}})
    end
  end

  # A BEAM node's default method is a local fun of its global module,
  # which ciex cannot run: it stands for random_exit_name/3.
  defp foreign_method(method, name, pid1, pid2, failure) do
    case is_function(method, 3) and :erlang.fun_info(method, :module) == {:module, :global} do
      true -> random_exit_name(name, pid1, pid2)
      false -> failure
    end
  end

  def random_exit_name(name, pid, pid2) do
    {min, max} = minmax(pid, pid2)
    log(:info, "global: Name conflict terminating ~tw\n", [{name, max}])
    :erlang.exit(max, :kill)
    min
  end

  def random_notify_name(name, pid, pid2) do
    {min, max} = minmax(pid, pid2)
    :erlang.send(max, {:global_name_conflict, name})
    min
  end

  def notify_all_name(name, pid, pid2) do
    :erlang.send(pid, {:global_name_conflict, name, pid2})
    :erlang.send(pid2, {:global_name_conflict, name, pid})
    :none
  end

  defp minmax(p1, p2) do
    case node(p1) < node(p2) do
      true -> {p1, p2}
      false -> {p2, p1}
    end
  end

  defp allow_tuple_fun({m, f}) when is_atom(m) and is_atom(f), do: :erlang.make_fun(m, f, 3)
  defp allow_tuple_fun(fun) when is_function(fun, 3), do: fun

  # ---- the server ----

  def init([]) do
    :erlang.process_flag(:trap_exit, true)
    # nodeup/nodedown of visible nodes (net_kernel:monitor_nodes with
    # connection ids); ciex reports every node, node_info tells which
    # are visible
    :ciex_dist.monitor_nodes(true)
    known =
      l_foldl(:erlang.nodes(), %{}, fn n, acc ->
        case :ciex_dist.node_info(n) do
          {:visible, cid} -> :maps.put({:connection_id, n}, cid, acc)
          _ -> acc
        end
      end)
    :ets.new(:global_names, [:set, :named_table, :protected])
    crex = random_int(268_435_456) * 4_294_967_296
    :erlang.put(:creation_extension, crex)
    s = %{
      connect_all: true,
      prevent_over_part: true,
      known: known,
      synced: [],
      resolvers: [],
      syncers: [],
      node_name: node(),
      the_locker: start_the_locker(),
      the_registrar: start_the_registrar(),
      global_lock_down: false,
      # global_locks: resource_id => {requester_id, [{pid, ref}]}
      locks: %{},
      # global_pid_ids: pid or ref => [resource_id]
      pid_ids: %{},
      # global_lost_connections: {node_a, node_b} => {xcreation, op_id, timer}
      lost: %{}
    }
    {:ok, s}
  end

  # -- calls --

  def handle_call({:registrar, fun}, from, s) do
    :erlang.send(s.the_registrar, {:trans_all_known, fun, from})
    {:noreply, s}
  end

  def handle_call({:register, name, pid, method}, {from_pid, _tag}, s0) do
    {:reply, :yes, ins_name(name, pid, method, from_pid, [], s0)}
  end

  def handle_call({:unregister, name}, _from, s0) do
    {:reply, :ok, delete_global_name2(name, s0)}
  end

  def handle_call({:register_ext, name, pid, method, _reg_node}, {from_pid, _tag}, s0) do
    {:reply, :yes, ins_name(name, pid, method, from_pid, [], s0)}
  end

  def handle_call({:set_lock, lock}, {pid, _tag}, s0) do
    {reply, s} = handle_set_lock(lock, pid, s0)
    {:reply, reply, s}
  end

  def handle_call({:del_lock, lock}, {pid, _tag}, s0) do
    {:reply, true, handle_del_lock(lock, pid, s0)}
  end

  def handle_call(:get_known, _from, s), do: {:reply, mk_known_list(0, s), s}
  def handle_call(:get_synced, _from, s), do: {:reply, s.synced, s}

  def handle_call({:sync, nodes}, from, s) do
    pid = start_sync(l_delete(node(), nodes) -- s.synced, from)
    {:noreply, %{s | syncers: [pid | s.syncers]}}
  end

  def handle_call(:get_protocol_version, _from, s), do: {:reply, @vsn, s}
  def handle_call(:get_names_ext, _from, s), do: {:reply, [], s}
  def handle_call(:info, _from, s), do: {:reply, s, s}

  def handle_call(:disconnect, _from, s0) do
    nodes =
      l_foldl(:maps.keys(s0.known), [], fn
        {:connection_id, n}, ns when is_atom(n) ->
          :erlang.disconnect_node(n)
          [n | ns]
        _, ns ->
          ns
      end)
    s1 =
      l_foldl(nodes, s0, fn n, acc ->
        receive do
          {:nodedown, ^n} -> :ok
        after
          5000 -> :ok
        end
        acc = handle_nodedown(n, acc, :ignore_node)
        %{acc | known: :maps.remove({:connection_id, n}, acc.known)}
      end)
    {:reply, nodes, s1}
  end

  def handle_call(:stop, _from, s), do: {:stop, :normal, :stopped, s}

  # what the API functions of this node ask (global.erl reads ETS)
  def handle_call(:ciex_registered_names, _from, s), do: {:reply, registered_names_local(), s}
  def handle_call({:ciex_pid_names, pid}, _from, s), do: {:reply, pid_names(pid), s}
  def handle_call(:ciex_names, _from, s), do: {:reply, names_table(), s}
  def handle_call({:ciex_can_set_lock, id}, _from, s), do: {:reply, can_set_lock(id, s), s}
  def handle_call(:ciex_is_global_lock_set, _from, s), do: {:reply, :maps.is_key(@global_rid, s.locks), s}

  def handle_call(request, from, s) do
    log(:warning, "The global_name_server received an unexpected message:\nhandle_call(~tp, ~tp, _)\n", [request, from])
    {:noreply, s}
  end

  # -- casts: between the servers of connecting nodes --

  def handle_cast({:init_connect, vsn, node, init_msg}, s0) do
    s =
      case vsn do
        {his_vsn, his_tag} when his_vsn > 8 ->
          init_connect(@vsn, node, init_msg, his_tag, his_vsn, s0)
        {his_vsn, his_tag} ->
          init_connect(his_vsn, node, init_msg, his_tag, his_vsn, s0)
        tuple when is_tuple(tuple) and tuple_size(tuple) >= 2 ->
          init_connect(@vsn, node, init_msg, :erlang.element(2, tuple), :erlang.element(1, tuple), s0)
        _ ->
          log(:info, "Illegal global protocol version ~p Node: ~p\n", [vsn, node])
          s0
      end
    {:noreply, s}
  end

  # sent by our locker: the lock is set in both partitions
  def handle_cast({:lock_is_set, node, my_tag, lock_id}, s) do
    case :erlang.get({:sync_tag_my, node}) do
      ^my_tag ->
        lock_is_set(node, s, lock_id)
        {:noreply, s}
      _ ->
        {:noreply, cancel_locker(node, s, my_tag)}
    end
  end

  def handle_cast({:exchange, node, name_list, _name_ext_list, my_tag}, s) do
    case :erlang.get({:sync_tag_my, node}) do
      ^my_tag ->
        exchange(node, name_list, s.resolvers)
        {:noreply, s}
      _ ->
        {:noreply, cancel_locker(node, s, my_tag)}
    end
  end

  # sent by the resolver for node (which then ends)
  def handle_cast({:exchange_ops, node, my_tag, ops, resolved}, s) do
    case :erlang.get({:sync_tag_my, node}) do
      ^my_tag ->
        known = mk_known_list(node_vsn(node, s), s)
        :gen_server.cast({@server, node},
                         {:resolved, node(), resolved, known, :unused, [], :erlang.get({:sync_tag_his, node})})
        case :erlang.get({:save_ops, node}) do
          {:resolved, his_known, names_ext, his_resolved} ->
            :erlang.put({:save_ops, node}, ops)
            {:noreply, resolved(node, his_resolved, his_known, names_ext, s)}
          _ ->
            :erlang.put({:save_ops, node}, ops)
            {:noreply, s}
        end
      _ ->
        {:noreply, cancel_locker(node, s, my_tag)}
    end
  end

  def handle_cast({:resolved, node, his_resolved, his_known, _unused, names_ext, my_tag}, s) do
    case :erlang.get({:sync_tag_my, node}) do
      ^my_tag ->
        case :erlang.get({:save_ops, node}) do
          ops when is_list(ops) ->
            {:noreply, resolved(node, his_resolved, his_known, names_ext, s)}
          _ ->
            :erlang.put({:save_ops, node}, {:resolved, his_known, names_ext, his_resolved})
            {:noreply, s}
        end
      _ ->
        {:noreply, cancel_locker(node, s, my_tag)}
    end
  end

  # we get to know the other partition's nodes
  def handle_cast({:new_nodes, node, ops, names_ext, nodes, extra_info}, s) do
    {:noreply, new_nodes(ops, node, names_ext, nodes, extra_info, s)}
  end

  # from a node of the other partition: we are in sync with it
  def handle_cast({:in_sync, node, _is_known}, s0) do
    l_foreach(s0.syncers, fn pid -> :erlang.send(pid, {:synced, [node]}) end)
    synced =
      case :lists.member(node, s0.synced) do
        true -> s0.synced
        false -> [node | s0.synced]
      end
    s1 = %{s0 | known: :maps.remove({:pending, node}, s0.known), synced: synced}
    s2 = cancel_locker(node, s1, :erlang.get({:sync_tag_my, node}))
    reset_node_state(node)
    {:noreply, s2}
  end

  # before R14A; the DOWN messages do the work now
  def handle_cast({:async_del_name, _name, _pid}, s), do: {:noreply, s}
  def handle_cast({:async_del_lock, _resource_id, _pid}, s), do: {:noreply, s}

  # the lockers of two nodes talk through their servers
  def handle_cast({:lock_set, pid, _set, _his_known, my_tag} = message, s) do
    case :erlang.get({:sync_tag_my, node(pid)}) do
      ^my_tag -> :erlang.send(s.the_locker, message)
      _ -> :ok
    end
    {:noreply, s}
  end

  def handle_cast({:lock_set, _pid, _set, _his_known} = message, s) do
    :erlang.send(s.the_locker, message)
    {:noreply, s}
  end

  def handle_cast(request, s) do
    log(:warning, "The global_name_server received an unexpected message:\nhandle_cast(~tp, _)\n", [request])
    {:noreply, s}
  end

  # -- messages --

  def handle_info({:EXIT, locker, _reason} = exit, %{the_locker: locker} = s) do
    {:stop, {:locker_died, exit}, %{s | the_locker: :undefined}}
  end

  def handle_info({:EXIT, registrar, _reason} = exit, %{the_registrar: registrar} = s) do
    {:stop, {:registrar_died, exit}, %{s | the_registrar: :undefined}}
  end

  # a syncer ended
  def handle_info({:EXIT, pid, _reason}, s) when is_pid(pid) do
    {:noreply, %{s | syncers: l_delete(pid, s.syncers)}}
  end

  # ciex's node monitor: {:nodeup, node} for every node, visible or not
  def handle_info({:nodeup, node}, s) do
    case :ciex_dist.node_info(node) do
      {:visible, cid} -> handle_info({:nodeup, node, %{connection_id: cid}}, s)
      _ -> {:noreply, s}
    end
  end

  def handle_info({:nodedown, node}, s) do
    case :maps.is_key({:connection_id, node}, s.known) do
      true -> handle_info({:nodedown, node, %{}}, s)
      false -> {:noreply, s}
    end
  end

  def handle_info({:nodedown, node, _info}, s0) do
    s1 = handle_nodedown(node, s0, :disconnected)
    {:noreply, %{s1 | known: :maps.remove({:connection_id, node}, s1.known)}}
  end

  def handle_info({:extra_nodedown, node}, s0) do
    l_foreach(s0.syncers, fn pid -> :erlang.send(pid, {:nodedown, node}) end)
    s1 = handle_nodedown(node, s0, :disconnected)
    {:noreply, %{s1 | known: :maps.remove({:connection_id, node}, s1.known)}}
  end

  def handle_info({:nodeup, node, %{connection_id: cid}}, s0) do
    s1 = %{s0 | known: :maps.put({:connection_id, node}, cid, s0.known)}
    case s1.connect_all do
      true -> {:noreply, handle_nodeup(node, s1)}
      false -> {:noreply, s1}
    end
  end

  def handle_info({:whereis, name, from}, s) do
    :gen_server.reply(from, where_local(name, s))
    {:noreply, s}
  end

  # node_a lost its connection to node_b: whoever still has a connection
  # to node_b drops it, so that no two partitions overlap
  def handle_info({:lost_connection, node_a, xcreation_a, op_id_a, node_b} = msg,
                  %{connect_all: true, prevent_over_part: true} = s0) do
    lc_key = {node_a, node_b}
    s =
      case :maps.get(lc_key, s0.lost, {:undefined, :undefined, :undefined}) do
        {^xcreation_a, op_id, _tmr} when op_id_a <= op_id ->
          s0
        {_, _, tmr} ->
          gns_volatile_multicast(msg, node_a, @pop_vsn, true, s0)
          s1 = save_lost_connection_info(lc_key, xcreation_a, op_id_a, tmr, s0)
          rm_node =
            case node() == node_b do
              false -> node_b
              true -> node_a
            end
          case is_node_potentially_known(rm_node, s0) do
            false ->
              s1
            true ->
              what =
                case node_vsn(rm_node, s0) < @pop_vsn do
                  true ->
                    :erlang.disconnect_node(rm_node)
                    "disconnected old"
                  false ->
                    gns_volatile_send(rm_node, {:remove_connection, node()})
                    "requested disconnect from"
                end
              log_overlap(what, rm_node)
              handle_nodedown(rm_node, s1, :remove_connection)
          end
      end
    {:noreply, s}
  end

  def handle_info({:lost_connection, _node_a, _xcreation_a, _op_id_a, _node_b}, s), do: {:noreply, s}

  def handle_info({:timeout, tmr, {:lost_connection, lc_key}}, s) do
    case :maps.find(lc_key, s.lost) do
      {:ok, {_, _, ^tmr}} -> {:noreply, %{s | lost: :maps.remove(lc_key, s.lost)}}
      _ -> {:noreply, s}
    end
  end

  def handle_info({:timeout, _, _}, s), do: {:noreply, s}

  def handle_info({:remove_connection, node}, s0) do
    case is_node_potentially_known(node, s0) do
      false ->
        {:noreply, s0}
      true ->
        :erlang.disconnect_node(node)
        s1 = handle_nodedown(node, s0, :remove_connection)
        log_overlap("disconnected", node)
        {:noreply, s1}
    end
  end

  # the other side cancelled an ongoing connect
  def handle_info({:cancel_connect, node, my_tag}, s0) do
    case :erlang.get({:sync_tag_my, node}) do
      ^my_tag ->
        s1 = cancel_locker(node, s0, my_tag)
        reset_node_state(node)
        s2 = %{s1 | known: :maps.remove({:pending, node}, s1.known)}
        {:noreply, restart_connect(node, my_tag, s2)}
      _ ->
        {:noreply, s0}
    end
  end

  def handle_info({:init_connect_ack, node, his_my_tag, his_his_tag}, s0) do
    my_my_tag = :erlang.get({:sync_tag_my, node})
    my_his_tag = :erlang.get({:sync_tag_his, node})
    case my_my_tag == his_my_tag and my_his_tag == his_his_tag do
      true ->
        {:noreply, s0}
      false ->
        # out of sync: cancel this attempt and start over
        send_cancel_connect_message(node, his_his_tag)
        {:noreply, restart_connect(node, my_my_tag, s0)}
    end
  end

  def handle_info({:prepare_shutdown, from, ref}, s0) do
    :erlang.send(from, {ref, :ok})
    {:noreply, %{s0 | connect_all: false, prevent_over_part: false}}
  end

  def handle_info({:DOWN, ref, :process, _pid, _info}, s0) do
    s1 = delete_lock(ref, s0)
    {:noreply, del_name(ref, s1)}
  end

  def handle_info(message, s) do
    log(:warning, "The global_name_server received an unexpected message:\nhandle_info(~tp, _)\n", [message])
    {:noreply, s}
  end

  def terminate(_reason, _s), do: :ok
  def code_change(_old_vsn, s, _extra), do: {:ok, s}

  defp log_overlap(what, node) do
    log(:warning, "'global' at node ~p ~s node ~p in order to prevent overlapping partitions", [node(), what, node])
  end

  # ---- the connection algorithm ----

  defp init_connect(vsn, node, init_msg, his_tag, his_vsn, s0) do
    try do
      s1 =
        case :maps.is_key({:pending, node}, s0.known) do
          false ->
            s0
          true when his_vsn < 8 ->
            :erlang.disconnect_node(node)
            log(:error, "'global' at node ~p got an out of sync connection attempt from old version ~p node ~p. Disconnecting from it.",
                [node(), his_vsn, node])
            throw({:return, s0})
          true ->
            # a second attempt while one is going on: cancel both, start over
            send_cancel_connect_message(node, his_tag)
            restart_connect(node, :erlang.get({:sync_tag_my, node}), s0)
        end
      :erlang.put({:prot_vsn, node}, vsn)
      :erlang.put({:sync_tag_his, node}, his_tag)
      case :lists.keyfind(node, 1, s1.resolvers) do
        {^node, my_tag, _resolver} ->
          {:locker, _no_longer_a_pid, _his_known0, his_the_locker} = init_msg
          :erlang.send(s1.the_locker, {:his_the_locker, his_the_locker, {vsn, []}, his_tag, my_tag})
          case his_vsn < @verify_connect_vsn do
            true -> :ok
            false -> gns_volatile_send(node, {:init_connect_ack, node(), his_tag, my_tag})
          end
          %{s1 | known: :maps.put({:pending, node}, his_vsn, s1.known)}
        false ->
          # before our nodeup
          :erlang.put({:pre_connect, node}, {vsn, init_msg, his_tag})
          s1
      end
    catch
      :throw, {:return, s} -> s
    end
  end

  defp restart_connect(node, my_tag, s0) do
    s1 = cancel_locker(node, s0, my_tag)
    reset_node_state(node)
    s2 = %{s1 | known: :maps.remove({:pending, node}, s1.known)}
    case is_integer(my_tag) do
      true -> handle_nodeup(node, s2)
      false -> s2
    end
  end

  # Both lock_is_set (from our locker) and exchange (from the other
  # server) must have come before the resolver starts; either may be first.
  defp lock_is_set(node, s, lock_id) do
    :gen_server.cast({@server, node}, {:exchange, node(), get_names(s), [], :erlang.get({:sync_tag_his, node})})
    :erlang.put({:lock_id, node}, lock_id)
    case :erlang.get({:wait_lock, node}) do
      {:exchange, name_list} ->
        :erlang.put({:wait_lock, node}, :lock_is_set)
        exchange(node, name_list, s.resolvers)
      _ ->
        :erlang.put({:wait_lock, node}, :lock_is_set)
    end
  end

  defp exchange(node, name_list, resolvers) do
    case :erlang.erase({:wait_lock, node}) do
      :lock_is_set ->
        {^node, _tag, resolver} = :lists.keyfind(node, 1, resolvers)
        :erlang.send(resolver, {:resolve, name_list, node})
      _ ->
        :erlang.put({:wait_lock, node}, {:exchange, name_list})
    end
  end

  defp resolved(node, his_resolved, his_known, names_ext, s0) do
    ops = :erlang.erase({:save_ops, node}) ++ his_resolved
    # known may have shrunk since the lock was taken
    known = s0.known
    synced = s0.synced
    new_nodes = make_node_vsn_list([node | his_known], s0)
    his_known_nodes = node_list(his_known)
    sync_others_in_turn(his_known_nodes)
    extra_info = [{:vsn, :erlang.get({:prot_vsn, node})}, {:lock, :erlang.get({:lock_id, node})}]
    s1 = do_ops(ops, node(), names_ext, extra_info, s0)
    # synced with node, not yet with the nodes it knows
    l_foreach(s1.syncers, fn pid -> :erlang.send(pid, {:synced, [node]}) end)
    s2 =
      l_foldl(his_known_nodes, s1, fn cncl_node, acc ->
        cancel_resolved_locker(cncl_node, fn tag, cncl_s -> cancel_locker(cncl_node, cncl_s, tag) end, acc)
      end)
    # the locker that took the lock sends new_nodes before it deletes the
    # lock, so that del_lock comes after new_nodes everywhere
    new_nodes_msg = {:new_nodes, node(), ops, names_ext, new_nodes, extra_info}
    old_new_nodes_msg = {:new_nodes, node(), ops, names_ext, node_list(new_nodes), extra_info}
    new_nodes_f = fn ->
      l_foreach(:maps.to_list(known), fn
        {n, v} when is_atom(n) and is_integer(v) and v >= 7 -> :gen_server.cast({@server, n}, new_nodes_msg)
        {n, _old_v} when is_atom(n) -> :gen_server.cast({@server, n}, old_new_nodes_msg)
        _ -> :ok
      end)
    end
    s3 = cancel_resolved_locker(node, fn tag, cncl_s -> cancel_locker(node, cncl_s, tag, new_nodes_f) end, s2)
    {added_nodes, s4} = add_to_known(new_nodes, s3)
    :erlang.send(s4.the_locker, {:add_to_known, added_nodes})
    %{s4 | synced: [node | synced]}
  end

  defp cancel_resolved_locker(node, cancel_fun, s0) do
    tag = :erlang.get({:sync_tag_my, node})
    # without {pending, node}, cancel_locker sends no cancel_connect
    s1 = %{s0 | known: :maps.remove({:pending, node}, s0.known)}
    s2 = cancel_fun.(tag, s1)
    reset_node_state(node)
    s2
  end

  defp new_nodes(ops, conn_node, names_ext, nodes, extra_info, s0) do
    {added_nodes, s1} = add_to_known(nodes, s0)
    sync_others(added_nodes)
    s2 = do_ops(ops, conn_node, names_ext, extra_info, s1)
    :erlang.send(s2.the_locker, {:add_to_known, added_nodes})
    s2
  end

  defp handle_nodeup(node, s0) do
    case :maps.is_key(node, s0.known) or l_keymember(node, s0.resolvers) do
      true ->
        s0
      false ->
        resend_pre_connect(node)
        my_tag = :erlang.unique_integer([:monotonic])
        :erlang.put({:sync_tag_my, node}, my_tag)
        locker = {:locker, :no_longer_a_pid, s0.known, s0.the_locker}
        :gen_server.cast({@server, node}, {:init_connect, {@vsn, my_tag}, node(), locker})
        resolver = start_resolver(node, my_tag)
        %{s0 | resolvers: [{node, my_tag, resolver} | s0.resolvers]}
    end
  end

  defp resend_pre_connect(node) do
    case :erlang.erase({:pre_connect, node}) do
      {vsn, init_msg, his_tag} -> :gen_server.cast(self(), {:init_connect, {vsn, his_tag}, node, init_msg})
      _ -> :ok
    end
  end

  defp handle_nodedown(node, s, what) do
    # the DOWN messages of monitors have removed locks and names
    new_s = cancel_locker(node, s, :erlang.get({:sync_tag_my, node}))
    :erlang.send(new_s.the_locker, {:remove_from_known, node})
    reset_node_state(node)
    known0 = s.known
    known1 =
      case what do
        :remove_connection ->
          :maps.put({:removing, node}, :yes, known0)
        :ignore_node ->
          :maps.remove({:removing, node}, known0)
        :disconnected ->
          case :maps.get({:removing, node}, known0, :no) do
            :yes ->
              :maps.remove({:removing, node}, known0)
            :no ->
              inform_connection_loss(node, s)
              known0
          end
      end
    known3 = :maps.remove(node, :maps.remove({:pending, node}, known1))
    %{new_s | known: known3, synced: l_delete(node, new_s.synced)}
  end

  defp inform_connection_loss(node, %{connect_all: true, prevent_over_part: true} = s) do
    xcreation = :erlang.get(:creation_extension) + :ciex_dist.creation() - @min_64bit_small_int
    msg = {:lost_connection, node(), xcreation, :erlang.unique_integer([:monotonic]), node}
    gns_volatile_multicast(msg, node, @pop_vsn, true, s)
  end

  defp inform_connection_loss(_node, _s), do: :ok

  # send without setting up a connection (erlang:send/3 with noconnect)
  defp gns_volatile_send(node, msg) do
    :ciex_dist.send_noconnect({@server, node}, msg)
    :ok
  end

  defp gns_volatile_multicast(msg, ignore_node, min_ver, also_pend, s) do
    l_foreach(:maps.to_list(s.known), fn
      {n, ver} when is_atom(n) and n != ignore_node and is_integer(ver) and ver >= min_ver ->
        gns_volatile_send(n, msg)
      {{:pending, n}, ver} when also_pend and n != ignore_node and is_integer(ver) and ver >= min_ver ->
        gns_volatile_send(n, msg)
      _ ->
        :ok
    end)
  end

  defp is_node_potentially_known(node, s) do
    :maps.is_key(node, s.known) or :maps.is_key({:pending, node}, s.known)
  end

  defp node_vsn(node, s) do
    case node == node() do
      true ->
        @vsn
      false ->
        case :maps.find(node, s.known) do
          {:ok, ver} ->
            ver
          :error ->
            case :maps.find({:pending, node}, s.known) do
              {:ok, ver} -> ver
              :error -> 0
            end
        end
    end
  end

  defp node_list(nlist) do
    l_map(nlist, fn
      n when is_atom(n) -> n
      {n, _v} when is_atom(n) -> n
    end)
  end

  defp make_node_vsn_list(nlist, s) do
    l_map(nlist, fn
      {n, 0} when is_atom(n) -> {n, node_vsn(n, s)}
      n when is_atom(n) -> {n, node_vsn(n, s)}
      {n, v} = nv when is_atom(n) and is_integer(v) -> nv
    end)
  end

  # [node] for old versions, [{node, vsn}] otherwise; the fold reverses
  # the map's order, as global.erl's does
  defp mk_known_list(vsn, s) when vsn < 7 do
    l_foldl(:maps.to_list(s.known), [], fn
      {n, _v}, ns when is_atom(n) -> [n | ns]
      _, ns -> ns
    end)
  end

  defp mk_known_list(_vsn, s) do
    l_foldl(:maps.to_list(s.known), [], fn
      {n, _v} = nv, nvs when is_atom(n) -> [nv | nvs]
      _, nvs -> nvs
    end)
  end

  defp add_to_known(add_known, s) do
    me = node()
    fun = fn
      n, acc when n == me ->
        acc
      {n, _v}, acc when n == me ->
        acc
      n, {a, k} = acc when is_atom(n) ->
        case :maps.is_key(n, k) do
          true -> acc
          false -> {[n | a], :maps.put(n, 0, k)}
        end
      {n, v}, {a, k} = acc ->
        case :maps.find(n, k) do
          :error -> {[n | a], :maps.put(n, v, k)}
          {:ok, nv} when nv >= 0 -> acc
          {:ok, _unknown_vsn} -> {a, :maps.put(n, v, k)}
        end
    end
    {added, new_known} = l_foldl(add_known, {[], s.known}, fun)
    {added, %{s | known: new_known}}
  end

  defp save_lost_connection_info(lc_key, xcre, op_id, old_tmr, s) do
    case old_tmr do
      :undefined -> :ok
      _ -> :erlang.cancel_timer(old_tmr, [{:async, true}, {:info, false}])
    end
    tmr = :erlang.start_timer(@lost_conn_info_cleanup_time, self(), {:lost_connection, lc_key})
    %{s | lost: :maps.put(lc_key, {xcre, op_id, tmr}, s.lost)}
  end

  defp cancel_locker(node, s, tag), do: cancel_locker(node, s, tag, :no_fun)

  defp cancel_locker(node, s, tag, to_be_run_on_locker_f) do
    :erlang.send(s.the_locker, {:cancel, node, tag, to_be_run_on_locker_f})
    send_cancel_connect(node, tag, s)
    case :lists.keyfind(node, 1, s.resolvers) do
      {_, ^tag, resolver} ->
        :erlang.exit(resolver, :kill)
        %{s | resolvers: l_keydelete(node, s.resolvers)}
      _ ->
        s
    end
  end

  defp send_cancel_connect(node, my_tag, s) do
    case :maps.find({:pending, node}, s.known) do
      {:ok, vsn} when vsn >= 8 ->
        case :erlang.get({:sync_tag_my, node}) do
          ^my_tag -> send_cancel_connect_message(node, :erlang.get({:sync_tag_his, node}))
          _ -> :ok
        end
      _ ->
        :ok
    end
  end

  defp send_cancel_connect_message(node, his_tag) do
    :ciex_dist.send_noconnect({@server, node}, {:cancel_connect, node(), his_tag})
    :ok
  end

  defp reset_node_state(node) do
    :erlang.erase({:wait_lock, node})
    :erlang.erase({:save_ops, node})
    :erlang.erase({:pre_connect, node})
    :erlang.erase({:prot_vsn, node})
    :erlang.erase({:sync_tag_my, node})
    :erlang.erase({:sync_tag_his, node})
    :erlang.erase({:lock_id, node})
  end

  # Connecting a node to the nodes of a cluster it has just synced with.
  # global.erl has both sides connect at once: the new node to every node
  # its peer knows (sync_others in resolved), and each of those, told by
  # the peer (new_nodes), to the new node. The connections then come up in
  # an order decided by timing, which the new node's Node.list shows: the
  # BEAM's own race (on an all-BEAM cluster the peer's nodes come up in
  # the order the peer listed them in most runs, not all).
  #
  # A ciex node takes the race out where it can:
  # - the new node connects to the peer's nodes one after the other, in
  #   the order the peer listed them (the order in which a BEAM node
  #   spawns its connecting processes), each given up to @sync_turn_ms
  #   before the next;
  # - a node told of the new node connects at once only if its name is
  #   greater (the simultaneous-connect rule of dist_util keeps the greater
  #   name's attempt anyway); one whose name is smaller waits up to
  #   @passive_sync_ms for the new node to connect, then connects itself.
  # So a cluster of ciex nodes comes up in one order every time; beside
  # BEAM nodes, their own attempts still race.
  @sync_turn_ms 1000
  @passive_sync_ms 2000

  defp sync_others_in_turn([]), do: :ok

  defp sync_others_in_turn(nodes) do
    :erlang.spawn(fn ->
      l_foreach(nodes, fn n ->
        turn = make_ref()
        chain = self()
        :erlang.spawn(fn ->
          sync_other(n)
          :erlang.send(chain, turn)
        end)
        receive do
          ^turn -> :ok
        after
          @sync_turn_ms -> :ok
        end
      end)
    end)
  end

  # The nodes a peer told us of (new_nodes).
  defp sync_others(nodes) do
    l_foreach(nodes, fn n ->
      case node() > n do
        true -> :erlang.spawn(fn -> sync_other(n) end)
        false -> :erlang.spawn(fn -> passive_sync_other(n) end)
      end
    end)
  end

  defp passive_sync_other(node) do
    :ciex_dist.monitor_nodes(true)
    case :lists.member(node, :erlang.nodes()) do
      true -> :ok
      false ->
        receive do
          {:nodeup, ^node} -> :ok
        after
          @passive_sync_ms -> :ok
        end
    end
    :ciex_dist.monitor_nodes(false)
    sync_other(node)
  end

  # A connection set up (or the one there is), then the node is told we
  # are in sync with it.
  def sync_other(node) do
    case :net_kernel.connect_node(node) do
      true ->
        :gen_server.cast({@server, node}, {:in_sync, node(), true})
      _ ->
        log(:warning, "'global' at ~w failed to connect to ~w\n", [node(), node])
        :erlang.send(@server, {:extra_nodedown, node})
    end
  end

  # ---- the tables ----
  #
  # The names live in the server's process dictionary, which is updated in
  # place (global.erl's ETS tables, global_names, global_pid_names): a map
  # in the state would be copied at every change, and registering 10,000
  # names would cost 10,000 copies of it.
  #
  #   {:global_name, name}     => {pid, method, monitor ref}
  #   {:global_pid_names, pid} => [name]
  #   {:global_ref_name, ref}  => name
  #
  # global.erl's global_node_resources serves global groups only, which
  # are not supported: it is not kept.

  defp where_local(name, _s) do
    case :erlang.get({:global_name, name}) do
      {pid, _method, _ref} ->
        case node(pid) == node() and not :erlang.is_process_alive(pid) do
          true -> :undefined
          false -> pid
        end
      :undefined ->
        :undefined
    end
  end

  defp registered_names_local() do
    l_foldl(:erlang.get(), [], fn
      {{:global_name, name}, _}, acc -> [name | acc]
      _, acc -> acc
    end)
  end

  defp pid_names(pid) do
    case :erlang.get({:global_pid_names, pid}) do
      :undefined -> []
      names -> names
    end
  end

  # name => {pid, method, ref}, for a resolver
  defp names_table() do
    :maps.from_list(
      l_foldl(:erlang.get(), [], fn
        {{:global_name, name}, entry}, acc -> [{name, entry} | acc]
        _, acc -> acc
      end)
    )
  end

  # in term order of the names (the BEAM sends its ETS table's order)
  defp get_names(_s) do
    names =
      l_foldl(:erlang.get(), [], fn
        {{:global_name, name}, {pid, method, _ref}}, acc -> [{name, pid, method} | acc]
        _, acc -> acc
      end)
    :lists.sort(names)
  end

  defp ins_name(name, pid, method, from_pid_or_node, extra_info, s0) do
    s1 = delete_global_name_keep_pid(name, s0)
    insert_global_name(name, pid, method, from_pid_or_node, extra_info, s1)
  end

  defp insert_global_name(name, pid, method, from_pid_or_node, extra_info, s) do
    ref = :erlang.monitor(:process, pid)
    :erlang.put({:global_name, name}, {pid, method, ref})
    :ets.insert(:global_names, {name, pid, method, ref})
    :erlang.put({:global_pid_names, pid}, add_unique(name, pid_names(pid)))
    :erlang.put({:global_ref_name, ref}, name)
    case lock_still_set(from_pid_or_node, extra_info, s) do
      true ->
        s
      false ->
        # the node that took the lock went down and came back: the
        # register (or new_nodes) came too late
        delete_global_name2(name, s)
    end
  end

  defp lock_still_set(pid_or_node, extra_info, s) do
    case :maps.find(@global_rid, s.locks) do
      {:ok, {_lock_req_id, pid_refs}} when is_pid(pid_or_node) ->
        l_keymember(pid_or_node, pid_refs)
      {:ok, {lock_req_id, _pid_refs}} when is_atom(pid_or_node) ->
        case extra_info(:lock, extra_info) do
          {:global, lock_id} -> lock_req_id == lock_id
          _ -> false
        end
      :error ->
        not s.global_lock_down
    end
  end

  defp extra_info(tag, extra_info) when is_list(extra_info) do
    case :lists.keyfind(tag, 1, extra_info) do
      {^tag, info} -> info
      _ -> :undefined
    end
  end

  defp extra_info(_tag, _extra_info), do: :undefined

  defp del_name(ref, s) do
    case :erlang.get({:global_ref_name, ref}) do
      :undefined ->
        s
      name ->
        case :erlang.get({:global_name, name}) do
          {pid, _method, ^ref} ->
            :erlang.erase({:global_name, name})
            :ets.delete(:global_names, name)
            delete_global_name2(name, pid, ref, s, :down)
          _ ->
            s
        end
    end
  end

  # keeps the entry of the name (for whereis_name) until it is overwritten
  defp delete_global_name_keep_pid(name, s) do
    case :erlang.get({:global_name, name}) do
      {pid, _method, ref} -> delete_global_name2(name, pid, ref, s, [:flush])
      :undefined -> s
    end
  end

  defp delete_global_name2(name, s) do
    case :erlang.erase({:global_name, name}) do
      {pid, _method, ref} ->
        :ets.delete(:global_names, name)
        delete_global_name2(name, pid, ref, s, [:flush])
      :undefined -> s
    end
  end

  # After the DOWN of its monitor (:down) there is no monitor left to take
  # down, and nothing to flush: 10,000 names going at once would otherwise
  # cost 10,000 scans of a mailbox 10,000 DOWNs long.
  defp delete_global_name2(name, pid, ref, s, demonitor_opts) do
    case demonitor_opts do
      :down -> :ok
      _ -> :erlang.demonitor(ref, demonitor_opts)
    end
    case l_delete(name, pid_names(pid)) do
      [] -> :erlang.erase({:global_pid_names, pid})
      names -> :erlang.put({:global_pid_names, pid}, names)
    end
    :erlang.erase({:global_ref_name, ref})
    s
  end

  defp do_ops(ops, conn_node, _names_ext, extra_info, s0) do
    s1 =
      l_foldl(ops, s0, fn
        {:insert, {name, pid, method}}, acc -> ins_name(name, pid, method, conn_node, extra_info, acc)
        _, acc -> acc
      end)
    l_foldl(ops, s1, fn
      {:delete, name}, acc -> delete_global_name2(name, acc)
      _, acc -> acc
    end)
  end

  # -- locks --

  defp handle_set_lock(id, pid, s) do
    case can_set_lock(id, s) do
      {true, pid_refs} ->
        case l_keymember(pid, pid_refs) do
          true -> {true, s}
          false -> {true, insert_lock(id, pid, pid_refs, s)}
        end
      false ->
        {false, s}
    end
  end

  defp can_set_lock({resource_id, lock_requester_id}, s) do
    case :maps.find(resource_id, s.locks) do
      {:ok, {^lock_requester_id, pid_refs}} -> {true, pid_refs}
      {:ok, _} -> false
      :error -> {true, []}
    end
  end

  defp insert_lock({resource_id, lock_requester_id}, pid, pid_refs, s0) do
    ref = :erlang.monitor(:process, pid)
    s1 = s0
    pid_ids = add_pid_id(pid, resource_id, add_pid_id(ref, resource_id, s1.pid_ids))
    %{s1 | pid_ids: pid_ids, locks: :maps.put(resource_id, {lock_requester_id, [{pid, ref} | pid_refs]}, s1.locks)}
  end

  defp handle_del_lock({resource_id, lock_req_id}, pid, s0) do
    case :maps.find(resource_id, s0.locks) do
      {:ok, {^lock_req_id, pid_refs}} -> remove_lock(resource_id, lock_req_id, pid, pid_refs, false, s0)
      _ -> s0
    end
  end

  # down: the monitor's DOWN has come (and there is nothing to flush)
  defp remove_lock(resource_id, lock_requester_id, pid, pid_refs0, down, s0) do
    case pid_refs0 do
      [{^pid, ref}] ->
        s1 = s0
        demonitor_unless_down(ref, down)
        pid_ids = del_pid_id(pid, resource_id, del_pid_id(ref, resource_id, s1.pid_ids))
        s2 = %{s1 | locks: :maps.remove(resource_id, s1.locks), pid_ids: pid_ids}
        case resource_id do
          :global -> %{s2 | global_lock_down: down}
          _ -> s2
        end
      _ ->
        {pid_refs, s1} =
          case :lists.keyfind(pid, 1, pid_refs0) do
            {^pid, ref} ->
              s = s0
              demonitor_unless_down(ref, down)
              {l_keydelete(pid, pid_refs0), %{s | pid_ids: del_pid_id(ref, resource_id, s.pid_ids)}}
            false ->
              {pid_refs0, s0}
          end
        %{s1 |
          locks: :maps.put(resource_id, {lock_requester_id, pid_refs}, s1.locks),
          pid_ids: del_pid_id(pid, resource_id, s1.pid_ids)}
    end
  end

  defp demonitor_unless_down(_ref, true), do: :ok
  defp demonitor_unless_down(ref, false), do: :erlang.demonitor(ref, [:flush])

  # the locks a monitor (ref) holds, released when its process is DOWN
  defp delete_lock(ref, s0) do
    l_foldl(:maps.get(ref, s0.pid_ids, []), s0, fn resource_id, s ->
      case :maps.find(resource_id, s.locks) do
        {:ok, {lock_requester_id, pid_refs}} ->
          case :lists.keyfind(ref, 2, pid_refs) do
            {pid, ^ref} -> remove_lock(resource_id, lock_requester_id, pid, pid_refs, true, s)
            false -> s
          end
        :error ->
          s
      end
    end)
  end

  defp add_pid_id(key, resource_id, pid_ids) do
    :maps.put(key, add_unique(resource_id, :maps.get(key, pid_ids, [])), pid_ids)
  end

  defp del_pid_id(key, resource_id, pid_ids) do
    case l_delete(resource_id, :maps.get(key, pid_ids, [])) do
      [] -> :maps.remove(key, pid_ids)
      ids -> :maps.put(key, ids, pid_ids)
    end
  end

  # ---- trans_all_known: global's own lock on every known node ----

  defp trans_all_known(fun) do
    id = {@global_rid, self()}
    nodes = set_lock_known(id, 0)
    try do
      fun.(nodes)
    after
      delete_global_lock(id, nodes)
    end
  end

  defp set_lock_known(id, times) do
    known = get_known()
    nodes = [node() | known]
    boss = the_boss(nodes)
    # the same convention (the boss first) as lock_nodes_safely
    case set_lock_on_nodes(id, [boss]) do
      true ->
        case lock_on_known_nodes(id, known, nodes) do
          true ->
            nodes
          false ->
            del_lock(id, [boss])
            random_sleep(times)
            set_lock_known(id, times + 1)
        end
      false ->
        random_sleep(times)
        set_lock_known(id, times + 1)
    end
  end

  defp lock_on_known_nodes(id, known, nodes) do
    case set_lock_on_nodes(id, nodes) do
      true -> get_known() -- known == []
      false -> false
    end
  end

  defp set_lock_on_nodes(_id, []), do: true

  defp set_lock_on_nodes(id, nodes) do
    case local_lock_check(id, nodes) do
      true ->
        {replies, _} = multi_call(nodes, {:set_lock, id})
        check_replies(replies, id, replies)
      false ->
        false
    end
  end

  # probe the local node before trying the others
  defp local_lock_check(_id, [_]), do: true

  defp local_lock_check(id, nodes) do
    not :lists.member(node(), nodes) or :gen_server.call(@server, {:ciex_can_set_lock, id}, :infinity) != false
  end

  defp check_replies([{_node, true} | t], id, replies), do: check_replies(t, id, replies)
  defp check_replies([{_node, false} | _t], _id, [_]), do: false

  defp check_replies([{_node, false} | _t], id, replies) do
    true_reply_nodes = for {n, true} <- replies, do: n
    multi_call(true_reply_nodes, {:del_lock, id})
    false
  end

  defp check_replies([], _id, _replies), do: true

  defp get_known(), do: :gen_server.call(@server, :get_known, :infinity)

  # The lock on the boss goes last, so that locking the known nodes
  # rarely fails once the boss is locked.
  defp delete_global_lock(lock_id, nodes) do
    the_boss = the_boss(nodes)
    del_lock(lock_id, l_delete(the_boss, nodes))
    del_lock(lock_id, [the_boss])
  end

  defp the_boss(nodes), do: l_max(nodes)

  # gen_server:multi_call(Nodes, global_name_server, Request) with no
  # timeout: every request sent first, then the replies collected.
  defp multi_call(nodes, request) do
    tag = :erlang.make_ref()
    monitors = send_nodes(nodes, tag, request, [])
    rec_nodes(tag, monitors, [], [])
  end

  defp send_nodes([node | tail], tag, request, monitors) when is_atom(node) do
    ref = :erlang.monitor(:process, {@server, node})
    :erlang.send({@server, node}, {:"$gen_call", {self(), {tag, node}}, request})
    send_nodes(tail, tag, request, [{node, ref} | monitors])
  end

  defp send_nodes([_node | tail], tag, request, monitors), do: send_nodes(tail, tag, request, monitors)
  defp send_nodes([], _tag, _request, monitors), do: monitors

  defp rec_nodes(tag, [{n, r} | tail], bad_nodes, replies) do
    receive do
      {:DOWN, ^r, _, _, _} ->
        rec_nodes(tag, tail, [n | bad_nodes], replies)
      {{^tag, ^n}, reply} ->
        :erlang.demonitor(r, [:flush])
        rec_nodes(tag, tail, bad_nodes, [{n, reply} | replies])
    end
  end

  defp rec_nodes(_tag, [], bad_nodes, replies), do: {replies, bad_nodes}

  # rpc:call/4, which runs a call to this node in the caller, as erpc does
  defp rpc_call(node, m, f, a) do
    case node == node() do
      true -> apply(m, f, a)
      false -> :rpc.call(node, m, f, a)
    end
  end

  # ---- the registrar ----

  defp start_the_registrar(), do: :erlang.spawn_link(fn -> loop_the_registrar() end)

  def loop_the_registrar() do
    receive do
      {:trans_all_known, fun, from} ->
        :gen_server.reply(from, trans_all_known(fun))
      {:EXIT, _pid, _reason} ->
        :ok
      other ->
        unexpected_message(other, :register)
    end
    loop_the_registrar()
  end

  defp unexpected_message(message, what) do
    log(:warning, "The global_name_server ~w process received an unexpected message:\n~tp\n", [what, message])
  end

  # ---- the locker ----
  #
  # When a node comes up, the server tells the locker ({his_the_locker,
  # ...}); the locker tries to set a lock in our partition and the other
  # node's, tells the server when it is set, and keeps it until the server
  # cancels it.  The lock id is {:global, sorted [our locker, his locker]}:
  # the same on both sides, so the nodes common to both partitions are
  # locked by both lockers.

  defp start_the_locker(), do: :erlang.spawn_link(fn -> init_the_locker() end)

  def init_the_locker() do
    :erlang.process_flag(:trap_exit, true)
    s0 = %{local: [], remote: [], known: [], the_boss: node(), just_synced: false}
    s1 = update_locker_known({:add, get_known()}, s0)
    loop_the_locker(s1)
  end

  def loop_the_locker(s) do
    receive do
      message -> the_locker_message(message, s)
    after
      0 ->
        timeout =
          case {s.local, s.remote} do
            {[], []} -> :infinity
            _ ->
              # greater than zero, or another node of the partition
              # hardly ever gets the lock after this one failed
              cond do
                s.just_synced -> 0
                s.known == [] -> 200
                true -> min(1000 + 100 * length(s.known), 3000)
              end
          end
        s1 = %{s | just_synced: false}
        receive do
          message -> the_locker_message(message, s1)
        after
          timeout ->
            case is_global_lock_set() do
              true -> loop_the_locker(s1)
              false -> select_node(s1)
            end
        end
    end
  end

  defp the_locker_message({:his_the_locker, his_the_locker, {his_vsn, _his_known}, his_tag, my_tag}, s) do
    true = his_vsn > 4
    him = %{node: node(his_the_locker), my_tag: my_tag, his_tag: his_tag, locker: his_the_locker, vsn: his_vsn}
    loop_the_locker(add_node(him, s))
  end

  # acting on a cancel tagged :undefined could cancel a newer nodeup
  defp the_locker_message({:cancel, _node, :undefined, :no_fun}, s), do: loop_the_locker(s)
  defp the_locker_message({:cancel, node, tag, :no_fun}, s), do: loop_the_locker(remove_node(node, tag, s))
  defp the_locker_message({:lock_set, _pid, false, _, _}, s), do: loop_the_locker(s)
  defp the_locker_message({:lock_set, _pid, false, _}, s), do: loop_the_locker(s)

  defp the_locker_message({:lock_set, pid, true, _his_known, my_tag}, s) do
    his_node = node(pid)
    case find_node_tag(his_node, s) do
      {true, ^my_tag, his_vsn, his_tag} ->
        lock_id = locker_lock_id(pid, his_vsn)
        {is_lock_set, s1} = lock_nodes_safely(lock_id, [], s)
        send_lock_set(s1, is_lock_set, pid, his_vsn, his_tag)
        known2 = [node() | s1.known]
        case is_lock_set do
          true ->
            :gen_server.cast(@server, {:lock_is_set, his_node, my_tag, lock_id})
            # until the server says the lock can go (or the node is down)
            wait_cancel_lock(his_node, lock_id, my_tag, known2)
            s2 = %{s1 | just_synced: true}
            loop_the_locker(remove_node(his_node, my_tag, s2))
          false ->
            loop_the_locker(%{s1 | just_synced: false})
        end
      _ ->
        send_lock_set(s, false, pid, 5, 0)
        loop_the_locker(s)
    end
  end

  defp the_locker_message({:lock_set, pid, true, his_known}, s) do
    case find_node_tag(node(pid), s) do
      {true, my_tag, _his_vsn, _his_tag} ->
        the_locker_message({:lock_set, pid, true, his_known, my_tag}, s)
      false ->
        send_lock_set(s, false, pid, 5, 0)
        loop_the_locker(s)
    end
  end

  defp the_locker_message({:add_to_known, nodes}, s), do: loop_the_locker(update_locker_known({:add, nodes}, s))
  defp the_locker_message({:remove_from_known, node}, s), do: loop_the_locker(update_locker_known({:remove, node}, s))

  defp the_locker_message({:get_state, from, ref}, s) do
    :erlang.send(from, {ref, :the_locker_message, s})
    loop_the_locker(s)
  end

  defp the_locker_message({:EXIT, _pid, _reason}, s), do: loop_the_locker(s)

  defp the_locker_message(other, s) do
    unexpected_message(other, :locker)
    loop_the_locker(s)
  end

  # requests from nodes on this host go first
  defp select_node(s) do
    use_remote = s.local == []
    others1 =
      case use_remote do
        true -> s.remote
        false -> s.local
      end
    others2 = exclude_known(others1, s.known)
    s1 =
      case use_remote do
        true -> %{s | remote: others2}
        false -> %{s | local: others2}
      end
    case others2 do
      [] ->
        loop_the_locker(s1)
      _ ->
        him = random_element(others2)
        his_node = [him.node]
        us = [node() | his_node]
        lock_id = locker_lock_id(him.locker, him.vsn)
        # locking his node too prevents deadlock
        {is_lock_set, s2} = lock_nodes_safely(lock_id, his_node, s1)
        case is_lock_set do
          true ->
            known1 = us ++ s2.known
            send_lock_set(s2, true, him.locker, him.vsn, him.his_tag)
            loop_the_locker(locker_lock_is_set(s2, him, him.my_tag, known1, lock_id))
          false ->
            loop_the_locker(s2)
        end
    end
  end

  defp send_lock_set(s, is_lock_set, his_the_locker, vsn, his_tag) do
    message =
      case vsn < @verify_connect_vsn do
        true -> {:lock_set, self(), is_lock_set, s.known}
        false -> {:lock_set, self(), is_lock_set, s.known, his_tag}
      end
    case vsn < 6 do
      true -> :erlang.send(his_the_locker, message)
      false -> :gen_server.cast({@server, node(his_the_locker)}, message)
    end
  end

  defp locker_lock_id(pid, vsn) when vsn > 4, do: {@global_rid, :lists.sort([self(), pid])}

  defp lock_nodes_safely(lock_id, extra, s0) do
    # locking this node could stop a node that has already locked the
    # boss: only check that it could be locked
    first = delete_nonode([s0.the_boss])
    case [node()] == first or can_set_lock(lock_id) != false do
      true ->
        case set_lock(lock_id, first, 0) do
          true ->
            s = update_locker_known(s0)
            second = delete_nonode([node() | extra] -- first)
            case set_lock(lock_id, second, 0) do
              true ->
                known = s.known
                case set_lock(lock_id, known -- first, 0) do
                  true ->
                    {true, s}
                  false ->
                    del_lock(lock_id, first ++ second)
                    {false, s}
                end
              false ->
                del_lock(lock_id, first)
                {false, s}
            end
          false ->
            {false, s0}
        end
      false ->
        {false, s0}
    end
  end

  defp can_set_lock(id), do: :gen_server.call(@server, {:ciex_can_set_lock, id}, :infinity)
  defp is_global_lock_set(), do: :gen_server.call(@server, :ciex_is_global_lock_set, :infinity)

  defp delete_nonode(l), do: l_delete(:nonode@nohost, l)

  defp update_locker_known(s) do
    receive do
      {:add_to_known, nodes} -> update_locker_known(update_locker_known({:add, nodes}, s))
      {:remove_from_known, node} -> update_locker_known(update_locker_known({:remove, node}, s))
    after
      0 -> s
    end
  end

  defp update_locker_known(upd, s) do
    known =
      case upd do
        {:add, nodes} -> nodes ++ s.known
        {:remove, node} -> l_delete(node, s.known)
      end
    %{s | known: known, the_boss: the_boss([node() | known])}
  end

  defp random_element(l) do
    e = rem(abs(:erlang.bxor(:erlang.monotonic_time(), :erlang.unique_integer())), length(l))
    l_nth(e, l)
  end

  defp exclude_known(others, known), do: for(him <- others, not :lists.member(him.node, known), do: him)

  # we locked both partitions; wait for his locker's answer
  defp locker_lock_is_set(s, him, my_tag, known1, lock_id) do
    his_node = him.node
    receive do
      {:lock_set, p, true, _, ^my_tag} when node(p) == his_node ->
        lock_is_set_true_received(s, him, my_tag, known1, lock_id, p)
      {:lock_set, p, true, _, _old_my_tag} when node(p) == his_node ->
        locker_lock_is_set(s, him, my_tag, known1, lock_id)
      {:lock_set, p, true, _} when node(p) == his_node ->
        lock_is_set_true_received(s, him, my_tag, known1, lock_id, p)
      {:lock_set, p, false, _, ^my_tag} when node(p) == his_node ->
        delete_global_lock(lock_id, known1)
        s
      {:lock_set, p, false, _, _old_my_tag} when node(p) == his_node ->
        locker_lock_is_set(s, him, my_tag, known1, lock_id)
      {:lock_set, p, false, _} when node(p) == his_node ->
        delete_global_lock(lock_id, known1)
        s
      {:cancel, ^his_node, ^my_tag, fun} ->
        call_fun(fun)
        delete_global_lock(lock_id, known1)
        remove_node(his_node, my_tag, s)
      {:get_state, from, ref} ->
        :erlang.send(from, {ref, :lock_is_set, s})
        locker_lock_is_set(s, him, my_tag, known1, lock_id)
    end
  end

  defp lock_is_set_true_received(s, him, my_tag, known1, lock_id, p) do
    his_node = node(p)
    :gen_server.cast(@server, {:lock_is_set, his_node, my_tag, lock_id})
    wait_cancel_lock(his_node, lock_id, my_tag, known1)
    %{s | just_synced: true, local: l_delete(him, s.local), remote: l_delete(him, s.remote)}
  end

  defp wait_cancel_lock(his_node, lock_id, my_tag, known) do
    receive do
      {:cancel, ^his_node, ^my_tag, fun} ->
        call_fun(fun)
        delete_global_lock(lock_id, known)
    end
  end

  # the locker runs the server's new_nodes multicast before it deletes the lock
  defp call_fun(:no_fun), do: :ok
  defp call_fun(fun), do: fun.()

  defp find_node_tag(node, s) do
    case find_node_tag2(node, s.local) do
      false -> find_node_tag2(node, s.remote)
      reply -> reply
    end
  end

  defp find_node_tag2(_node, []), do: false

  defp find_node_tag2(node, [him | rest]) do
    case him.node == node do
      true -> {true, him.my_tag, him.vsn, him.his_tag}
      false -> find_node_tag2(node, rest)
    end
  end

  defp remove_node(node, tag, s) do
    %{s | local: remove_node2(node, tag, s.local), remote: remove_node2(node, tag, s.remote)}
  end

  defp remove_node2(_node, _tag, []), do: []

  defp remove_node2(node, tag, [him | rest]) do
    case him.node == node and him.my_tag == tag do
      true -> rest
      false -> [him | remove_node2(node, tag, rest)]
    end
  end

  defp add_node(him, s) do
    case host_of(him.node) == host_of(node()) do
      true -> %{s | local: [him | s.local]}
      false -> %{s | remote: [him | s.remote]}
    end
  end

  defp host_of(node) do
    case :binary.split(:erlang.atom_to_binary(node), "@") do
      [_, host] -> host
      _ -> ""
    end
  end

  # ---- the resolver of one connection ----

  defp start_resolver(node, my_tag), do: :erlang.spawn(fn -> resolver(node, my_tag) end)

  def resolver(node, tag) do
    receive do
      {:resolve, name_list, ^node} ->
        names = :gen_server.call(@server, :ciex_names, :infinity)
        {ops, resolved} = exchange_names(name_list, node, names, [], [])
        :gen_server.cast(@server, {:exchange_ops, node, tag, ops, resolved})
        :erlang.exit(:normal)
      _ ->
        resolver(node, tag)
    end
  end

  # A clash is resolved by the smaller node, calling the resolve method
  # where our process lives: all methods run in the same partition.
  defp exchange_names([{name, pid, method} | tail], node, names, ops, res) do
    case :maps.find(name, names) do
      {:ok, {^pid, _method, _ref}} ->
        exchange_names(tail, node, names, ops, res)
      {:ok, {pid2, method2, _ref}} ->
        case node() < node do
          true ->
            case rpc_call(node(pid2), :global, :resolve_it, [method2, name, pid, pid2]) do
              ^pid ->
                exchange_names(tail, node, names, [{:insert, {name, pid, method}} | ops], res)
              ^pid2 ->
                exchange_names(tail, node, names, ops, [{:insert, {name, pid2, method2}} | res])
              :none ->
                op = {:delete, name}
                exchange_names(tail, node, names, [op | ops], [op | res])
              {:badrpc, badrpc} ->
                log(:info, "global: badrpc ~w received when conflicting name ~tw was found\n", [badrpc, name])
                exchange_names(tail, node, names, [{:insert, {name, pid, method}} | ops], res)
              other ->
                log(:info, "global: Resolve method ~w for conflicting name ~tw returned ~tw\n", [method, name, other])
                op = {:delete, name}
                exchange_names(tail, node, names, [op | ops], [op | res])
            end
          false ->
            # the other node resolves it
            exchange_names(tail, node, names, ops, res)
        end
      :error ->
        exchange_names(tail, node, names, [{:insert, {name, pid, method}} | ops], res)
    end
  end

  defp exchange_names([], _node, _names, ops, res), do: {ops, res}

  # ---- sync ----

  defp start_sync(nodes, from), do: :erlang.spawn_link(fn -> sync_init(nodes, from) end)

  def sync_init(nodes, from) do
    l_foreach(nodes, fn n -> :erlang.monitor_node(n, true) end)
    sync_loop(nodes, from)
  end

  defp sync_loop([], from), do: :gen_server.reply(from, :ok)

  defp sync_loop(nodes, from) do
    receive do
      {:nodedown, node} ->
        :erlang.monitor_node(node, false)
        sync_loop(l_delete(node, nodes), from)
      {:synced, snodes} ->
        l_foreach(snodes, fn n -> :erlang.monitor_node(n, false) end)
        sync_loop(nodes -- snodes, from)
    end
  end

  # ---- small helpers ----

  # logger:log/3: here, and on the node of a remote group leader too
  defp log(level, format, args), do: :logger_proxy.log(level, format, args)

  # first 1/4 s, then doubling up to 8 s
  defp random_sleep(times) do
    tmax =
      case times > 5 do
        true -> 8000
        false -> div(:erlang.bsl(1, times) * 1000, 8)
      end
    t = random_int(tmax) + 1
    receive do
    after
      t -> :ok
    end
  end

  # uniform enough in 0..n-1
  defp random_int(n) do
    :erlang.phash2({:erlang.monotonic_time(), :erlang.unique_integer(), self()}, n)
  end

  defp dec(:infinity), do: :infinity
  defp dec(n), do: n - 1

  defp add_unique(x, list) do
    case :lists.member(x, list) do
      true -> list
      false -> [x | list]
    end
  end

  defp l_foldl([h | t], acc, fun), do: l_foldl(t, fun.(h, acc), fun)
  defp l_foldl([], acc, _fun), do: acc

  defp l_foreach([h | t], fun) do
    fun.(h)
    l_foreach(t, fun)
  end

  defp l_foreach([], _fun), do: :ok

  defp l_map(list, fun), do: :lists.reverse(l_foldl(list, [], fn x, acc -> [fun.(x) | acc] end))

  # lists:delete/2: the first occurrence only
  defp l_delete(x, [h | t]) do
    case h == x do
      true -> t
      false -> [h | l_delete(x, t)]
    end
  end

  defp l_delete(_x, []), do: []

  defp l_keymember(key, list), do: :lists.keyfind(key, 1, list) != false

  defp l_keydelete(key, [h | t]) do
    case :erlang.element(1, h) == key do
      true -> t
      false -> [h | l_keydelete(key, t)]
    end
  end

  defp l_keydelete(_key, []), do: []

  defp l_max([h | t]), do: l_foldl(t, h, fn x, m -> max(x, m) end)

  defp l_nth(0, [h | _]), do: h
  defp l_nth(i, [_ | t]), do: l_nth(i - 1, t)
end

:global.start()
