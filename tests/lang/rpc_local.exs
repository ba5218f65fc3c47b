# :rpc and :erpc to the local node, and monitors of local processes
defmodule RpcLocal do
  def down_reason(ref) do
    receive do
      {:DOWN, ^ref, :process, _, reason} -> reason
    end
  end

  def demonitored do
    pid = spawn(fn -> receive do :go -> :ok end end)
    ref = Process.monitor(pid)
    IO.inspect(Process.demonitor(ref))
    send(pid, :go)
    receive do
      {:DOWN, ^ref, _, _, _} -> IO.puts("DOWN after demonitor")
    after
      100 -> IO.puts("no DOWN after demonitor")
    end
  end
end

IO.inspect(:rpc.call(node(), :erlang, :node, []))
IO.inspect(:erpc.call(node(), :lists, :reverse, [[1, 2, 3]]))
IO.inspect(:rpc.call(node(), :erlang, :error, [:boom]) |> elem(0))
IO.inspect(RpcLocal.down_reason(Process.monitor(spawn(fn -> exit(:bye) end))))
RpcLocal.demonitored()
{_pid, ref} = spawn_monitor(fn -> :ok end)
IO.inspect(RpcLocal.down_reason(ref))
