# Two nodes on loopback: Node.connect to a fresh node, remote
# GenServer.call round trips, the same calls carrying a fn made by
# evaluation (as Agent.get with a fn typed at a prompt: the fn travels as
# an erl_eval fun and runs on the server), and one-way remote casts.
#
# The server node (BENCH_ROLE=server) runs a KV GenServer registered as
# :bench_kv that also counts casts, prints READY and waits for :stop.  The
# client node (BENCH_ROLE=client, BENCH_PEER=the server's short name)
# connects, calls and casts, and prints one line:
#   remote connect_us=... call_us=... fun_call_us=... casts_per_s=... casts_counted=...
# BENCH_N sets the number of calls (ten times as many casts).
#
#   ERL_EPMD_PORT=35000 ciex --sname srv --cookie bench --script bench/remote.exs   (BENCH_ROLE=server)
#   ERL_EPMD_PORT=35000 elixir --sname cli --cookie bench bench/remote.exs          (BENCH_ROLE=client BENCH_PEER=srv)
defmodule BenchKV do
  use GenServer
  @impl true
  def init(_), do: {:ok, {%{}, 0}}
  @impl true
  def handle_call({:get, key}, _, {map, _} = state), do: {:reply, Map.get(map, key), state}
  def handle_call({:set, key, value}, _, {map, n}), do: {:reply, {key, value}, {Map.put(map, key, value), n}}
  def handle_call(:count, _, {map, n}), do: {:reply, n, {map, 0}}
  def handle_call({:apply, f}, _, {map, _} = state), do: {:reply, f.(map), state}
  @impl true
  def handle_cast({:inc, _}, {map, n}), do: {:noreply, {map, n + 1}}
end

defmodule BenchClient do
  def calls(_kv, 0), do: :ok

  def fun_calls(_kv, _f, 0), do: :ok

  def fun_calls(kv, f, k) do
    123 = GenServer.call(kv, {:apply, f})
    fun_calls(kv, f, k - 1)
  end

  def calls(kv, k) do
    123 = GenServer.call(kv, {:get, :foo})
    calls(kv, k - 1)
  end

  def casts(_kv, 0), do: :ok

  def casts(kv, k) do
    GenServer.cast(kv, {:inc, k})
    casts(kv, k - 1)
  end
end

n = String.to_integer(System.get_env("BENCH_N", "20000"))
now = fn -> :erlang.monotonic_time(:microsecond) end

case System.get_env("BENCH_ROLE") do
  "server" ->
    {:ok, _} = GenServer.start(BenchKV, nil, name: :bench_kv)
    Process.register(self(), :bench_main)
    IO.puts("READY")

    receive do
      :stop -> :ok
    end

  "client" ->
    [_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
    peer = :erlang.binary_to_atom(System.get_env("BENCH_PEER") <> "@" <> host)
    kv = {:bench_kv, peer}
    t0 = now.()
    true = Node.connect(peer)
    connect_us = now.() - t0
    :global.sync()
    {:foo, 123} = GenServer.call(kv, {:set, :foo, 123})
    BenchClient.calls(kv, div(n, 10))
    t1 = now.()
    BenchClient.calls(kv, n)
    call_us = (now.() - t1) / n
    # a fn as iex makes it (by evaluation); the first call learns the
    # server's erl_eval layout where that is needed
    {f, _} = Code.eval_string("fn m -> Map.get(m, :foo) end")
    BenchClient.fun_calls(kv, f, div(n, 10))
    t3 = now.()
    BenchClient.fun_calls(kv, f, n)
    fun_call_us = (now.() - t3) / n
    0 = GenServer.call(kv, :count)
    ncasts = n * 10
    t2 = now.()
    BenchClient.casts(kv, ncasts)
    counted = GenServer.call(kv, :count, 60_000)
    cast_us = now.() - t2
    send({:bench_main, peer}, :stop)

    IO.puts("remote connect_us=#{connect_us} call_us=#{Float.round(call_us, 2)} " <>
              "fun_call_us=#{Float.round(fun_call_us, 2)} n=#{n} " <>
              "casts_per_s=#{div(ncasts * 1_000_000, max(cast_us, 1))} casts_counted=#{counted}")
end
