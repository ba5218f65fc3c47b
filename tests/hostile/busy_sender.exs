# The node under test: its process :bp_sender sends BP_COUNT messages of
# 1 MB to the sink node once told to :start, while the sink reads nothing
# (with BP_FUNS, messages carrying a fun made by evaluation instead).
sink = String.to_atom(System.get_env("BP_SINK"))
count = String.to_integer(System.get_env("BP_COUNT"))
size = 1_000_000
true = Node.connect(sink)
send({:bp_sink, sink}, {:expect, count, size})
main = self()
sender =
  spawn(fn ->
    receive do
      :start -> :ok
    end
    if System.get_env("BP_FUNS") do
      for i <- 1..count, do: send({:bp_sink, sink}, {:msg, i, fn -> i end})
    else
      # a binary of its own for each message: queued output holds a big
      # binary rather than a copy of it, so sending one binary many times
      # would queue bytes without using memory
      for i <- 1..count, do: send({:bp_sink, sink}, {:msg, i, :binary.copy(<<rem(i, 256)>>, size)})
    end
    send(main, :all_sent)
  end)
Process.register(sender, :bp_sender)
IO.puts("READY")
receive do
  :all_sent -> IO.puts("ALL SENT")
after
  120_000 -> IO.puts("the sender never finished")
end
# what is still queued must reach the sink: the test stops the node
receive do
  :stop -> :ok
end
