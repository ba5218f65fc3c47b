# Big messages between two nodes on loopback: a 20 MB binary and two
# 100,000-key maps (integer keys, and binary keys "key1".."key100000"),
# each sent to an echo process on the other node and received back.
#
# The echo node (BENCH_ROLE=echo) registers :bench_echo, prints READY and
# sends every {from, term} back to from until :stop.  The client node
# (BENCH_ROLE=client, BENCH_PEER=the echo node's short name) connects and
# prints one line:
#   big_terms binary_cold_us=... binary_warm_us=... map_us=... bin_map_us=... mb=... keys=...
# binary_cold_us is the first round trip of the binary on the fresh
# connection, binary_warm_us the median of the next five; map_us and
# bin_map_us the median of five round trips of each map (after one
# untimed).  The maps are made by the client, so with a BEAM client and a
# ciex echo node they reach ciex in the BEAM's order.  BENCH_N sets the number of keys (and
# the binary's size: 200 bytes a key).
#
#   ERL_EPMD_PORT=35000 ciex --sname e --cookie bench --script bench/big_terms.exs   (BENCH_ROLE=echo)
#   ERL_EPMD_PORT=35000 elixir --sname c --cookie bench bench/big_terms.exs          (BENCH_ROLE=client BENCH_PEER=e)
defmodule BenchEcho do
  def loop() do
    receive do
      {from, term} ->
        send(from, {:echo, term})
        loop()
      :stop ->
        :ok
    end
  end

  # microseconds of one round trip of term to echo, checked
  def round_trip(echo, term) do
    t0 = :erlang.monotonic_time(:microsecond)
    send(echo, {self(), term})
    receive do
      {:echo, back} ->
        t = :erlang.monotonic_time(:microsecond) - t0
        true = back === term
        t
    end
  end

  def median(list), do: Enum.at(Enum.sort(list), div(length(list), 2))
end

n = String.to_integer(System.get_env("BENCH_N", "100000"))

case System.get_env("BENCH_ROLE") do
  "echo" ->
    Process.register(self(), :bench_echo)
    IO.puts("READY")
    BenchEcho.loop()

  "client" ->
    [_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
    peer = :erlang.binary_to_atom(System.get_env("BENCH_PEER") <> "@" <> host)
    echo = {:bench_echo, peer}
    true = Node.connect(peer)
    bin = :binary.copy(:binary.list_to_bin(Enum.to_list(0..199)), n)
    cold = BenchEcho.round_trip(echo, bin)
    warm = BenchEcho.median(for _ <- 1..5, do: BenchEcho.round_trip(echo, bin))
    map = Map.new(1..n, fn i -> {i, i} end)
    BenchEcho.round_trip(echo, map)
    map_us = BenchEcho.median(for _ <- 1..5, do: BenchEcho.round_trip(echo, map))
    bin_map = Map.new(1..n, fn i -> {"key#{i}", i} end)
    BenchEcho.round_trip(echo, bin_map)
    bin_map_us = BenchEcho.median(for _ <- 1..5, do: BenchEcho.round_trip(echo, bin_map))
    send(echo, :stop)

    IO.puts("big_terms binary_cold_us=#{cold} binary_warm_us=#{warm} map_us=#{map_us} bin_map_us=#{bin_map_us} " <>
              "mb=#{div(byte_size(bin), 1_000_000)} keys=#{map_size(map)}")
end
