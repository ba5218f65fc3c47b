# :net_kernel and :net_adm on a node that is not distributed: no
# net_kernel process, its requests answer :ignored; bad arguments fail in
# the caller.
IO.inspect(Process.whereis(:net_kernel))
IO.inspect(:net_kernel.get_net_ticktime())
IO.inspect(:net_kernel.set_net_ticktime(60))
IO.inspect(:net_kernel.set_net_ticktime(10, 0))
IO.inspect(:net_kernel.nodename())
IO.inspect(:net_kernel.longnames())
IO.inspect(:net_kernel.disconnect(:nobody@nohost))
IO.inspect(:net_kernel.connect_node(:nobody@nohost))
IO.inspect(:net_kernel.monitor_nodes(true))
IO.inspect(:net_adm.ping(node()))
IO.inspect(:net_adm.ping(:nobody@nohost))
IO.inspect(Node.ping(:nobody@nohost))
for args <- [[:a], [0], [-1, 0], [5, -1], [5, :x]] do
  try do
    apply(:net_kernel, :set_net_ticktime, args)
  rescue
    e -> IO.puts(Exception.message(e))
  end
end

# monitor_nodes/2 options: what is refused, as net_kernel words it
IO.inspect(:net_kernel.monitor_nodes(true, [:bad]))
IO.inspect(:net_kernel.monitor_nodes(true, [{:node_type, :x}]))
IO.inspect(:net_kernel.monitor_nodes(:x))
IO.inspect(:net_kernel.monitor_nodes(:x, []))
IO.inspect(:net_kernel.monitor_nodes(true, :x))
IO.inspect(:net_kernel.monitor_nodes(true, [{:node_type, :all}, {:node_type, :hidden}]))
IO.inspect(:net_kernel.monitor_nodes(true, %{node_type: :x}))
IO.inspect(:net_kernel.monitor_nodes(true, %{foo: 1}))
IO.inspect(:net_kernel.monitor_nodes(true, %{list: true}))
IO.inspect(:net_kernel.monitor_nodes(true, %{connection_id: 3}))
IO.inspect(:net_kernel.monitor_nodes(true, [:connection_id, :foo, :nodedown_reason, {:node_type, :all}, :bar]))
IO.inspect(:net_kernel.monitor_nodes(true, [:nodedown_reason, :nodedown_reason, {:node_type, :hidden}]))
IO.inspect(:net_kernel.monitor_nodes(false, [:nodedown_reason]))
