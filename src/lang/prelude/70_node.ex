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

# :erpc over spawn requests, with OTP's own protocol: the caller spawns
# :erpc.execute_call/4 on the other node, monitored; the process exits with
# {ref, :return, value} (or the exception), which the DOWN message carries
# back.  Real BEAM nodes call into ciex the same way (:rpc.call uses it).
defmodule :erpc do
  def call(node, fun), do: call(node, :erlang, :apply, [fun, []], :infinity)
  def call(node, fun, timeout) when is_function(fun), do: call(node, :erlang, :apply, [fun, []], timeout)
  def call(node, m, f, a), do: call(node, m, f, a, :infinity)

  def call(node, m, f, a, timeout) do
    res = make_ref()
    req = :erlang.spawn_request(node, :erpc, :execute_call, [res, m, f, a], [{:reply, :error_only}, :monitor])
    receive do
      {:spawn_reply, ^req, :error, reason} -> result(:spawn_reply, res, reason)
      {:DOWN, ^req, :process, _pid, reason} -> result(:down, res, reason)
    after
      timeout ->
        :erlang.demonitor(req, [:flush])
        :erlang.error({:erpc, :timeout})
    end
  end

  def cast(node, fun), do: cast(node, :erlang, :apply, [fun, []])

  def cast(node, m, f, a) do
    _ = :erlang.spawn_request(node, :erpc, :execute_cast, [m, f, a], [{:reply, :no}])
    :ok
  end

  defp result(:down, res, {res, :return, value}), do: value
  defp result(:down, res, {res, :throw, value}), do: throw(value)
  defp result(:down, res, {res, :exit, reason}), do: exit({:exception, reason})
  defp result(:down, res, {res, :error, reason, stack}), do: :erlang.error({:exception, reason, stack})
  defp result(:down, res, {res, :error, {:erpc, reason}}), do: :erlang.error({:erpc, reason})
  defp result(:down, _res, :noconnection), do: :erlang.error({:erpc, :noconnection})
  defp result(:down, _res, reason), do: exit({:signal, reason})
  defp result(:spawn_reply, _res, :noconnection), do: :erlang.error({:erpc, :noconnection})
  defp result(:spawn_reply, _res, reason), do: :erlang.error({:erpc, reason})

  def execute_call(ref, m, f, a) do
    reply =
      try do
        {ref, :return, apply(m, f, a)}
      catch
        :throw, reason -> {ref, :throw, reason}
        :exit, reason -> {ref, :exit, reason}
        :error, reason -> {ref, :error, reason, __STACKTRACE__}
      end
    exit(reply)
  end

  def execute_call(m, f, a), do: {:return, apply(m, f, a)}
  def execute_cast(m, f, a), do: apply(m, f, a)
end

# :rpc.call and friends, on :erpc as OTP 25 does them.
defmodule :rpc do
  def call(node, m, f, a), do: call(node, m, f, a, :infinity)

  def call(node, m, f, a, timeout) do
    try do
      :erpc.call(node, m, f, a, timeout)
    catch
      :error, {:erpc, :badarg} -> :erlang.error(:badarg)
      :error, {:erpc, :noconnection} -> {:badrpc, :nodedown}
      :error, {:erpc, :timeout} -> {:badrpc, :timeout}
      :error, {:erpc, reason} -> {:badrpc, reason}
      :error, {:exception, reason, stack} -> {:badrpc, {:EXIT, {reason, stack}}}
      :exit, {:exception, reason} -> {:badrpc, {:EXIT, reason}}
      :exit, {:signal, reason} -> {:badrpc, {:EXIT, reason}}
      :throw, value -> value
    end
  end

  def cast(node, m, f, a) do
    :erpc.cast(node, m, f, a)
    true
  end
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
