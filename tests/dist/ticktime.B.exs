# Node B (net_ticktime 4): connects to A, idles, and is stopped (SIGSTOP
# by run_pair.sh) when it prints STOP ME.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
IO.inspect(:net_kernel.get_net_ticktime(), label: "tick time")
Process.register(self(), :main)
true = Node.connect(a)
receive do
  :stop_now -> IO.puts("STOP ME")
end
receive do
after
  :infinity -> :ok
end
