# One node of a mesh start (bench/mesh.sh): every node says READY and
# waits for a line on its input; then the hub (MESH_ROLE=hub) serves and
# every other node connects to the hub only, and :global's full
# connection joins it to all the others.  Each prints
# "CONVERGED <os time in ms>" once it sees the MESH_N - 1 other nodes,
# then serves until it is stopped.
n = String.to_integer(System.get_env("MESH_N"))
IO.puts("READY")
IO.gets("")
if System.get_env("MESH_ROLE") != "hub" do
  true = Node.connect(String.to_atom(System.get_env("MESH_HUB")))
end
await = fn await, tries ->
  cond do
    length(Node.list()) >= n - 1 -> :ok
    tries == 0 -> IO.puts("NOT CONVERGED: #{length(Node.list())} nodes")
    true ->
      Process.sleep(5)
      await.(await, tries - 1)
  end
end
await.(await, 6000)
IO.puts("CONVERGED #{System.os_time(:millisecond)}")
receive do
  :stop -> :ok
after
  120_000 -> :ok
end
