# Node B: :net_kernel's tick time API, then :net_adm.ping both ways with A.
defmodule Tick do
  # the end of a transition period of 0 s is a message net_kernel gets
  # right after its reply: wait until it is seen
  def settled() do
    case :net_kernel.get_net_ticktime() do
      {:ongoing_change_to, _} -> settled()
      t -> t
    end
  end
end

[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
IO.inspect(:net_kernel.get_net_ticktime(), label: "tick time")
IO.inspect(:net_kernel.set_net_ticktime(60), label: "set 60")
IO.inspect(:net_kernel.set_net_ticktime(10, 0), label: "set 10, 0")
IO.inspect(Tick.settled(), label: "now")
IO.inspect(:net_kernel.set_net_ticktime(7, 0), label: "set 7, 0")
IO.inspect(Tick.settled(), label: "now")
IO.inspect(:net_kernel.set_net_ticktime(10_000_000, 0), label: "set 10000000, 0")
IO.inspect(Tick.settled(), label: "now")
IO.inspect(:net_kernel.set_net_ticktime(60, 0), label: "set 60, 0")
IO.inspect(Tick.settled(), label: "now")
IO.inspect(:net_kernel.set_net_ticktime(20), label: "set 20")
IO.inspect(:net_kernel.get_net_ticktime(), label: "during the transition")
IO.inspect(:net_kernel.set_net_ticktime(30), label: "set 30 meanwhile")
IO.inspect(:net_kernel.get_net_ticktime(), label: "still")
IO.inspect(:net_kernel.nodename() == node(), label: "nodename")
IO.inspect(:net_kernel.longnames(), label: "longnames")
IO.inspect(:net_kernel.disconnect("a string"), label: "disconnect of a string")

IO.inspect(Node.list(), label: "before")
IO.inspect(:net_adm.ping(a), label: "B pings A")
IO.inspect(Node.list() == [a], label: "connected")
IO.inspect(Node.ping(a), label: "Node.ping")
IO.inspect(GenServer.call({:net_kernel, a}, {:is_auth, node()}), label: "is_auth on A")
IO.inspect(:rpc.call(a, :net_kernel, :get_net_ticktime, []), label: "tick time of A")
IO.inspect(:net_adm.ping(:"nobody@#{host}"), label: "nobody")
send({:main, a}, {:ping_back, self()})
receive do
  :pinged -> :ok
end
IO.inspect(Node.list() == [a], label: "still connected")
IO.inspect(:net_kernel.disconnect(a), label: "disconnect")
IO.inspect(Node.list(), label: "after")
IO.inspect(:net_kernel.disconnect(a), label: "disconnect again")
IO.inspect(:net_adm.ping(a), label: "B pings A again")
send({:main, a}, {:done, self()})
receive do
  :ok -> :ok
end
