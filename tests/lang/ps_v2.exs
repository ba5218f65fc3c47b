# The article's PubSub server, version 2 (verbatim): subscribers are
# monitored and dead ones are removed on :DOWN.  The server prints
# "DOWN #PID<...> for reason ..."; to keep the output deterministic its group
# leader is a small io server (Relay) that replaces known pids by names.
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
Process.monitor(sender)
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
@impl true
def handle_info({:DOWN, _ref, :process, process, reason}, state) do
IO.puts("DOWN #{inspect(process)} for reason #{inspect(reason)}")
new_state =
Map.new(state, fn {topic, subscribers} ->
{topic, Enum.reject(subscribers, fn subscriber -> subscriber == process end)}
end)
{:noreply, new_state}
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

defmodule Relay do
  # Minimal io server: answers put_chars requests, rewriting pid text.
  def start(names, out) do
    spawn(fn -> loop(names, out) end)
  end

  defp loop(names, out) do
    receive do
      {:names, new_names} ->
        loop(new_names, out)
      {:io_request, from, reply_as, {:put_chars, _encoding, chars}} ->
        text = IO.chardata_to_string(chars)
        text = Enum.reduce(names, text, fn {pid, name}, acc ->
          String.replace(acc, inspect(pid), "<#{name}>")
        end)
        IO.write(out, "[ps] " <> text)
        send(from, {:io_reply, reply_as, :ok})
        loop(names, out)
    end
  end
end

{:ok, ps} = GenServer.start(PS, nil, name: {:global, :ps1})
me = self()
relay = Relay.start(%{}, Process.group_leader())
Process.group_leader(ps, relay)
a = Sub.start(me, :a, {:global, :ps1}, [:topic1])
b = Sub.start(me, :b, {:global, :ps1}, [:topic1, :topic2])
c = Sub.start(me, :c, {:global, :ps1}, [:topic1])
d = Sub.start(me, :d, {:global, :ps1}, [:topic2])
send(relay, {:names, %{a => "a", b => "b", c => "c", d => "d"}})
IO.inspect(GenServer.call({:global, :ps1}, {:subscribers, :topic1}) == [c, b, a], label: "topic1 subscribers")
IO.inspect(GenServer.call({:global, :ps1}, {:subscribers, :topic2}) == [d, b], label: "topic2 subscribers")
IO.inspect(Sub.cmd(a, :a, {:broadcast, :topic1, {:msg, :yo}}), label: "a broadcasts")
IO.inspect(Sub.deliveries(), label: "deliveries")
ref = Process.monitor(b)
Process.exit(b, :kill)
reason = Sub.await_down(ref, b)
# This call returns after the server has handled (and printed) its :DOWN.
topic1 = GenServer.call({:global, :ps1}, {:subscribers, :topic1})
IO.inspect(reason, label: "b killed")
IO.inspect(topic1 == [c, a], label: "b removed from topic1")
IO.inspect(GenServer.call({:global, :ps1}, {:subscribers, :topic2}) == [d], label: "b removed from topic2")
ref = Process.monitor(c)
send(c, :stop)
reason = Sub.await_down(ref, c)
topic1 = GenServer.call({:global, :ps1}, {:subscribers, :topic1})
IO.inspect(reason, label: "c stopped")
IO.inspect(topic1 == [a], label: "normal exit also removes")
ref = Process.monitor(d)
Process.exit(d, {:shutdown, :bye})
reason = Sub.await_down(ref, d)
topic2 = GenServer.call({:global, :ps1}, {:subscribers, :topic2})
IO.inspect(reason, label: "d shut down")
IO.inspect(topic2, label: "topic2 now empty")
IO.inspect(Sub.cmd(a, :a, {:subscribe, :topic1}) == {:subscribed, :topic1, a}, label: "a subscribes again")
IO.inspect(Sub.cmd(a, :a, {:unsubscribe, :topic1}) == {:unsubscribed, :topic1, a}, label: "a unsubscribes")
IO.inspect(GenServer.call({:global, :ps1}, {:subscribers, :topic1}), label: "topic1 empty")
ref = Process.monitor(a)
Process.exit(a, :crashed)
reason = Sub.await_down(ref, a)
topic1 = GenServer.call({:global, :ps1}, {:subscribers, :topic1})
IO.inspect(reason, label: "a crashed (subscribed twice, so two DOWNs)")
IO.inspect(topic1, label: "still empty")
IO.inspect(Process.alive?(ps), label: "server survived all of it")
