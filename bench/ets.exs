# :ets: BENCH_N (default 1,000,000) inserts of {i, i} into a set and an
# ordered_set, then as many lookups of present keys, then a select over
# the whole set; times in microseconds, and the resident size the set
# adds (bench/benchtool answers the "@rss" lines; the state stays still
# for 300 ms after each).
n = String.to_integer(System.get_env("BENCH_N", "1000000"))

defmodule EtsBench do
  def insert(_t, i, n) when i > n, do: :ok
  def insert(t, i, n) do
    :ets.insert(t, {i, i})
    insert(t, i + 1, n)
  end

  def lookup(_t, i, n, acc) when i > n, do: acc
  def lookup(t, i, n, acc) do
    [{_, v}] = :ets.lookup(t, i)
    lookup(t, i + 1, n, acc + v)
  end

  def time(f) do
    t0 = :erlang.monotonic_time(:microsecond)
    r = f.()
    {:erlang.monotonic_time(:microsecond) - t0, r}
  end
end

IO.puts("@rss before")
Process.sleep(300)
set = :ets.new(:bench_set, [:set, :public])
{set_ins, _} = EtsBench.time(fn -> EtsBench.insert(set, 1, n) end)
IO.puts("@rss after")
Process.sleep(300)
{set_look, sum} = EtsBench.time(fn -> EtsBench.lookup(set, 1, n, 0) end)
{select_us, count} = EtsBench.time(fn -> :ets.select_count(set, [{{:"$1", :_}, [{:>, :"$1", div(n, 2)}], [true]}]) end)
:ets.delete(set)
ord = :ets.new(:bench_ord, [:ordered_set, :public])
{ord_ins, _} = EtsBench.time(fn -> EtsBench.insert(ord, 1, n) end)
{ord_look, sum2} = EtsBench.time(fn -> EtsBench.lookup(ord, 1, n, 0) end)
:ets.delete(ord)
true = sum == div(n * (n + 1), 2) and sum2 == sum and count == n - div(n, 2)
IO.puts("ets n=#{n} set_insert_us=#{set_ins} set_lookup_us=#{set_look} select_us=#{select_us} ordered_insert_us=#{ord_ins} ordered_lookup_us=#{ord_look}")
