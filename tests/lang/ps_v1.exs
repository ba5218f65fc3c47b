# The article's PubSub server, version 1 (verbatim), registered globally and
# driven by several local subscriber processes.
defmodule PS do
use GenServer
@moduledoc """
A simple publish-subscribe server
"""
@impl true
def init(_) do
{:ok, %{}}
end
@impl true
def handle_call({:subscribe, topic}, {sender, _call}, state) do
new_state =
Map.update(state, topic, [sender], fn subscribers ->
if Enum.member?(subscribers, sender) do
subscribers
else
[sender | subscribers]
end
end)
{:reply, {:subscribed, topic, sender}, new_state}
end
@impl true
def handle_call({:unsubscribe, topic}, {sender, _call}, state) do
new_state =
Map.update(state, topic, [], fn subscribers ->
Enum.reject(subscribers, fn x -> x == sender end)
end)
{:reply, {:unsubscribed, topic, sender}, new_state}
end
@impl true
def handle_call({:subscribers, topic}, _sender, state) do
subscribers = Map.get(state, topic, [])
{:reply, subscribers, state}
end
@impl true
def handle_call({:broadcast, topic, message}, {sender, _call}, state) do
Map.get(state, topic, [])
|> Enum.each(fn subscriber ->
if subscriber != sender do
Process.send(subscriber, message, [])
end
end)
{:reply, {:sent, topic, message}, state}
end
end

defmodule Sub do
  # A subscriber process named by an atom: it subscribes to the given topics,
  # then obeys commands from the script and forwards everything else it
  # receives to the script as {:got, name, message}.
  def start(parent, name, ps, topics) do
    pid = spawn(fn ->
      for topic <- topics, do: GenServer.call(ps, {:subscribe, topic})
      send(parent, {:ready, name})
      loop(parent, name, ps)
    end)
    receive do
      {:ready, ^name} -> pid
    end
  end

  defp loop(parent, name, ps) do
    receive do
      {:cmd, request} ->
        send(parent, {:reply, name, GenServer.call(ps, request)})
        loop(parent, name, ps)
      :stop ->
        :ok
      other ->
        send(parent, {:got, name, other})
        loop(parent, name, ps)
    end
  end

  # Run a call to the PS server from inside subscriber `pid`.
  def cmd(pid, name, request) do
    send(pid, {:cmd, request})
    receive do
      {:reply, ^name, reply} -> reply
    end
  end

  # Wait for a monitored process to end.  (Kept out of the top level: OTP 25's
  # compiler crashes on monitor/receive pairs in long top-level scripts.)
  def await_down(ref, pid) do
    receive do
      {:DOWN, ^ref, :process, ^pid, reason} -> reason
    end
  end

  # Collect {:got, name, msg} messages until none arrives for 100 ms.
  def deliveries(acc \\ []) do
    receive do
      {:got, name, msg} -> deliveries([{name, msg} | acc])
    after
      100 -> Enum.sort(acc)
    end
  end
end

{:ok, ps} = GenServer.start(PS, nil, name: {:global, :ps1})
IO.inspect(is_pid(ps), label: "PS started")
me = self()
{:subscribed, :topic1, sender} = GenServer.call({:global, :ps1}, {:subscribe, :topic1})
IO.inspect(sender == me, label: "subscribe replies with the caller's pid")
a = Sub.start(me, :a, {:global, :ps1}, [:topic1])
b = Sub.start(me, :b, {:global, :ps1}, [:topic1, :topic2])
c = Sub.start(me, :c, {:global, :ps1}, [:topic2])
subs1 = GenServer.call({:global, :ps1}, {:subscribers, :topic1})
IO.inspect(subs1 == [b, a, me], label: "topic1 subscribers, newest first")
IO.inspect(GenServer.call({:global, :ps1}, {:subscribers, :topic2}) == [c, b], label: "topic2 subscribers")
IO.inspect(GenServer.call({:global, :ps1}, {:subscribers, :nothing}), label: "unknown topic")
GenServer.call({:global, :ps1}, {:subscribe, :topic1})
IO.inspect(length(GenServer.call({:global, :ps1}, {:subscribers, :topic1})), label: "double subscribe ignored")
r = GenServer.call({:global, :ps1}, {:broadcast, :topic1, {:msg, :yo}})
IO.inspect(r, label: "broadcast reply")
IO.inspect(Sub.deliveries(), label: "delivered to the other subscribers")
r = receive do
  {:msg, :yo} -> :sender_got_own_message
after
  50 -> :sender_excluded
end
IO.inspect(r, label: "broadcaster")
IO.inspect(Sub.cmd(c, :c, {:broadcast, :topic2, :from_c}), label: "c broadcasts on topic2")
IO.inspect(Sub.deliveries(), label: "topic2 deliveries")
IO.inspect(Sub.cmd(b, :b, {:broadcast, :topic1, :from_b}), label: "b broadcasts on topic1")
IO.inspect(Sub.deliveries(), label: "topic1 deliveries to other processes")
receive do
  :from_b -> IO.puts("script received :from_b")
end
{:unsubscribed, :topic1, ^a} = Sub.cmd(a, :a, {:unsubscribe, :topic1})
IO.inspect(GenServer.call({:global, :ps1}, {:subscribers, :topic1}) == [b, me], label: "a unsubscribed")
{:unsubscribed, :nope, _} = GenServer.call({:global, :ps1}, {:unsubscribe, :nope})
IO.inspect(GenServer.call({:global, :ps1}, {:subscribers, :nope}), label: "unsubscribe unknown topic creates []")
ref = Process.monitor(b)
Process.exit(b, :kill)
IO.inspect(Sub.await_down(ref, b), label: "b killed")
IO.inspect(GenServer.call({:global, :ps1}, {:subscribers, :topic1}) == [b, me], label: "version 1 keeps the dead pid")
IO.inspect(GenServer.call({:global, :ps1}, {:broadcast, :topic1, :after_death}), label: "broadcast to a dead pid is harmless")
IO.inspect(Sub.deliveries(), label: "nobody else on topic1")
IO.inspect(Process.alive?(ps), label: "server alive")
