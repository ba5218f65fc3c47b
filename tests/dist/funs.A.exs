# Node A: holds what B's funs run against: the article's Agent (in
# :global) and a process that runs or returns the funs it is sent.
{:ok, _} = Agent.start(fn -> 42 end, name: {:global, :agent1})
{:ok, _} = Task.Supervisor.start_link(name: :tasks)
Process.register(self(), :main)
IO.puts("READY")

defmodule Runner do
  def loop do
    receive do
      {:run, from, f, arg} ->
        send(from, {:ran, f.(arg)})
        loop()
      {:try, from, f, arg} ->
        send(from, {:tried, try do f.(arg) catch kind, reason -> {kind, reason} end})
        loop()
      {:echo, from, f} ->
        send(from, {:echo, f})
        loop()
      {:done, from} ->
        send(from, {:final, Agent.get({:global, :agent1}, fn x -> x end)})
    end
  end
end

Runner.loop()
