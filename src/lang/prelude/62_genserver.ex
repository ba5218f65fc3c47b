# GenServer: Elixir 1.14's API over :gen_server (61_gen_server.ex), with
# Elixir's exit reasons ({reason, {GenServer, :call, [server, request,
# timeout]}}) and the defaults `use GenServer` injects (compile_module.c
# generates calls to __default_handle_call__/4 and friends).
defmodule GenServer do
  def start(module, init_arg, options \\ []) when is_atom(module) and is_list(options) do
    do_start(:nolink, module, init_arg, options)
  end

  def start_link(module, init_arg, options \\ []) when is_atom(module) and is_list(options) do
    do_start(:link, module, init_arg, options)
  end

  defp do_start(link, module, init_arg, opts) do
    {name, opts} = pop_name(opts)
    case name do
      nil ->
        :gen.start(:gen_server, link, module, init_arg, opts)
      atom when is_atom(atom) ->
        :gen.start(:gen_server, link, {:local, atom}, module, init_arg, opts)
      {:global, _term} = tuple ->
        :gen.start(:gen_server, link, tuple, module, init_arg, opts)
      {:via, via_module, _term} = tuple when is_atom(via_module) ->
        :gen.start(:gen_server, link, tuple, module, init_arg, opts)
      other ->
        raise ArgumentError,
              "expected :name option to be one of the following:\n\n  * nil\n  * atom\n  * {:global, term}\n  * {:via, module, term}\n\nGot: " <>
                inspect(other) <> "\n"
    end
  end

  defp pop_name(opts) do
    case :lists.keyfind(:name, 1, opts) do
      {:name, name} -> {name, for({k, _} = kv <- opts, k != :name, do: kv)}
      false -> {nil, opts}
    end
  end

  def call(server, request, timeout \\ 5000) do
    case whereis(server) do
      nil ->
        exit({:noproc, {GenServer, :call, [server, request, timeout]}})
      pid when pid == self() ->
        exit({:calling_self, {GenServer, :call, [server, request, timeout]}})
      pid ->
        try do
          :gen.call(pid, :"$gen_call", request, timeout)
        catch
          :exit, reason -> exit({reason, {GenServer, :call, [server, request, timeout]}})
        else
          {:ok, res} -> res
        end
    end
  end

  def cast(server, request), do: :gen_server.cast(server, request)

  # Elixir's defaults: this node and every connected one, no timeout
  def abcast(nodes \\ [node() | Node.list()], name, request) when is_list(nodes) and is_atom(name) do
    msg = {:"$gen_cast", request}
    for node <- nodes do
      try do
        send({name, node}, msg)
      catch
        _, _ -> :ok
      end
    end
    :abcast
  end

  def multi_call(nodes \\ [node() | Node.list()], name, request, timeout \\ :infinity) do
    :gen_server.multi_call(nodes, name, request, timeout)
  end

  def reply(client, reply), do: :gen.reply(client, reply)

  def stop(server, reason \\ :normal, timeout \\ :infinity) do
    case whereis(server) do
      nil ->
        exit({:noproc, {GenServer, :stop, [server, reason, timeout]}})
      pid when pid == self() ->
        exit({:calling_self, {GenServer, :stop, [server, reason, timeout]}})
      pid ->
        try do
          :proc_lib.stop(pid, reason, timeout)
        catch
          :exit, err -> exit({err, {GenServer, :stop, [server, reason, timeout]}})
        end
    end
  end

  def whereis(pid) when is_pid(pid), do: pid
  def whereis(name) when is_atom(name), do: Process.whereis(name)

  def whereis({:global, name}) do
    case :global.whereis_name(name) do
      pid when is_pid(pid) -> pid
      :undefined -> nil
    end
  end

  def whereis({:via, mod, name}) do
    case apply(mod, :whereis_name, [name]) do
      pid when is_pid(pid) -> pid
      :undefined -> nil
    end
  end

  def whereis({name, local}) when is_atom(name) and local == node(), do: Process.whereis(name)
  def whereis({name, node} = server) when is_atom(name) and is_atom(node), do: server

  # ---- what `use GenServer` defines when the module does not ----

  def __default_handle_call__(_module, _msg, _from, _state) do
    raise RuntimeError, "attempted to call GenServer " <> inspect(proc()) <> " but no handle_call/3 clause was provided"
  end

  def __default_handle_cast__(_module, _msg, _state) do
    raise RuntimeError, "attempted to cast GenServer " <> inspect(proc()) <> " but no handle_cast/2 clause was provided"
  end

  def __default_handle_info__(module, msg, state) do
    :ciex_log.error(
      inspect(module) <> " " <> inspect(proc()) <> " received unexpected message in handle_info/2: " <>
        inspect(msg) <> "\n"
    )
    {:noreply, state}
  end

  defp proc() do
    case Process.info(self(), :registered_name) do
      {_, []} -> self()
      {_, name} -> name
    end
  end
end
