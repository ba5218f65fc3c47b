# :global: the global name registry, single-node for now.
#
# The API is kernel's global.erl (register_name/2,3, re_register_name/2,3,
# unregister_name/1, whereis_name/1, registered_names/0, send/2, sync/0,
# trans/2..4); the names live in the gen_server registered as
# :global_name_server, which monitors each owner and drops its names when
# it exits.  The distributed version (the global protocol between nodes)
# replaces the server's internals, not this API.
defmodule :global do
  @server :global_name_server

  def register_name(name, pid) when is_pid(pid), do: register_name(name, pid, &:global.random_exit_name/3)

  def register_name(name, pid, method) when is_pid(pid) do
    :gen_server.call(@server, {:register, name, pid, method, false}, :infinity)
  end

  def re_register_name(name, pid) when is_pid(pid), do: re_register_name(name, pid, &:global.random_exit_name/3)

  def re_register_name(name, pid, method) when is_pid(pid) do
    :gen_server.call(@server, {:register, name, pid, method, true}, :infinity)
  end

  def unregister_name(name), do: :gen_server.call(@server, {:unregister, name}, :infinity)

  # A dead owner is not there any more, even before the server hears of it
  # (global.erl's where/1 checks the same).
  def whereis_name(name) do
    case :gen_server.call(@server, {:whereis, name}, :infinity) do
      pid when is_pid(pid) ->
        case node(pid) == node() and not Process.alive?(pid) do
          true -> :undefined
          false -> pid
        end
      :undefined ->
        :undefined
    end
  end

  def registered_names(), do: :gen_server.call(@server, :registered_names, :infinity)

  def send(name, msg) do
    case whereis_name(name) do
      pid when is_pid(pid) ->
        :erlang.send(pid, msg)
        pid
      :undefined ->
        exit({:badarg, {name, msg}})
    end
  end

  def sync(), do: :ok
  def sync(_nodes), do: :ok

  # Locks: with one node, a lock is always granted at once.
  def set_lock(_id), do: true
  def set_lock(_id, _nodes), do: true
  def set_lock(_id, _nodes, _retries), do: true
  def del_lock(_id), do: true
  def del_lock(_id, _nodes), do: true
  def trans(_id, fun), do: fun.()
  def trans(_id, fun, _nodes), do: fun.()
  def trans(_id, fun, _nodes, _retries), do: fun.()

  # The default name-conflict resolver of global.erl.
  def random_exit_name(name, pid, pid2) do
    {min, max} =
      case pid < pid2 do
        true -> {pid, pid2}
        false -> {pid2, pid}
      end
    :ciex_log.info("global: Name conflict terminating " <> inspect({name, max}) <> "\n")
    Process.exit(max, :kill)
    min
  end

  def random_notify_name(_name, pid, _pid2), do: pid
  def notify_all_name(_name, _pid, _pid2), do: :none

  # ---- the name server ----

  def start() do
    :gen_server.start({:local, @server}, :global, [], [])
  end

  # state: %{names: %{name => {pid, method, mref}}, owners: %{pid => [name]}}
  def init([]), do: {:ok, %{names: %{}, owners: %{}}}

  def handle_call({:register, name, pid, method, re_register}, _from, state) do
    case :maps.find(name, state.names) do
      {:ok, {owner, _, _}} when not re_register ->
        case node(owner) != node() or Process.alive?(owner) do
          true -> {:reply, :no, state}
          false -> register(name, pid, method, remove_name(name, state))
        end
      {:ok, _} ->
        register(name, pid, method, remove_name(name, state))
      :error ->
        case not re_register and :maps.is_key(pid, state.owners) do
          true ->
            names = [name | :maps.get(pid, state.owners)]
            :ciex_log.error("global: " <> inspect(pid) <> " registered under several names: " <>
                              inspect(names) <> "\n")
            {:reply, :no, state}
          false ->
            register(name, pid, method, state)
        end
    end
  end

  def handle_call({:unregister, name}, _from, state) do
    {:reply, :ok, remove_name(name, state)}
  end

  def handle_call({:whereis, name}, _from, state) do
    case :maps.find(name, state.names) do
      {:ok, {pid, _, _}} -> {:reply, pid, state}
      :error -> {:reply, :undefined, state}
    end
  end

  def handle_call(:registered_names, _from, state) do
    {:reply, :maps.keys(state.names), state}
  end

  def handle_info({:DOWN, _ref, :process, pid, _reason}, state) do
    names =
      case :maps.find(pid, state.owners) do
        {:ok, names} -> names
        :error -> []
      end
    state = Enum.reduce(names, state, fn name, acc -> remove_name(name, acc) end)
    {:noreply, state}
  end

  def handle_info(_msg, state), do: {:noreply, state}

  # The protocol of other nodes' global name servers (init_connect, ...)
  # is not spoken yet: their casts are ignored rather than fatal.
  def handle_cast(_msg, state), do: {:noreply, state}

  defp register(name, pid, method, state) do
    mref = :erlang.monitor(:process, pid)
    names = :maps.put(name, {pid, method, mref}, state.names)
    owned =
      case :maps.find(pid, state.owners) do
        {:ok, list} -> list
        :error -> []
      end
    owners = :maps.put(pid, [name | owned], state.owners)
    {:reply, :yes, %{state | names: names, owners: owners}}
  end

  defp remove_name(name, state) do
    case :maps.find(name, state.names) do
      {:ok, {pid, _, mref}} ->
        :erlang.demonitor(mref, [:flush])
        owned = for n <- :maps.get(pid, state.owners, []), n != name, do: n
        owners =
          case owned do
            [] -> :maps.remove(pid, state.owners)
            _ -> :maps.put(pid, owned, state.owners)
          end
        %{state | names: :maps.remove(name, state.names), owners: owners}
      :error ->
        state
    end
  end
end

:global.start()
