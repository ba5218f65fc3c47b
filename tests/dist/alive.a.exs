# A node restarted under the same name while its old connection still
# looks up: the acceptor answers the new handshake with "alive", the
# initiator says "true" (it is a new incarnation), and the acceptor drops
# the old connection and lets the new one in (dist_util's "alive" path).
# This node is the acceptor; b connects first, then "fake" opens a second
# handshake under b's name.
host = node() |> Atom.to_string() |> String.split("@") |> List.last()
b = :"b@#{host}"
:net_kernel.monitor_nodes(true)
IO.puts("READY")
receive do {:nodeup, ^b} -> IO.puts("nodeup b") end
receive do {:nodedown, ^b} -> IO.puts("nodedown b: the old connection is dropped") end
receive do {:nodeup, ^b} -> IO.puts("nodeup b: the new incarnation") end
receive do {:nodedown, ^b} -> IO.puts("nodedown b: the new incarnation closed") end
IO.inspect(Node.list(), label: "nodes")
