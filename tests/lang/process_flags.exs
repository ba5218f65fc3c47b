# process_flag/2,3 and the matching process_info items
IO.inspect(Process.flag(:trap_exit, true))
IO.inspect(Process.flag(:trap_exit, false))
IO.inspect(Process.flag(:priority, :high))
IO.inspect(Process.flag(:priority, :low))
IO.inspect(Process.info(self(), :priority))
IO.inspect(Process.flag(:save_calls, 3))
IO.inspect(Process.flag(:save_calls, 0))
IO.inspect(Process.flag(:sensitive, true))
IO.inspect(Process.flag(:sensitive, false))
IO.inspect(Process.flag(:message_queue_data, :off_heap))
IO.inspect(Process.info(self(), :message_queue_data))
IO.inspect(Process.flag(:message_queue_data, :on_heap))
IO.inspect(:erlang.process_flag(self(), :save_calls, 0))
IO.inspect(Process.flag(self(), :save_calls, 2))

pid = Process.spawn(fn -> receive do _ -> :ok end end, priority: :high)
IO.inspect(Process.info(pid, :priority))
IO.inspect(Process.flag(pid, :save_calls, 1))
send(pid, :done)

for {flag, value} <- [priority: :bogus, save_calls: 20000, trap_exit: 1, bogus: 1] do
  try do
    Process.flag(flag, value)
  rescue
    e -> IO.puts("#{flag}: " <> Exception.message(e))
  end
end

try do
  :erlang.process_flag(self(), :trap_exit, true)
rescue
  e -> IO.puts("process_flag/3 trap_exit: " <> Exception.message(e))
end
