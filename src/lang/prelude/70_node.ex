# Node (its :net_kernel and :net_adm parts are in 69_net_kernel.ex).
defmodule Node do
  def self(), do: node()
  def alive?(), do: :erlang.is_alive()
  def list(), do: :erlang.nodes()
  def list(kinds), do: :erlang.nodes(kinds)
  def connect(node), do: :net_kernel.connect_node(node)
  def disconnect(node), do: :erlang.disconnect_node(node)
  def get_cookie(), do: :erlang.get_cookie()
  def set_cookie(cookie), do: :erlang.set_cookie(cookie)
  def set_cookie(node, cookie), do: :erlang.set_cookie(node, cookie)
  def monitor(node, flag), do: :erlang.monitor_node(node, flag)
  def ping(node), do: :net_adm.ping(node)

  def spawn(node, fun), do: :ciex_node_spawn.spawn(node, :erlang, :apply, [fun, []], [])
  def spawn(node, m, f, a), do: :ciex_node_spawn.spawn(node, m, f, a, [])
  def spawn_link(node, fun), do: :ciex_node_spawn.spawn(node, :erlang, :apply, [fun, []], [:link])
  def spawn_link(node, m, f, a), do: :ciex_node_spawn.spawn(node, m, f, a, [:link])
  def spawn_monitor(node, fun) do
    pid = spawn(node, fun)
    {pid, Process.monitor(pid)}
  end
end

# :erpc over spawn requests, with OTP 25's own protocol (erpc.erl): the
# caller spawns :erpc.execute_call/4 on the other node, monitored; the
# process exits with {ref, :return, value} (or the exception), which the
# DOWN message carries back.  Real BEAM nodes call into ciex the same way
# (:rpc.call uses it).  A call on this node with no timeout runs in the
# caller, as OTP's does.  Requests (send_request/2,4) are [res | req_id],
# the improper list OTP makes, so that rpc's keys are erpc's.
defmodule :erpc do
  @max_timeout 4_294_967_295

  def call(node, fun), do: call(node, fun, :infinity)
  def call(node, fun, timeout) when is_function(fun, 0), do: call(node, :erlang, :apply, [fun, []], timeout)
  def call(_node, _fun, _timeout), do: :erlang.error({:erpc, :badarg})
  def call(node, m, f, a), do: call(node, m, f, a, :infinity)

  def call(node, m, f, a, timeout) when is_atom(node) and is_atom(m) and is_atom(f) and is_list(a) do
    case node == node() and timeout == :infinity do
      true ->
        local_call(m, f, a)
      false ->
        tmo = timeout_value(timeout)
        res = make_ref()
        req = :erlang.spawn_request(node, :erpc, :execute_call, [res, m, f, a], [{:reply, :error_only}, :monitor])
        receive do
          {:spawn_reply, ^req, :error, reason} -> result(:spawn_reply, req, res, reason)
          {:DOWN, ^req, :process, _pid, reason} -> result(:down, req, res, reason)
        after
          tmo -> result(:timeout, req, res, nil)
        end
    end
  end

  def call(_node, _m, _f, _a, _timeout), do: :erlang.error({:erpc, :badarg})

  defp local_call(m, f, a) do
    try do
      {:return, value} = execute_call(m, f, a)
      value
    catch
      :exit, reason -> exit({:exception, reason})
      :error, reason -> :erlang.error({:exception, reason, trim_stack(__STACKTRACE__, m, f, a)})
    end
  end

  def cast(node, fun) when is_function(fun, 0), do: cast(node, :erlang, :apply, [fun, []])
  def cast(_node, _fun), do: :erlang.error({:erpc, :badarg})

  def cast(node, m, f, a) when is_atom(node) and is_atom(m) and is_atom(f) and is_list(a) do
    _ = :erlang.spawn_request(node, :erpc, :execute_cast, [m, f, a], [{:reply, :no}])
    :ok
  end

  def cast(_node, _m, _f, _a), do: :erlang.error({:erpc, :badarg})

  # ---- asynchronous calls ----

  def send_request(node, fun) when is_atom(node) and is_function(fun, 0), do: send_request(node, :erlang, :apply, [fun, []])
  def send_request(_node, _fun), do: :erlang.error({:erpc, :badarg})

  def send_request(node, m, f, a) when is_atom(node) and is_atom(m) and is_atom(f) and is_list(a) do
    res = make_ref()
    req = :erlang.spawn_request(node, :erpc, :execute_call, [res, m, f, a], [{:reply, :error_only}, :monitor])
    [res | req]
  end

  def send_request(node, fun, label, coll) when is_atom(node) and is_function(fun, 0) and is_map(coll),
    do: send_request(node, :erlang, :apply, [fun, []], label, coll)

  def send_request(_node, _m, _f, _a), do: :erlang.error({:erpc, :badarg})

  # request id collections: %{req_id => [res | label]}, as OTP's
  def send_request(node, m, f, a, label, coll)
      when is_atom(node) and is_atom(m) and is_atom(f) and is_list(a) and is_map(coll) do
    res = make_ref()
    req = :erlang.spawn_request(node, :erpc, :execute_call, [res, m, f, a], [{:reply, :error_only}, :monitor])
    :maps.put(req, [res | label], coll)
  end

  def send_request(_node, _m, _f, _a, _label, _coll), do: :erlang.error({:erpc, :badarg})

  def reqids_new(), do: %{}

  def reqids_size(coll) do
    try do
      map_size(coll)
    catch
      _, _ -> :erlang.error({:erpc, :badarg})
    end
  end

  def reqids_add([_ | req], _label, coll) when is_reference(req) and is_map_key(coll, req),
    do: :erlang.error({:erpc, :badarg})

  def reqids_add([res | req], label, coll) when is_reference(res) and is_reference(req) and is_map(coll),
    do: :maps.put(req, [res | label], coll)

  def reqids_add(_, _, _), do: :erlang.error({:erpc, :badarg})

  def reqids_to_list(coll) when is_map(coll) do
    Enum.reduce(:maps.to_list(coll), [], fn
      {req, [res | label]}, acc when is_reference(req) and is_reference(res) -> [{[res | req], label} | acc]
      _, _ -> :erlang.error({:erpc, :badarg})
    end)
  end

  def reqids_to_list(_), do: :erlang.error({:erpc, :badarg})

  def receive_response([res | req] = rid) when is_reference(res) and is_reference(req), do: receive_response(rid, :infinity)
  def receive_response(_), do: :erlang.error({:erpc, :badarg})

  def receive_response([res | req], timeout) when is_reference(res) and is_reference(req) do
    tmo = timeout_value(timeout)
    receive do
      {:spawn_reply, ^req, :error, reason} -> result(:spawn_reply, req, res, reason)
      {:DOWN, ^req, :process, _pid, reason} -> result(:down, req, res, reason)
    after
      tmo -> result(:timeout, req, res, nil)
    end
  end

  def receive_response(_, _), do: :erlang.error({:erpc, :badarg})

  def receive_response(coll, timeout, delete) when map_size(coll) == 0 and is_boolean(delete) do
    _ = timeout_value(timeout)
    :no_request
  end

  def receive_response(coll, timeout, delete) when is_map(coll) and is_boolean(delete) do
    tmo = timeout_value(timeout)
    receive do
      {:spawn_reply, req, :error, reason} when is_reference(req) and is_map_key(coll, req) ->
        collection_result(:spawn_reply, req, reason, coll, false, delete)
      {:DOWN, req, :process, _pid, reason} when is_reference(req) and is_map_key(coll, req) ->
        collection_result(:down, req, reason, coll, false, delete)
    after
      tmo -> collection_result(:timeout, :ok, :ok, coll, false, delete)
    end
  end

  def receive_response(_, _, _), do: :erlang.error({:erpc, :badarg})

  def wait_response([res | req] = rid) when is_reference(res) and is_reference(req), do: wait_response(rid, 0)
  def wait_response(_), do: :erlang.error({:erpc, :badarg})

  def wait_response([res | req], wait) when is_reference(res) and is_reference(req) do
    tmo = timeout_value(wait)
    receive do
      {:spawn_reply, ^req, :error, reason} -> result(:spawn_reply, req, res, reason)
      {:DOWN, ^req, :process, _pid, reason} -> {:response, result(:down, req, res, reason)}
    after
      tmo -> :no_response
    end
  end

  def wait_response(_, _), do: :erlang.error({:erpc, :badarg})

  def wait_response(coll, wait, delete) when map_size(coll) == 0 and is_boolean(delete) do
    _ = timeout_value(wait)
    :no_request
  end

  def wait_response(coll, wait, delete) when is_map(coll) and is_boolean(delete) do
    tmo = timeout_value(wait)
    receive do
      {:spawn_reply, req, :error, reason} when is_reference(req) and is_map_key(coll, req) ->
        collection_result(:spawn_reply, req, reason, coll, true, delete)
      {:DOWN, req, :process, _pid, reason} when is_reference(req) and is_map_key(coll, req) ->
        collection_result(:down, req, reason, coll, true, delete)
    after
      tmo -> :no_response
    end
  end

  def wait_response(_, _, _), do: :erlang.error({:erpc, :badarg})

  def check_response({:spawn_reply, req, :error, reason}, [res | req]) when is_reference(res) and is_reference(req),
    do: result(:spawn_reply, req, res, reason)
  def check_response({:DOWN, req, :process, _pid, reason}, [res | req]) when is_reference(res) and is_reference(req),
    do: {:response, result(:down, req, res, reason)}
  def check_response(_msg, [res | req]) when is_reference(res) and is_reference(req), do: :no_response
  def check_response(_, _), do: :erlang.error({:erpc, :badarg})

  def check_response(_msg, coll, delete) when map_size(coll) == 0 and is_boolean(delete), do: :no_request

  def check_response({:spawn_reply, req, :error, reason}, coll, delete)
      when is_reference(req) and is_map_key(coll, req) and is_boolean(delete),
      do: collection_result(:spawn_reply, req, reason, coll, true, delete)

  def check_response({:DOWN, req, :process, _pid, reason}, coll, delete)
      when is_reference(req) and is_map_key(coll, req) and is_boolean(delete),
      do: collection_result(:down, req, reason, coll, true, delete)

  def check_response(_msg, coll, delete) when is_map(coll) and is_boolean(delete), do: :no_response
  def check_response(_, _, _), do: :erlang.error({:erpc, :badarg})

  # the time is up: every request of the collection is abandoned
  defp collection_result(:timeout, _, _, coll, _, _) do
    for {req, entry} <- :maps.to_list(coll) do
      case entry do
        [res | _label] when is_reference(req) and is_reference(res) -> abandon(req)
        _ -> :erlang.error({:erpc, :badarg})
      end
    end
    :erlang.error({:erpc, :timeout})
  end

  # the result with its label and the collection (without the request
  # when delete); an exception carries the label and collection too
  defp collection_result(type, req, reason, coll, wrap, delete) do
    info =
      case delete do
        true -> :maps.take(req, coll)
        false -> {:maps.get(req, coll), coll}
      end
    case info do
      {[res | label], new_coll} when is_reference(res) ->
        try do
          result(type, req, res, reason)
        catch
          class, why -> :erlang.raise(class, {why, label, new_coll}, __STACKTRACE__)
        else
          value -> {if(wrap, do: {:response, value}, else: value), label, new_coll}
        end
      _ ->
        :erlang.error({:erpc, :badarg})
    end
  end

  # ---- several nodes ----

  def multicall(nodes, fun), do: multicall(nodes, fun, :infinity)
  def multicall(nodes, fun, timeout) when is_function(fun, 0), do: multicall(nodes, :erlang, :apply, [fun, []], timeout)
  def multicall(_nodes, _fun, _timeout), do: :erlang.error({:erpc, :badarg})
  def multicall(nodes, m, f, a), do: multicall(nodes, m, f, a, :infinity)

  # All requests go out first (this node's runs in the caller when there
  # is no timeout, once the others are on their way); the replies are then
  # collected in the order of the nodes, against one deadline.  A bad node
  # list abandons what was sent and fails with {:erpc, :badarg}.
  def multicall(nodes, m, f, a, timeout) do
    {reqs, tag, deadline} =
      try do
        true = is_atom(m) and is_atom(f) and is_list(a)
        tmo = timeout_value(timeout)
        tag = make_ref()
        {mcall_send(nodes, tag, m, f, a, tmo == :infinity, []), tag, deadline(tmo)}
      catch
        :error, _ -> :erlang.error({:erpc, :badarg})
      end
    local =
      case :lists.member(:local_call, reqs) do
        true -> mcall_local_call(m, f, a)
        false -> nil
      end
    mcall_receive(reqs, tag, deadline, local, [])
  end

  defp mcall_send([], _tag, _m, _f, _a, _local_ok, acc), do: :lists.reverse(acc)

  defp mcall_send([node | nodes], tag, m, f, a, local_ok, acc) when is_atom(node) do
    case local_ok and node == node() do
      true ->
        mcall_send(nodes, tag, m, f, a, false, [:local_call | acc])
      false ->
        req = :erlang.spawn_request(node, :erpc, :execute_call, [tag, m, f, a], [{:reply, :error_only}, :monitor])
        mcall_send(nodes, tag, m, f, a, local_ok, [req | acc])
    end
  end

  defp mcall_send(_bad, _tag, _m, _f, _a, _local_ok, acc) do
    for req <- acc, is_reference(req), do: abandon(req)
    :erlang.error(:badarg)
  end

  defp mcall_local_call(m, f, a) do
    try do
      {:return, value} = execute_call(m, f, a)
      {:ok, value}
    catch
      :throw, thrown -> {:throw, thrown}
      :exit, reason -> {:exit, {:exception, reason}}
      :error, reason -> {:error, {:exception, reason, trim_stack(__STACKTRACE__, m, f, a)}}
    end
  end

  defp mcall_receive([], _tag, _deadline, _local, acc), do: :lists.reverse(acc)
  defp mcall_receive([:local_call | reqs], tag, deadline, local, acc), do: mcall_receive(reqs, tag, deadline, local, [local | acc])

  defp mcall_receive([req | reqs], tag, deadline, local, acc) do
    reply =
      receive do
        {:spawn_reply, ^req, :error, reason} -> mcall_result(:spawn_reply, req, tag, reason)
        {:DOWN, ^req, :process, _pid, reason} -> mcall_result(:down, req, tag, reason)
      after
        time_left(deadline) -> mcall_result(:timeout, req, tag, nil)
      end
    mcall_receive(reqs, tag, deadline, local, [reply | acc])
  end

  defp mcall_result(type, req, tag, reason) do
    try do
      {:ok, result(type, req, tag, reason)}
    catch
      class, reason -> {class, reason}
    end
  end

  def multicast(nodes, fun), do: multicast(nodes, :erlang, :apply, [fun, []])

  def multicast(nodes, m, f, a) do
    try do
      true = is_atom(m) and is_atom(f) and is_list(a)
      multicast_send(nodes, m, f, a)
    catch
      :error, _ -> :erlang.error({:erpc, :badarg})
    end
  end

  defp multicast_send([], _m, _f, _a), do: :ok

  defp multicast_send([node | nodes], m, f, a) do
    _ = :erlang.spawn_request(node, :erpc, :execute_cast, [m, f, a], [{:reply, :no}])
    multicast_send(nodes, m, f, a)
  end

  # ---- results ----

  defp result(:down, _req, res, {res, :return, value}), do: value
  defp result(:down, _req, res, {res, :throw, value}), do: throw(value)
  defp result(:down, _req, res, {res, :exit, reason}), do: exit({:exception, reason})
  defp result(:down, _req, res, {res, :error, reason, stack}), do: :erlang.error({:exception, reason, stack})
  defp result(:down, _req, res, {res, :error, {:erpc, _} = reason}), do: :erlang.error(reason)
  defp result(:down, _req, _res, :noconnection), do: :erlang.error({:erpc, :noconnection})
  defp result(:down, _req, _res, reason), do: exit({:signal, reason})
  defp result(:spawn_reply, _req, _res, reason), do: :erlang.error({:erpc, reason})

  # the answer may have come in meanwhile: then it is the result
  defp result(:timeout, req, res, _) do
    receive do
      {:spawn_reply, ^req, :error, reason} -> result(:spawn_reply, req, res, reason)
      {:DOWN, ^req, :process, _pid, reason} -> result(:down, req, res, reason)
    after
      0 ->
        abandon(req)
        :erlang.error({:erpc, :timeout})
    end
  end

  defp abandon(req) do
    :erlang.demonitor(req, [:flush])
    receive do
      {:spawn_reply, ^req, _, _} -> :ok
    after
      0 -> :ok
    end
  end

  defp timeout_value(:infinity), do: :infinity
  defp timeout_value(t) when is_integer(t) and t >= 0 and t <= @max_timeout, do: t

  defp timeout_value({:abs, t}) when is_integer(t) do
    left = t - :erlang.monotonic_time(:millisecond)
    cond do
      left < 0 -> 0
      left > @max_timeout -> :erlang.error({:erpc, :badarg})
      true -> left
    end
  end

  defp timeout_value(_), do: :erlang.error({:erpc, :badarg})

  defp deadline(:infinity), do: :infinity
  defp deadline(t), do: :erlang.monotonic_time(:millisecond) + t

  defp time_left(:infinity), do: :infinity

  defp time_left(deadline) do
    left = deadline - :erlang.monotonic_time(:millisecond)
    if left < 0, do: 0, else: left
  end

  # ---- the other side ----

  def execute_call(ref, m, f, a) do
    reply =
      try do
        {ref, :return, apply(m, f, a)}
      catch
        :throw, reason -> {ref, :throw, reason}
        :exit, reason -> {ref, :exit, reason}
        :error, reason -> {ref, :error, reason, trim_stack(__STACKTRACE__, m, f, a)}
      end
    exit(reply)
  end

  # The stack an exception carries back ends where erpc called m.f(a), as
  # OTP's trim_stack does: the frames of the call itself, not erpc's.
  def trim_stack([cut | _], m, f, a) when elem(cut, 0) == :erpc and elem(cut, 1) in [:execute_call, :execute_cast],
    do: [{m, f, a, []}]

  def trim_stack([{m, f, a, _} = frame, cut | _], m, f, a)
       when elem(cut, 0) == :erpc and elem(cut, 1) in [:execute_call, :execute_cast],
       do: [frame]

  def trim_stack(stack, m, f, a) do
    case trim_stack_aux(stack, m, f, length(a)) do
      :use_all -> stack
      trimmed -> trimmed
    end
  end

  defp trim_stack_aux([], _m, _f, _arity), do: :use_all

  defp trim_stack_aux([{m, f, arity, _} = frame, cut | _], m, f, arity)
       when elem(cut, 0) == :erpc and elem(cut, 1) in [:execute_call, :execute_cast],
       do: [frame]

  defp trim_stack_aux([cut | _], m, f, arity) when elem(cut, 0) == :erpc and elem(cut, 1) in [:execute_call, :execute_cast],
    do: [{m, f, arity, []}]

  defp trim_stack_aux([frame | frames], m, f, arity) do
    case trim_stack_aux(frames, m, f, arity) do
      :use_all -> :use_all
      rest -> [frame | rest]
    end
  end

  def execute_call(m, f, a), do: {:return, apply(m, f, a)}
  # an error is raised again with erpc's {:exception, {reason, stack}},
  # as OTP's crash report of the cast shows it
  def execute_cast(m, f, a) do
    try do
      apply(m, f, a)
    catch
      :error, reason -> :erlang.error({:exception, {reason, trim_stack(__STACKTRACE__, m, f, a)}})
    end
  end
end

# :rpc on :erpc, as OTP 25 does it (rpc.erl): the same calls, with
# erpc's exceptions turned into {:badrpc, reason} and lists of bad nodes.
# The module is also the rex server, registered as :rex on every node as
# on the BEAM: block_call, server_call, sbcast and multi_server_call go
# through the rex of the other node, whatever its kind.
defmodule :rpc do
  @max_timeout 4_294_967_295

  def call(node, m, f, a), do: call(node, m, f, a, :infinity)

  def call(node, m, f, a, timeout) do
    try do
      :erpc.call(node, m, f, a, timeout)
    catch
      class, reason -> rpcify_exception(class, reason)
    else
      {:EXIT, _} = bad -> {:badrpc, bad}
      value -> value
    end
  end

  def cast(node, m, f, a) do
    try do
      :erpc.cast(node, m, f, a)
    catch
      :error, {:erpc, :badarg} -> :erlang.error(:badarg)
    end
    true
  end

  def multicall(m, f, a), do: multicall(m, f, a, :infinity)
  def multicall(nodes, m, f, a) when is_list(nodes), do: multicall(nodes, m, f, a, :infinity)
  def multicall(m, f, a, timeout), do: multicall([node() | :erlang.nodes()], m, f, a, timeout)

  def multicall(nodes, m, f, a, timeout) do
    results =
      try do
        :erpc.multicall(nodes, m, f, a, timeout)
      catch
        :error, {:erpc, :badarg} -> :erlang.error(:badarg)
      end
    multicallify(nodes, results, [], [])
  end

  defp multicallify([], [], ok, bad), do: {:lists.reverse(ok), :lists.reverse(bad)}
  defp multicallify([_ | ns], [{:ok, {:EXIT, _} = e} | rs], ok, bad), do: multicallify(ns, rs, [{:badrpc, e} | ok], bad)
  defp multicallify([_ | ns], [{:ok, value} | rs], ok, bad), do: multicallify(ns, rs, [value | ok], bad)

  defp multicallify([n | ns], [{:error, {:erpc, reason}} | rs], ok, bad) when reason == :timeout or reason == :noconnection,
    do: multicallify(ns, rs, ok, [n | bad])

  defp multicallify([_ | ns], [{class, reason} | rs], ok, bad),
    do: multicallify(ns, rs, [rpcify_exception(class, reason) | ok], bad)

  def async_call(node, m, f, a) do
    try do
      :erpc.send_request(node, m, f, a)
    catch
      :error, {:erpc, :badarg} -> :erlang.error(:badarg)
    end
  end

  def yield(key) do
    try do
      :erpc.receive_response(key)
    catch
      class, reason -> rpcify_exception(class, reason)
    else
      {:EXIT, _} = bad -> {:badrpc, bad}
      value -> value
    end
  end

  def nb_yield(key), do: nb_yield(key, 0)

  def nb_yield(key, timeout) do
    try do
      :erpc.wait_response(key, timeout)
    catch
      class, reason -> {:value, rpcify_exception(class, reason)}
    else
      :no_response -> :timeout
      {:response, {:EXIT, _} = bad} -> {:value, {:badrpc, bad}}
      {:response, value} -> {:value, value}
    end
  end

  # ---- through the rex servers ----

  def block_call(node, m, f, a), do: block_call(node, m, f, a, :infinity)

  def block_call(node, m, f, a, timeout)
      when is_atom(node) and is_atom(m) and is_list(a) and
             (timeout == :infinity or (is_integer(timeout) and timeout >= 0 and timeout <= @max_timeout)) do
    do_srv_call(node, {:block_call, m, f, a, :erlang.group_leader()}, timeout)
  end

  defp do_srv_call(node, request, :infinity), do: rpc_check(catch_call(node, request, :infinity))

  # a middleman takes the reply, so that a late one dies with it
  defp do_srv_call(node, request, timeout) do
    tag = make_ref()
    {receiver, mref} =
      :erlang.spawn_monitor(fn ->
        :erlang.process_flag(:trap_exit, true)
        result = :gen_server.call({:rex, node}, request, timeout)
        exit({self(), tag, result})
      end)
    receive do
      {:DOWN, ^mref, _, _, {^receiver, ^tag, result}} -> rpc_check(result)
      {:DOWN, ^mref, _, _, reason} -> rpc_check_t({:EXIT, reason})
    end
  end

  defp catch_call(node, request, timeout) do
    try do
      :gen_server.call({:rex, node}, request, timeout)
    catch
      :throw, value -> value
      :exit, reason -> {:EXIT, reason}
      :error, reason -> {:EXIT, {reason, __STACKTRACE__}}
    end
  end

  defp rpc_check_t({:EXIT, {:timeout, _}}), do: {:badrpc, :timeout}
  defp rpc_check_t({:EXIT, {:timeout_value, _}}), do: :erlang.error(:badarg)
  defp rpc_check_t(x), do: rpc_check(x)
  defp rpc_check({:EXIT, {{:nodedown, _}, _}}), do: {:badrpc, :nodedown}
  defp rpc_check({:EXIT, _} = exit), do: {:badrpc, exit}
  defp rpc_check(x), do: x

  # a server that answers {from, msg} with {reply_wrapper, node, reply}
  def server_call(node, name, reply_wrapper, msg) when is_atom(node) and is_atom(name) do
    case node() == :nonode@nohost and node != :nonode@nohost do
      true ->
        {:error, :nodedown}
      false ->
        ref = :erlang.monitor(:process, {name, node})
        send({name, node}, {self(), msg})
        receive do
          {:DOWN, ^ref, _, _, _} ->
            {:error, :nodedown}
          {^reply_wrapper, ^node, reply} ->
            :erlang.demonitor(ref, [:flush])
            reply
        end
    end
  end

  def abcast(name, msg), do: abcast([node() | :erlang.nodes()], name, msg)

  def abcast(nodes, name, msg) do
    for node <- nodes do
      try do
        send({name, node}, msg)
      catch
        :error, _ -> :ok
      end
    end
    :abcast
  end

  def sbcast(name, msg), do: sbcast([node() | :erlang.nodes()], name, msg)
  def sbcast(nodes, name, msg), do: rec_nodes(:rex, send_nodes(nodes, :rex, {:sbcast, name, msg}, []))

  def eval_everywhere(m, f, a), do: eval_everywhere([node() | :erlang.nodes()], m, f, a)

  def eval_everywhere(nodes, m, f, a) do
    for node <- nodes, do: cast(node, m, f, a)
    :abcast
  end

  def multi_server_call(name, msg), do: multi_server_call([node() | :erlang.nodes()], name, msg)

  def multi_server_call(nodes, name, msg) when is_list(nodes) and is_atom(name),
    do: rec_nodes(name, send_nodes(nodes, name, msg, []))

  defp send_nodes([node | nodes], name, msg, monitors) when is_atom(node) do
    monitor = start_monitor(node, name)
    try do
      send({name, node}, {self(), msg})
    catch
      _, _ -> :ok
    end
    send_nodes(nodes, name, msg, [monitor | monitors])
  end

  defp send_nodes([_ | nodes], name, msg, monitors), do: send_nodes(nodes, name, msg, monitors)
  defp send_nodes([], _name, _msg, monitors), do: monitors

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

  defp rec_nodes(name, monitors), do: rec_nodes(name, monitors, [], [])
  defp rec_nodes(_name, [], bad, replies), do: {replies, bad}

  defp rec_nodes(name, [{n, r} | tail], bad, replies) do
    receive do
      {:DOWN, ^r, _, _, _} ->
        rec_nodes(name, tail, [n | bad], replies)
      {:rex, ^n, {:nonexisting_name, _}} ->
        :erlang.demonitor(r, [:flush])
        rec_nodes(name, tail, [n | bad], replies)
      {^name, ^n, reply} ->
        :erlang.demonitor(r, [:flush])
        rec_nodes(name, tail, bad, [reply | replies])
    end
  end

  # ---- the rex server ----

  def start(), do: :gen_server.start({:local, :rex}, :rpc, [], [])

  def init([]) do
    :erlang.process_flag(:trap_exit, true)
    {:ok, %{}}
  end

  def handle_call({:call, m, f, a, gl}, to, s) do
    {_, mon} =
      :erlang.spawn_monitor(fn ->
        set_group_leader(gl)
        rex_reply(to, rex_execute_call(m, f, a))
      end)
    {:noreply, :maps.put(mon, to, s)}
  end

  def handle_call({:block_call, m, f, a, gl}, _to, s) do
    my_gl = :erlang.group_leader()
    set_group_leader(gl)
    reply = rex_execute_call(m, f, a)
    :erlang.group_leader(my_gl, self())
    {:reply, reply, s}
  end

  def handle_call(:stop, _to, s), do: {:stop, :normal, :stopped, s}
  def handle_call(_request, _to, s), do: {:noreply, s}

  def handle_cast({:cast, m, f, a, gl}, s) do
    :erlang.spawn(fn ->
      set_group_leader(gl)
      :erpc.execute_cast(m, f, a)
    end)
    {:noreply, s}
  end

  def handle_cast(_request, s), do: {:noreply, s}

  def handle_info({:DOWN, mon, :process, _, :normal}, s), do: {:noreply, :maps.remove(mon, s)}

  def handle_info({:DOWN, mon, :process, _, reason}, s) do
    case :maps.find(mon, s) do
      {:ok, to} ->
        rex_reply(to, {:badrpc, {:EXIT, reason}})
        {:noreply, :maps.remove(mon, s)}
      :error ->
        {:noreply, s}
    end
  end

  def handle_info({from, {:sbcast, name, msg}}, s) when is_pid(from) do
    reply =
      try do
        send(name, msg)
        node()
      catch
        _, _ -> {:nonexisting_name, name}
      end
    send(from, {:rex, node(), reply})
    {:noreply, s}
  end

  def handle_info({from, {:send, name, msg}}, s) when is_pid(from) do
    try do
      send(name, {from, msg})
    catch
      _, _ -> send(from, {:rex, node(), {:nonexisting_name, name}})
    end
    {:noreply, s}
  end

  def handle_info({from, {:call, m, f, a, gl}}, s) when is_pid(from) do
    case handle_call({:call, m, f, a, gl}, {:rex, from}, s) do
      {:noreply, s} -> {:noreply, s}
    end
  end

  def handle_info({from, :features_request}, s) when is_pid(from) do
    send(from, {:features_reply, node(), [:erpc]})
    {:noreply, s}
  end

  def handle_info(_message, s), do: {:noreply, s}

  def terminate(_reason, _s), do: :ok
  def code_change(_old, s, _extra), do: {:ok, s}

  defp rex_reply({:rex, from}, reply), do: send(from, {:rex, reply})
  defp rex_reply(to, reply), do: :gen_server.reply(to, reply)

  # rpc.erl's execute_call: the value, or what :rpc.call would return
  defp rex_execute_call(m, f, a) do
    try do
      {:return, value} = :erpc.execute_call(m, f, a)
      value
    catch
      :throw, result -> result
      :exit, reason -> {:badrpc, {:EXIT, reason}}
      :error, reason -> {:badrpc, {:EXIT, {reason, :erpc.trim_stack(__STACKTRACE__, m, f, a)}}}
    end
  end

  defp set_group_leader(gl) when is_pid(gl), do: :erlang.group_leader(gl, self())

  defp set_group_leader(:user) do
    case :erlang.whereis(:user) do
      pid when is_pid(pid) -> :erlang.group_leader(pid, self())
      _ -> true
    end
  end

  defp set_group_leader(_other), do: true

  defp rpcify_exception(:throw, {:EXIT, _} = bad), do: {:badrpc, bad}
  defp rpcify_exception(:throw, value), do: value
  defp rpcify_exception(:exit, {:exception, reason}), do: {:badrpc, {:EXIT, reason}}
  defp rpcify_exception(:exit, {:signal, reason}), do: {:badrpc, {:EXIT, reason}}
  defp rpcify_exception(:exit, reason), do: exit(reason)
  defp rpcify_exception(:error, {:exception, reason, stack}), do: {:badrpc, {:EXIT, {reason, stack}}}
  defp rpcify_exception(:error, {:erpc, :badarg}), do: :erlang.error(:badarg)
  defp rpcify_exception(:error, {:erpc, :noconnection}), do: {:badrpc, :nodedown}
  defp rpcify_exception(:error, {:erpc, :timeout}), do: {:badrpc, :timeout}
  defp rpcify_exception(:error, {:erpc, :notsup}), do: {:badrpc, :notsup}
  defp rpcify_exception(:error, {:erpc, reason}), do: {:badrpc, {:EXIT, reason}}
  defp rpcify_exception(:error, reason), do: :erlang.error(reason)
end

defmodule :ciex_node_spawn do
  # spawn(node, m, f, a) on another node: the pid, once the node answers
  def spawn(node, m, f, a, opts) do
    if node == node() do
      case opts do
        [:link] -> :erlang.spawn_link(m, f, a)
        _ -> :erlang.spawn(m, f, a)
      end
    else
      req = :erlang.spawn_request(node, m, f, a, [{:reply, :yes} | opts])
      receive do
        {:spawn_reply, ^req, :ok, pid} -> pid
        {:spawn_reply, ^req, :error, reason} -> exit(reason)
      end
    end
  end
end

:rpc.start()
