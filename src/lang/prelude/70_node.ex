# Node, and the parts of :net_kernel and :net_adm that Elixir users call.
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
end

defmodule :net_kernel do
  # Blocks until the handshake with node is over: true, false, or :ignored
  # when this node is not distributed.
  def connect_node(node) do
    case :ciex_dist.connect(node) do
      {:wait, ref} ->
        receive do
          {^ref, result} -> result
        end
      result ->
        result
    end
  end

  def monitor_nodes(flag), do: :ciex_dist.monitor_nodes(flag)
  def monitor_nodes(flag, _opts), do: monitor_nodes(flag)
  def get_net_ticktime(), do: 60
end

defmodule :net_adm do
  def ping(node) do
    case :net_kernel.connect_node(node) do
      true -> :pong
      _ -> :pang
    end
  end

  def names(), do: :ciex_dist.epmd_names()
  def names(_host), do: :ciex_dist.epmd_names()
  def localhost(), do: node() |> Atom.to_string() |> String.split("@") |> List.last() |> String.to_charlist()
end
