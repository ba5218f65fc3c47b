# Local ping-pong: two processes pass a message back and forth.
# Prints round trips per second.  BENCH_N sets the number of round trips.
n = String.to_integer(System.get_env("BENCH_N", "200000"))
defmodule PingPong do
  def pong do
    receive do
      {:ping, from} ->
        send(from, :pong)
        pong()
      :stop ->
        :ok
    end
  end

  def ping(_pid, 0), do: :ok

  def ping(pid, k) do
    send(pid, {:ping, self()})

    receive do
      :pong -> ping(pid, k - 1)
    end
  end
end

pid = spawn(&PingPong.pong/0)
PingPong.ping(pid, div(n, 10))
t0 = :erlang.monotonic_time(:microsecond)
PingPong.ping(pid, n)
t1 = :erlang.monotonic_time(:microsecond)
send(pid, :stop)
IO.puts("pingpong n=#{n} us=#{t1 - t0} per_s=#{div(n * 1_000_000, max(t1 - t0, 1))}")
