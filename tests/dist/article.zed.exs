# The article, node zed: joins through foo only, yet sees bar (global
# connects the cluster fully); starts kv1 and ps1.
defmodule KV do
  use GenServer

  @impl true
  def init(_) do
    {:ok, %{}}
  end

  @impl true
  def handle_call({:get, key}, _, state) do
    {:reply, Map.get(state, key), state}
  end

  @impl true
  def handle_call({:set, key, value}, _, state) do
    {:reply, {key, value}, Map.put(state, key, value)}
  end

  @impl true
  def handle_call(:keys, _, state) do
    {:reply, Map.keys(state), state}
  end
end

defmodule PS do
  use GenServer

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

[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
foo = :erlang.binary_to_atom("foo@" <> host)
bar = :erlang.binary_to_atom("bar@" <> host)
Process.register(self(), :main)

tell = fn node, step ->
  send({:main, node}, {:step, step, self()})
  receive do
    :ok -> :ok
  end
end

:net_kernel.monitor_nodes(true)
IO.inspect(Node.connect(foo), label: "zed Node.connect foo")
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
wait_nodes.(2, wait_nodes)
IO.inspect(Node.list(), label: "zed Node.list")
IO.inspect(:global.registered_names(), label: "zed registered_names")
IO.inspect(Agent.get({:global, :agent1}, & &1), label: "zed Agent.get")
{:ok, _} = GenServer.start(KV, nil, name: {:global, :kv1})
IO.inspect(GenServer.call({:global, :kv1}, {:set, :foo, 123}), label: "zed kv1 set")
tell.(foo, :kv_get)

{:ok, _} = GenServer.start(PS, nil, name: {:global, :ps1})
IO.inspect(GenServer.call({:global, :ps1}, {:subscribe, :topic1}) == {:subscribed, :topic1, self()}, label: "zed subscribed")
tell.(foo, :subscribe)
tell.(bar, :subscribe)
IO.inspect(GenServer.call({:global, :ps1}, {:broadcast, :topic1, {:msg, :yo}}), label: "zed broadcast")
tell.(foo, :flush)
tell.(bar, :flush)
receive do
  msg -> IO.inspect(msg, label: "zed got")
after
  0 -> IO.puts("zed got nothing")
end
IO.puts("READY")

# mini subscribes, then its node goes down
receive do
  :mini_subscribed -> :ok
end
IO.inspect(length(GenServer.call({:global, :ps1}, {:subscribers, :topic1})), label: "zed subscribers")
mini = :erlang.binary_to_atom("mini@" <> host)
:net_kernel.monitor_nodes(true)
send({:main, mini}, :halt)
receive do
  {:nodedown, ^mini} -> :ok
end
# the PS server prints DOWN (:noconnection) before it answers this call
subscribers = GenServer.call({:global, :ps1}, {:subscribers, :topic1})
IO.puts("zed nodedown mini")
IO.inspect(length(subscribers), label: "zed subscribers")
:global.sync()
IO.inspect(Node.list(), label: "zed Node.list")
IO.inspect(Enum.sort(:global.registered_names()), label: "zed registered_names")
GenServer.stop({:global, :ps1})
tell.(foo, :halt)
tell.(bar, :halt)
