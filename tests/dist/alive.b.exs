# The first incarnation of b: connected to a, it loses the connection when
# a second handshake under its name replaces it (see alive.a.exs).
host = node() |> Atom.to_string() |> String.split("@") |> List.last()
a = :"a@#{host}"
IO.inspect(Node.connect(a), label: "connect a")
:net_kernel.monitor_nodes(true)
IO.puts("READY")
receive do {:nodedown, ^a} -> IO.puts("nodedown a: replaced by the new incarnation") end
