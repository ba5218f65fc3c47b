# Node A: :net_kernel.monitor_nodes/1,2 subscriptions with options, and
# what each is told when B comes, is disconnected by A, comes back and
# goes away by itself.
defmodule Mon do
  # a connection id is a number that differs from run to run
  def show({what, node, info}), do: IO.inspect({what, node, hide_id(info)})
  def show(msg), do: IO.inspect(msg)

  defp hide_id(info) when is_list(info), do: for({k, v} <- info, do: {k, hide(k, v)})
  defp hide_id(info) when is_map(info), do: :maps.from_list(hide_id(:maps.to_list(info)))
  defp hide(:connection_id, v) when is_integer(v), do: :an_integer
  defp hide(_k, v), do: v

  def collect(n) do
    for _ <- 1..n do
      receive do
        {what, _} = msg when what in [:nodeup, :nodedown] -> show(msg)
        {what, _, _} = msg when what in [:nodeup, :nodedown] -> show(msg)
      end
    end
  end
end

:ok = :net_kernel.monitor_nodes(true)
for opts <- [[], [:nodedown_reason], [{:node_type, :all}, :nodedown_reason, :connection_id],
             %{connection_id: true, nodedown_reason: true}, %{node_type: :hidden}, %{nodedown_reason: false}] do
  :ok = :net_kernel.monitor_nodes(true, opts)
end
:ok = :net_kernel.monitor_nodes(true, [:connection_id])
:ok = :net_kernel.monitor_nodes(false, [:connection_id])
Process.register(self(), :main)
IO.puts("READY")
Mon.collect(6)
b =
  receive do
    {:disconnect_me, b} -> b
  end
IO.inspect(Node.disconnect(b), label: "A disconnects B")
Mon.collect(6)
receive do
  {:back, from} -> send(from, :ok)
end
Mon.collect(6)
IO.puts("B came back")
Mon.collect(6)
