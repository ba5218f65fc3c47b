# Task.async_stream runs at most System.schedulers_online() tasks at a
# time unless :max_concurrency says otherwise (two schedulers here: the
# .erl file).  A watcher process counts the tasks running at once.
IO.puts("schedulers online: #{System.schedulers_online()}")
IO.inspect(Enum.map(1..4, fn _ -> Task.async(fn -> :erlang.system_info(:scheduler_id) in 1..2 end) end) |> Enum.map(&Task.await/1), label: "scheduler ids")

watcher =
  spawn(fn ->
    loop = fn loop, running, peak ->
      receive do
        :start -> loop.(loop, running + 1, max(running + 1, peak))
        :done -> loop.(loop, running - 1, peak)
        {:peak, from} ->
          send(from, {:peak, peak})
          loop.(loop, 0, 0)
      end
    end

    loop.(loop, 0, 0)
  end)

work = fn x ->
  send(watcher, :start)
  Process.sleep(30)
  send(watcher, :done)
  x * x
end

peak = fn ->
  send(watcher, {:peak, self()})
  receive do
    {:peak, n} -> n
  end
end

IO.inspect(Task.async_stream(1..6, work) |> Enum.to_list(), label: "default")
IO.puts("at once: #{peak.()}")
IO.inspect(Task.async_stream(1..6, work, max_concurrency: 3) |> Enum.map(fn {:ok, v} -> v end), label: "max 3")
IO.puts("at once: #{peak.()}")
IO.inspect(Task.async_stream(1..3, work, max_concurrency: 1, ordered: false) |> Enum.count(), label: "max 1")
IO.puts("at once: #{peak.()}")
{:ok, sup} = Task.Supervisor.start_link()
IO.inspect(Task.Supervisor.async_stream(sup, 1..6, work) |> Enum.map(fn {:ok, v} -> v end), label: "supervisor")
IO.puts("at once: #{peak.()}")
