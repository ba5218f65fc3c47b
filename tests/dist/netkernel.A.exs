# Node A: answers B's pings (its net_kernel), then pings B back.
Process.register(self(), :main)
IO.puts("READY")
receive do
  {:ping_back, from} ->
    b = node(from)
    IO.inspect(:net_adm.ping(b), label: "A pings B")
    IO.inspect(GenServer.call({:net_kernel, b}, {:is_auth, node()}), label: "is_auth on B")
    IO.inspect(:rpc.call(b, :net_kernel, :get_net_ticktime, []), label: "tick time of B")
    IO.inspect(:rpc.call(b, :erlang, :whereis, [:net_kernel]) |> is_pid(), label: "net_kernel on B")
    send(from, :pinged)
end
receive do
  {:done, from} -> send(from, :ok)
end
