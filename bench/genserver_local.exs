# Local GenServer.call to the article's KV server: {:get, key} calls.
# Prints calls per second.  BENCH_N sets the number of calls.
n = String.to_integer(System.get_env("BENCH_N", "100000"))
defmodule KV do
  use GenServer
  @impl true
  def init(_), do: {:ok, %{}}
  @impl true
  def handle_call({:get, key}, _, state), do: {:reply, Map.get(state, key), state}
  def handle_call({:set, key, value}, _, state), do: {:reply, {key, value}, Map.put(state, key, value)}
  def handle_call(:keys, _, state), do: {:reply, Map.keys(state), state}
end

defmodule Caller do
  def loop(_kv, 0), do: :ok

  def loop(kv, k) do
    123 = GenServer.call(kv, {:get, :foo})
    loop(kv, k - 1)
  end
end

{:ok, kv} = GenServer.start(KV, nil)
{:foo, 123} = GenServer.call(kv, {:set, :foo, 123})
Caller.loop(kv, div(n, 10))
t0 = :erlang.monotonic_time(:microsecond)
Caller.loop(kv, n)
t1 = :erlang.monotonic_time(:microsecond)
IO.puts("genserver_local n=#{n} us=#{t1 - t0} per_s=#{div(n * 1_000_000, max(t1 - t0, 1))}")
