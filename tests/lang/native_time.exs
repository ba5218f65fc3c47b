# Native time is the nanosecond: :erlang.monotonic_time/system_time/
# time_offset, :os.perf_counter, convert_time_unit, and :timer.tc measuring
# with native precision (microseconds that are not whole milliseconds).
IO.inspect :erlang.convert_time_unit(1, :second, :native)
IO.inspect :erlang.convert_time_unit(1, :second, :perf_counter)
IO.inspect :erlang.convert_time_unit(1, :native, :nanosecond)
IO.inspect :erlang.convert_time_unit(1_500_000, :native, :millisecond)
IO.inspect :erlang.convert_time_unit(-1_500_000, :native, :millisecond)
IO.inspect :erlang.convert_time_unit(3, :second, 1000)
IO.inspect System.convert_time_unit(1, :second, :native)
IO.inspect System.convert_time_unit(1500, :millisecond, :second)
IO.inspect System.convert_time_unit(-1500, :millisecond, :second)
IO.inspect System.convert_time_unit(1, :second, 1000)

# consecutive readings in native units are distinct nanoseconds
readings = for _ <- 1..5, do: :erlang.monotonic_time()
IO.inspect Enum.all?(readings, &is_integer/1)
IO.inspect readings == Enum.sort(readings)
IO.inspect length(Enum.uniq(readings)) > 1
IO.inspect Enum.any?(readings, &(rem(&1, 1_000_000) != 0))

# each clock agrees with itself in other units
for clock <- [:monotonic_time, :system_time] do
  s1 = apply(:erlang, clock, [:second])
  ns = apply(:erlang, clock, [:nanosecond])
  native = apply(:erlang, clock, [])
  s2 = apply(:erlang, clock, [:second])
  IO.inspect {clock, Integer.floor_div(ns, 1_000_000_000) in s1..s2, Integer.floor_div(native, 1_000_000_000) in s1..s2}
end
m = :erlang.monotonic_time()
offset = :erlang.time_offset()
s = :erlang.system_time()
IO.inspect abs(m + offset - s) < 1_000_000_000
IO.inspect abs(System.time_offset(:second) - div(offset, 1_000_000_000)) <= 1
IO.inspect abs(System.system_time(:second) - :os.system_time(:second)) <= 1
p1 = :os.perf_counter()
p2 = :os.perf_counter(:nanosecond)
IO.inspect p2 >= p1 and p2 - p1 < 1_000_000_000
IO.inspect is_integer(:os.perf_counter(1000))
IO.inspect abs(System.monotonic_time(:millisecond) - :erlang.monotonic_time(:millisecond)) < 1000
{{mega, sec, micro}, {mega2, sec2, _}} = {:erlang.timestamp(), :os.timestamp()}
IO.inspect abs((mega2 - mega) * 1_000_000 + sec2 - sec) <= 1 and micro in 0..999_999

# :timer.tc in microseconds, measured in nanoseconds
times = for _ <- 1..5, do: elem(:timer.tc(fn -> :timer.sleep(2) end), 0)
IO.inspect Enum.all?(times, &(&1 >= 2000 and &1 < 1_000_000))
IO.inspect Enum.any?(times, &(rem(&1, 1000) != 0))
{t, :ok} = :timer.tc(fn -> :ok end)
IO.inspect t in 0..100_000
{t, 6} = :timer.tc(Enum, :sum, [[1, 2, 3]])
IO.inspect t in 0..100_000
{t, 6} = :timer.tc(&Enum.sum/1, [[1, 2, 3]])
IO.inspect t in 0..100_000

# bad units
for f <- [fn -> :erlang.monotonic_time(:bad) end, fn -> :erlang.system_time(:bad) end,
          fn -> :erlang.time_offset(:bad) end, fn -> :os.perf_counter(:bad) end,
          fn -> :erlang.monotonic_time(0) end, fn -> :erlang.convert_time_unit(1, :bad, :second) end,
          fn -> :erlang.convert_time_unit(1, :second, :bad) end, fn -> :erlang.convert_time_unit(:x, :second, :second) end,
          fn -> System.monotonic_time(:bad) end, fn -> System.convert_time_unit(1, :second, :bad) end] do
  try do
    f.()
  rescue
    e -> IO.puts(Exception.message(e))
  end
end
