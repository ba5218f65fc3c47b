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
