# :global at scale: one node registers 10,000 names (one process each);
# how long that takes, and when the other nodes see them all; then the
# processes end and the names go everywhere.
#
# The same file runs on every node, its role chosen by the node's name:
# peer1 and peer2 wait to be asked, any other name drives.  With ciex or
# real Elixir, in any mix (bench/global_names.sh starts all three):
#
#   export ERL_EPMD_PORT=35000
#   ciex --sname peer1 --cookie bench --script bench/global_names.exs &
#   elixir --sname peer2 --cookie bench bench/global_names.exs &
#   ciex --sname driver --cookie bench --script bench/global_names.exs
n = 10_000
[me, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
peers = [:erlang.binary_to_atom("peer1@" <> host), :erlang.binary_to_atom("peer2@" <> host)]
now = fn -> :erlang.monotonic_time(:millisecond) end

# waits (polling every 50 ms, at most 120 s) until this node's registry
# holds `count` names; the milliseconds that took
await_count = fn await_count, count, t0 ->
  case length(:global.registered_names()) == count or now.() - t0 > 120_000 do
    true ->
      now.() - t0
    false ->
      Process.sleep(50)
      await_count.(await_count, count, t0)
  end
end

case me do
  "peer" <> _ ->
    Process.register(self(), :bench_peer)
    IO.puts("READY")
    serve = fn serve ->
      receive do
        {:await, count, from} ->
          send(from, {:seen, node(), await_count.(await_count, count, now.())})
          serve.(serve)
        :stop ->
          :ok
      end
    end
    serve.(serve)

  _ ->
    for p <- peers, do: true = Node.connect(p)
    :global.sync()
    kind = if :erlang.function_exported(:ciex_boot, :run_script, 1), do: "ciex", else: "beam"
    pids = for _ <- 1..n, do: spawn(fn -> receive do :stop -> :ok end end)
    names = for i <- 1..n, do: {:bench, i}

    t0 = now.()
    for {name, pid} <- Enum.zip(names, pids), do: :yes = :global.register_name(name, pid)
    register_ms = now.() - t0
    for p <- peers, do: send({:bench_peer, p}, {:await, n, self()})
    seen =
      for _ <- peers do
        receive do
          {:seen, peer, ms} -> {peer, ms}
        end
      end
    visible_ms = now.() - t0

    t1 = now.()
    hits = Enum.count(names, fn name -> is_pid(:global.whereis_name(name)) end)
    whereis_us = div((now.() - t1) * 1000, n)

    t2 = now.()
    for pid <- pids, do: send(pid, :stop)
    local_ms = await_count.(await_count, 0, t2)
    for p <- peers, do: send({:bench_peer, p}, {:await, 0, self()})
    for _ <- peers do
      receive do
        {:seen, _, _} -> :ok
      end
    end
    gone_ms = now.() - t2

    IO.puts("global_names driver=#{kind} n=#{n} register_ms=#{register_ms} per_name_us=#{div(register_ms * 1000, n)} " <>
              "all_visible_ms=#{visible_ms} whereis_hits=#{hits} whereis_us=#{whereis_us} " <>
              "gone_here_ms=#{local_ms} gone_everywhere_ms=#{gone_ms}")
    for {peer, ms} <- seen, do: IO.puts("  #{peer} still waiting after registration: #{ms} ms")
    for p <- peers, do: send({:bench_peer, p}, :stop)
end
