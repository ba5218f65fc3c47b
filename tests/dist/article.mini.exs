# The article, node mini: joins through foo; sees the whole cluster, in
# the order the BEAM lists it, and kv1; subscribes to ps1 and goes down.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
foo = :erlang.binary_to_atom("foo@" <> host)
_bar = :erlang.binary_to_atom("bar@" <> host)
zed = :erlang.binary_to_atom("zed@" <> host)
Process.register(self(), :main)
:net_kernel.monitor_nodes(true)
IO.inspect(Node.connect(foo), label: "mini Node.connect foo")
# global connects the rest of the cluster and shares its names meanwhile
:global.sync()
wait_nodes = fn n, wait ->
  case length(Node.list()) >= n do
    true ->
      :net_kernel.monitor_nodes(false)
      receive do
        {:nodeup, _} -> wait.(n, wait)
      after
        0 -> :ok
      end
    false ->
      receive do
        {:nodeup, _} -> wait.(n, wait)
      after
        10_000 -> IO.puts("timeout waiting for the cluster")
      end
  end
end
wait_nodes.(3, wait_nodes)
# the BEAM usually lists [foo, zed, bar] here, sometimes [foo, bar, zed]:
# the connections to zed and bar come up at about the same time
IO.inspect(hd(Node.list()), label: "mini Node.list first")
IO.inspect(Enum.sort(Node.list()), label: "mini Node.list sorted")
IO.inspect(GenServer.call({:global, :kv1}, {:get, :foo}), label: "mini kv1 get")
IO.inspect(GenServer.call({:global, :ps1}, {:subscribe, :topic1}) == {:subscribed, :topic1, self()}, label: "mini subscribed")
{:ok, _} = Agent.start(fn -> :mini end, name: {:global, :mini_agent})
IO.inspect(Enum.sort(:global.registered_names()), label: "mini registered_names")
send({:main, zed}, :mini_subscribed)
receive do
  :halt -> :erlang.halt(0)
end
