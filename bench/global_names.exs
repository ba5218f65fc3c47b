# :global at scale: the driver registers 10,000 names (one process each)
# while a peer node watches; how long until the peer sees them all, what
# each node's resident size is then ("@rss driver" and "@rss peer" lines,
# answered by bench/benchtool), how long a :global.whereis_name of each
# name takes, and how long until the names are gone
# everywhere once the processes end.
#
# The peer (BENCH_ROLE=peer) prints READY and waits to be asked; the
# driver (BENCH_ROLE=driver, BENCH_PEER=the peer's short name) prints
#   global_names n=... register_ms=... visible_ms=... whereis_hits=... whereis_us=... gone_ms=...
# ciex and the BEAM can be mixed (bench/global_names.sh).  BENCH_N sets
# the number of names.
n = String.to_integer(System.get_env("BENCH_N", "10000"))
now = fn -> :erlang.monotonic_time(:millisecond) end
t_start = now.()

# waits (polling every 20 ms, at most 300 s) until this node's registry
# holds `count` names
await_count = fn await_count, count ->
  if length(:global.registered_names()) == count or now.() - t_start > 300_000 do
    :ok
  else
    Process.sleep(20)
    await_count.(await_count, count)
  end
end

case System.get_env("BENCH_ROLE") do
  "peer" ->
    Process.register(self(), :bench_peer)
    IO.puts("READY")

    serve = fn serve ->
      receive do
        {:await, count, from} ->
          await_count.(await_count, count)
          if count > 0 do
            IO.puts("@rss peer")
            Process.sleep(300)
          end
          send(from, {:seen, count})
          serve.(serve)

        :stop ->
          :ok
      end
    end

    serve.(serve)

  "driver" ->
    [_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
    peer = :erlang.binary_to_atom(System.get_env("BENCH_PEER") <> "@" <> host)
    true = Node.connect(peer)
    :global.sync()
    me = self()
    pids = for _ <- 1..n, do: spawn(fn -> receive do :stop -> send(me, :done) end end)
    names = for i <- 1..n, do: {:bench, i}

    t0 = now.()
    Enum.zip(names, pids) |> Enum.each(fn {name, pid} -> :yes = :global.register_name(name, pid) end)
    register_ms = now.() - t0
    send({:bench_peer, peer}, {:await, n, self()})
    receive do
      {:seen, ^n} -> :ok
    end
    visible_ms = now.() - t0
    IO.puts("@rss driver")
    Process.sleep(300)
    tw = :erlang.monotonic_time(:microsecond)
    hits = Enum.count(names, fn name -> is_pid(:global.whereis_name(name)) end)
    whereis_us = :erlang.monotonic_time(:microsecond) - tw

    t1 = now.()
    Enum.each(pids, fn pid -> send(pid, :stop) end)
    Enum.each(pids, fn _ -> receive do :done -> :ok end end)
    await_count.(await_count, 0)
    send({:bench_peer, peer}, {:await, 0, self()})
    receive do
      {:seen, 0} -> :ok
    end
    gone_ms = now.() - t1
    send({:bench_peer, peer}, :stop)

    IO.puts("global_names n=#{n} register_ms=#{register_ms} visible_ms=#{visible_ms} " <>
              "whereis_hits=#{hits} whereis_us=#{whereis_us} gone_ms=#{gone_ms}")
end
