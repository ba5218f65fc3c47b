# Node A: an Agent registered locally as :agent1, holding 42.
{:ok, _} = Agent.start(fn -> 42 end, name: :agent1)
Process.register(self(), :main)
IO.puts("READY")
receive do
  {:done, from} -> send(from, {:final, Agent.get(:agent1, fn x -> x end)})
end
