# Starts the node's sender, waits until it is suspended on the busy
# connection toward the stopped sink, tries a send with :nosuspend, times 20 rpc calls to the node;
# prints the outcome for the test to judge.
target = String.to_atom(System.get_env("HOSTILE_TARGET"))
true = Node.connect(target)
sender = :rpc.call(target, :erlang, :whereis, [:bp_sender])
send(sender, :start)
deadline = System.monotonic_time(:millisecond) + 20_000
wait = fn wait ->
  case :rpc.call(target, :erlang, :process_info, [sender, :status]) do
    {:status, :suspended} -> true
    _ ->
      if System.monotonic_time(:millisecond) > deadline do
        false
      else
        Process.sleep(20)
        wait.(wait)
      end
  end
end
suspended = wait.(wait)
# a send with :nosuspend over the busy connection is not made
sink = String.to_atom(System.get_env("BP_SINK"))
nosuspend = :rpc.call(target, :erlang, :send, [{:bp_sink, sink}, :probe, [:nosuspend]])
# and one with :noconnect to a node it has no connection to is not made
noconnect = :rpc.call(target, :erlang, :send, [{:bp_sink, :"nobody@nohost"}, :probe, [:noconnect]])
times =
  for _ <- 1..20 do
    t = System.monotonic_time(:microsecond)
    ^target = :rpc.call(target, :erlang, :node, [], 5_000)
    System.monotonic_time(:microsecond) - t
  end
IO.puts("suspended=#{suspended} nosuspend_send=#{nosuspend} noconnect_send=#{noconnect} max_rpc_ms=#{div(Enum.max(times), 1000)}")
