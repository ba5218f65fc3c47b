# :pg, process groups, as OTP 25's pg.erl (kernel 8.5): one scope process
# per node, registered under the scope's name, keeps every group's members
# and speaks the BEAM's messages with the scopes of the same name on the
# other nodes, so that a :pg.join on ciex shows in :pg.get_members on a BEAM
# node and back:
#   {:discover, peer}                   a scope made itself known (at start,
#                                       and to each node that comes up)
#   {:"$gen_cast", {:sync, peer, [{group, pids}]}}
#                                       the answer: peer's local members
#   {:join, peer, group, pid | pids}    peer's processes joined
#   {:leave, peer, pid | pids, groups}  peer's processes left (or died)
# As in OTP 25, no scope starts with the kernel unless configured: start
# one with :pg.start_link/0,1 or :pg.start/1.
#
# pg.erl keeps the groups in an ETS table that readers look up directly;
# here they are the scope process's state, and get_members/which_groups
# ask it ({:ciex_*, ...} calls no BEAM node sends).  The lists are ordered
# as pg.erl orders them (new members in front).
defmodule :pg do
  @default_scope :pg

  def start_link(), do: start_link(@default_scope)
  def start(scope) when is_atom(scope), do: :gen_server.start({:local, scope}, :pg, [scope], [])
  def start_link(scope) when is_atom(scope), do: :gen_server.start_link({:local, scope}, :pg, [scope], [])

  def join(group, pid_or_pids), do: join(@default_scope, group, pid_or_pids)

  def join(scope, group, pid_or_pids) when is_pid(pid_or_pids) or is_list(pid_or_pids) do
    :ok = ensure_local(pid_or_pids)
    :gen_server.call(scope, {:join_local, group, pid_or_pids}, :infinity)
  end

  def leave(group, pid_or_pids), do: leave(@default_scope, group, pid_or_pids)

  def leave(scope, group, pid_or_pids) when is_pid(pid_or_pids) or is_list(pid_or_pids) do
    :ok = ensure_local(pid_or_pids)
    :gen_server.call(scope, {:leave_local, group, pid_or_pids}, :infinity)
  end

  def monitor_scope(), do: monitor_scope(@default_scope)
  def monitor_scope(scope), do: :gen_server.call(scope, :monitor, :infinity)
  def monitor(group), do: monitor(@default_scope, group)
  def monitor(scope, group), do: :gen_server.call(scope, {:monitor, group}, :infinity)
  def demonitor(ref), do: demonitor(@default_scope, ref)

  def demonitor(scope, ref) do
    :gen_server.call(scope, {:demonitor, ref}, :infinity) == :ok and flush(ref)
  end

  def get_members(group), do: get_members(@default_scope, group)
  def get_members(scope, group), do: read(scope, {:ciex_members, group, :all}, [])
  def get_local_members(group), do: get_local_members(@default_scope, group)
  def get_local_members(scope, group), do: read(scope, {:ciex_members, group, :local}, [])
  def which_groups(), do: which_groups(@default_scope)
  def which_groups(scope) when is_atom(scope), do: read(scope, {:ciex_groups, :all}, {:badarg, :match, {:"$1", :_, :_}})
  def which_local_groups(), do: which_local_groups(@default_scope)
  def which_local_groups(scope) when is_atom(scope), do: read(scope, {:ciex_groups, :local},
                                                                    {:badarg, :select, [{{:"$1", :_, :"$2"}, [{:"=/=", :"$2", []}], [:"$1"]}]})

  # What pg.erl reads from the scope's table: with no scope, get_members
  # is [] and which_groups a badarg, as when the table is missing.
  defp read(scope, request, missing) do
    case :erlang.whereis(scope) do
      pid when is_pid(pid) ->
        try do
          :gen_server.call(pid, request, :infinity)
        catch
          :exit, _ -> read_missing(scope, missing)
        end
      _ ->
        read_missing(scope, missing)
    end
  end

  # the error of the ets call pg.erl makes
  defp read_missing(scope, {:badarg, fun, pattern}), do: :erlang.raise(:error, :badarg, [{:ets, fun, [scope, pattern], [error_info: %{cause: :id, module: :erl_stdlib_errors}]}])
  defp read_missing(_scope, value), do: value

  # ---- the scope process ----

  def init([scope]) do
    :ok = :net_kernel.monitor_nodes(true)
    broadcast(for(node <- :erlang.nodes(), do: {scope, node}), {:discover, self()})
    # groups: group => {all members, local members}
    {:ok, %{scope: scope, groups: %{}, local: %{}, remote: %{}, scope_monitors: %{},
            group_monitors: %{}, monitored_groups: %{}}}
  end

  def handle_call({:join_local, group, pid_or_pids}, _from, s) do
    local = join_local(pid_or_pids, group, s.local)
    s = join_local_update(s, group, pid_or_pids)
    broadcast(Map.keys(s.remote), {:join, self(), group, pid_or_pids})
    {:reply, :ok, %{s | local: local}}
  end

  def handle_call({:leave_local, group, pid_or_pids}, _from, s) do
    before = s.local
    case leave_local(pid_or_pids, group, before) do
      ^before ->
        {:reply, :not_joined, s}
      local ->
        s = leave_local_update(s, group, pid_or_pids)
        broadcast(Map.keys(s.remote), {:leave, self(), pid_or_pids, [group]})
        {:reply, :ok, %{s | local: local}}
    end
  end

  def handle_call(:monitor, {pid, _tag}, s) do
    all = Map.new(s.groups, fn {group, {all, _local}} -> {group, all} end)
    ref = :erlang.monitor(:process, pid)
    {:reply, {ref, all}, %{s | scope_monitors: Map.put(s.scope_monitors, ref, pid)}}
  end

  def handle_call({:monitor, group}, {pid, _tag}, s) do
    members = members(s, group, :all)
    ref = :erlang.monitor(:process, pid)
    mg = Map.update(s.monitored_groups, group, [{pid, ref}], &[{pid, ref} | &1])
    {:reply, {ref, members},
     %{s | group_monitors: Map.put(s.group_monitors, ref, {pid, group}), monitored_groups: mg}}
  end

  def handle_call({:demonitor, ref}, _from, s) do
    case Map.pop(s.scope_monitors, ref) do
      {nil, _} ->
        case Map.pop(s.group_monitors, ref) do
          {nil, _} ->
            {:reply, false, s}
          {{pid, group}, gm} ->
            :erlang.demonitor(ref)
            {:reply, :ok, %{s | group_monitors: gm, monitored_groups: demonitor_group({pid, ref}, group, s.monitored_groups)}}
        end
      {_pid, mons} ->
        :erlang.demonitor(ref)
        {:reply, :ok, %{s | scope_monitors: mons}}
    end
  end

  def handle_call({:ciex_members, group, which}, _from, s), do: {:reply, members(s, group, which), s}

  def handle_call({:ciex_groups, which}, _from, s) do
    groups = for {group, {_all, local}} <- s.groups, which == :all or local != [], do: group
    {:reply, groups, s}
  end

  def handle_call(_request, _from, _s), do: :erlang.error(:badarg)

  def handle_cast({:sync, peer, groups}, s), do: {:noreply, handle_sync(s, peer, groups)}
  def handle_cast(_, _s), do: :erlang.error(:badarg)

  def handle_info({:join, peer, group, pid_or_pids}, s) do
    case Map.get(s.remote, peer) do
      {ref, remote_groups} ->
        s = join_remote_update(s, group, pid_or_pids)
        {:noreply, %{s | remote: Map.put(s.remote, peer, {ref, join_remote(group, pid_or_pids, remote_groups)})}}
      nil ->
        {:noreply, s}
    end
  end

  def handle_info({:leave, peer, pid_or_pids, groups}, s) do
    case Map.get(s.remote, peer) do
      {ref, remote_groups} ->
        s = leave_remote_update(s, pid_or_pids, groups)
        {:noreply, %{s | remote: Map.put(s.remote, peer, {ref, leave_remote(pid_or_pids, remote_groups, groups)})}}
      nil ->
        {:noreply, s}
    end
  end

  def handle_info({:discover, peer}, s) do
    :gen_server.cast(peer, {:sync, self(), all_local_pids(s.local)})
    case Map.has_key?(s.remote, peer) do
      true ->
        {:noreply, s}
      false ->
        ref = :erlang.monitor(:process, peer)
        :ciex_dist.send_noconnect(peer, {:discover, self()})
        {:noreply, %{s | remote: Map.put(s.remote, peer, {ref, %{}})}}
    end
  end

  def handle_info({:DOWN, ref, :process, pid, _info}, s) when node(pid) == node() do
    case Map.pop(s.local, pid) do
      {{^ref, groups}, local} ->
        s = Enum.reduce(groups, s, fn group, acc -> leave_local_update(acc, group, pid) end)
        broadcast(Map.keys(s.remote), {:leave, self(), pid, groups})
        {:noreply, %{s | local: local}}
      _ ->
        {:noreply, maybe_drop_monitor(ref, s)}
    end
  end

  def handle_info({:DOWN, ref, :process, pid, _info}, s) do
    case Map.pop(s.remote, pid) do
      {{^ref, remote_groups}, remote} ->
        s = Enum.reduce(remote_groups, s, fn {group, pids}, acc -> leave_remote_update(acc, pids, [group]) end)
        {:noreply, %{s | remote: remote}}
      _ ->
        {:noreply, maybe_drop_monitor(ref, s)}
    end
  end

  def handle_info({:nodedown, _node}, s), do: {:noreply, s}
  def handle_info({:nodeup, node}, s) when node == node(), do: {:noreply, s}

  def handle_info({:nodeup, node}, s) do
    send({s.scope, node}, {:discover, self()})
    {:noreply, s}
  end

  def handle_info(_info, _s), do: :erlang.error(:badarg)

  def terminate(_reason, _s), do: true

  # ---- helpers, after pg.erl's ----

  defp ensure_local(pid) when is_pid(pid) and node(pid) == node(), do: :ok

  defp ensure_local(pids) when is_list(pids) do
    Enum.each(pids, fn
      pid when is_pid(pid) and node(pid) == node() -> :ok
      bad -> :erlang.error({:nolocal, bad})
    end)
  end

  defp ensure_local(bad), do: :erlang.error({:nolocal, bad})

  defp members(s, group, which) do
    case Map.get(s.groups, group) do
      {all, _local} when which == :all -> all
      {_all, local} -> local
      nil -> []
    end
  end

  defp put_group(s, group, all, local), do: %{s | groups: Map.put(s.groups, group, {all, local})}
  defp drop_group(s, group), do: %{s | groups: Map.delete(s.groups, group)}

  defp handle_sync(s, peer, groups) do
    {ref, remote_groups} =
      case Map.get(s.remote, peer) do
        nil -> {:erlang.monitor(:process, peer), %{}}
        found -> found
      end
    s = sync_groups(s, remote_groups, groups)
    %{s | remote: Map.put(s.remote, peer, {ref, Map.new(groups)})}
  end

  defp sync_groups(s, remote_groups, []) do
    Enum.reduce(remote_groups, s, fn {group, pids}, acc -> leave_remote_update(acc, pids, [group]) end)
  end

  defp sync_groups(s, remote_groups, [{group, pids} | tail]) do
    case Map.pop(remote_groups, group) do
      {^pids, rest} ->
        sync_groups(s, rest, tail)
      {nil, _} ->
        sync_groups(join_remote_update(s, group, pids), remote_groups, tail)
      {old_pids, rest} ->
        {all_old, local} = Map.fetch!(s.groups, group)
        sync_groups(put_group(s, group, pids ++ (all_old -- old_pids), local), rest, tail)
    end
  end

  defp join_local(pid, group, local) when is_pid(pid) do
    case Map.get(local, pid) do
      {ref, groups} -> Map.put(local, pid, {ref, [group | groups]})
      nil -> Map.put(local, pid, {:erlang.monitor(:process, pid), [group]})
    end
  end

  defp join_local(pids, group, local), do: Enum.reduce(pids, local, &join_local(&1, group, &2))

  defp join_local_update(s, group, pid) when is_pid(pid) do
    s =
      case Map.get(s.groups, group) do
        {all, local} -> put_group(s, group, [pid | all], [pid | local])
        nil -> put_group(s, group, [pid], [pid])
      end
    notify_group(s, :join, group, [pid])
  end

  defp join_local_update(s, group, pids) do
    s =
      case Map.get(s.groups, group) do
        {all, local} -> put_group(s, group, pids ++ all, pids ++ local)
        nil -> put_group(s, group, pids, pids)
      end
    notify_group(s, :join, group, pids)
  end

  defp join_remote_update(s, group, pid) when is_pid(pid) do
    s =
      case Map.get(s.groups, group) do
        {all, local} -> put_group(s, group, [pid | all], local)
        nil -> put_group(s, group, [pid], [])
      end
    notify_group(s, :join, group, [pid])
  end

  defp join_remote_update(s, group, pids) do
    s =
      case Map.get(s.groups, group) do
        {all, local} -> put_group(s, group, pids ++ all, local)
        nil -> put_group(s, group, pids, [])
      end
    notify_group(s, :join, group, pids)
  end

  defp join_remote(group, pid, remote_groups) when is_pid(pid),
    do: Map.update(remote_groups, group, [pid], &[pid | &1])

  defp join_remote(group, pids, remote_groups), do: Map.update(remote_groups, group, pids, &(pids ++ &1))

  defp leave_local(pid, group, local) when is_pid(pid) do
    case Map.get(local, pid) do
      {ref, [^group]} ->
        :erlang.demonitor(ref)
        Map.delete(local, pid)
      {ref, groups} ->
        if group in groups, do: Map.put(local, pid, {ref, List.delete(groups, group)}), else: local
      nil ->
        local
    end
  end

  defp leave_local(pids, group, local), do: Enum.reduce(pids, local, &leave_local(&1, group, &2))

  defp leave_local_update(s, group, pid) when is_pid(pid) do
    case Map.get(s.groups, group) do
      {[^pid], [^pid]} -> notify_group(drop_group(s, group), :leave, group, [pid])
      {all, local} -> notify_group(put_group(s, group, List.delete(all, pid), List.delete(local, pid)), :leave, group, [pid])
      nil -> s
    end
  end

  defp leave_local_update(s, group, pids) do
    case Map.get(s.groups, group) do
      {all, local} ->
        s =
          case all -- pids do
            [] -> drop_group(s, group)
            new_all -> put_group(s, group, new_all, local -- pids)
          end
        notify_group(s, :leave, group, pids)
      nil ->
        s
    end
  end

  defp leave_remote_update(s, pid, groups) when is_pid(pid) do
    Enum.reduce(groups, s, fn group, acc ->
      case Map.get(acc.groups, group) do
        {[^pid], []} -> notify_group(drop_group(acc, group), :leave, group, [pid])
        {all, local} -> notify_group(put_group(acc, group, List.delete(all, pid), local), :leave, group, [pid])
        nil -> acc
      end
    end)
  end

  defp leave_remote_update(s, pids, groups) do
    Enum.reduce(groups, s, fn group, acc ->
      case Map.get(acc.groups, group) do
        {all, local} ->
          acc =
            case all -- pids do
              [] when local == [] -> drop_group(acc, group)
              new_all -> put_group(acc, group, new_all, local)
            end
          notify_group(acc, :leave, group, pids)
        nil ->
          acc
      end
    end)
  end

  defp leave_remote(pid, remote_groups, groups) when is_pid(pid), do: leave_remote([pid], remote_groups, groups)

  defp leave_remote(pids, remote_groups, groups) do
    Enum.reduce(groups, remote_groups, fn group, acc ->
      case Map.get(acc, group, []) -- pids do
        [] -> Map.delete(acc, group)
        remaining -> Map.put(acc, group, remaining)
      end
    end)
  end

  defp all_local_pids(local) do
    local
    |> Enum.reduce(%{}, fn {pid, {_ref, groups}}, acc ->
      Enum.reduce(groups, acc, fn group, acc1 -> Map.put(acc1, group, [pid | Map.get(acc1, group, [])]) end)
    end)
    |> Map.to_list()
  end

  defp broadcast(dests, msg), do: Enum.each(dests, &:ciex_dist.send_noconnect(&1, msg))

  defp maybe_drop_monitor(ref, s) do
    case Map.pop(s.scope_monitors, ref) do
      {nil, _} ->
        case Map.pop(s.group_monitors, ref) do
          {nil, _} -> s
          {{pid, group}, gm} ->
            %{s | group_monitors: gm, monitored_groups: demonitor_group({pid, ref}, group, s.monitored_groups)}
        end
      {_pid, mons} ->
        %{s | scope_monitors: mons}
    end
  end

  defp demonitor_group(tag, group, mg) do
    case Map.get(mg, group) do
      [^tag] -> Map.delete(mg, group)
      tags -> Map.put(mg, group, tags -- [tag])
    end
  end

  defp notify_group(s, action, group, pids) do
    Enum.each(s.scope_monitors, fn {ref, pid} -> :ciex_dist.send_noconnect(pid, {ref, action, group, pids}) end)
    Enum.each(Map.get(s.monitored_groups, group, []), fn {pid, ref} ->
      :ciex_dist.send_noconnect(pid, {ref, action, group, pids})
    end)
    s
  end

  defp flush(ref) do
    receive do
      {^ref, verb, _group, _pids} when verb in [:join, :leave] -> flush(ref)
    after
      0 -> :ok
    end
  end
end
