# A linked process exits with a reason of its own (not a raise): the
# script's process dies with it, and the error shows the reason.
Process.flag(:trap_exit, false)
spawn_link(fn -> exit({:shutdown, :lost}) end)
receive do
  msg -> IO.inspect(msg, label: "never")
end
