# erlang:send/3 (Process.send/3) on a node without distribution: its
# answers, :noconnect for another node, and its argument errors.
IO.inspect(Process.send(self(), :x, []))
IO.inspect(Process.send(self(), :x, [:noconnect, :nosuspend]))
IO.inspect(:erlang.send(self(), :y, [:nosuspend]))
IO.inspect(Process.send({:nope, :"a@b"}, :x, [:noconnect]))
try do
  Process.send(self(), :x, [:bogus])
rescue
  e -> IO.inspect(e)
end
try do
  Process.send(:not_registered, :x, [])
rescue
  e -> IO.inspect(e)
end
