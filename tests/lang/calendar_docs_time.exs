# The iex> examples of the documentation of Time (Elixir 1.14, Code.fetch_docs/1),
# each expression inspected; examples needing another calendar or time zone
# database than Calendar.ISO with Calendar.UTCOnlyTimeZoneDatabase left out.
# Time.add/3
IO.inspect(Time.add(~T[10:00:00], 27000))
IO.inspect(Time.add(~T[11:00:00.005], 2400))
IO.inspect(Time.add(~T[00:00:00.000], 86_399_999, :millisecond))
IO.inspect(Time.add(~T[23:00:00], -60))
IO.inspect(Time.add(~T[17:10:05], 86400))
IO.inspect(Time.add(~T[17:10:05], 2, :hour))
IO.inspect(Time.add(~T[17:10:05], 30, :minute))
# Time.compare/2
IO.inspect(Time.compare(~T[16:04:16], ~T[16:04:28]))
IO.inspect(Time.compare(~T[16:04:16], ~T[16:04:16]))
IO.inspect(Time.compare(~T[16:04:16.01], ~T[16:04:16.001]))
IO.inspect(Time.compare(~N[1900-01-01 16:04:16], ~N[2015-01-01 16:04:16]))
IO.inspect(Time.compare(~N[2015-01-01 16:04:16], ~N[2015-01-01 16:04:28]))
IO.inspect(Time.compare(~N[2015-01-01 16:04:16.01], ~N[2000-01-01 16:04:16.001]))
# Time.convert/2
# Time.convert!/2
# Time.diff/3
IO.inspect(Time.diff(~T[00:29:12], ~T[00:29:10]))
IO.inspect(Time.diff(~N[2017-01-01 00:29:12], ~T[00:29:10]))
IO.inspect(Time.diff(~N[2017-01-01 00:29:12], ~N[1900-02-03 00:29:10]))
IO.inspect(Time.diff(~T[00:29:12], ~T[00:29:10], :microsecond))
IO.inspect(Time.diff(~T[00:29:10], ~T[00:29:12], :microsecond))
IO.inspect(Time.diff(~T[02:29:10], ~T[00:29:10], :hour))
IO.inspect(Time.diff(~T[02:29:10], ~T[00:29:11], :hour))
# Time.from_erl/3
IO.inspect(Time.from_erl({23, 30, 15}, {5000, 3}))
IO.inspect(Time.from_erl({24, 30, 15}))
# Time.from_erl!/3
IO.inspect(Time.from_erl!({23, 30, 15}))
IO.inspect(Time.from_erl!({23, 30, 15}, {5000, 3}))
try do
  IO.inspect(Time.from_erl!({24, 30, 15}))
rescue
  e -> IO.puts("** (" <> inspect(e.__struct__) <> ") " <> Exception.message(e))
end
# Time.from_iso8601/2
IO.inspect(Time.from_iso8601("23:50:07"))
IO.inspect(Time.from_iso8601("23:50:07Z"))
IO.inspect(Time.from_iso8601("T23:50:07Z"))
IO.inspect(Time.from_iso8601("23:50:07,0123456"))
IO.inspect(Time.from_iso8601("23:50:07.0123456"))
IO.inspect(Time.from_iso8601("23:50:07.123Z"))
IO.inspect(Time.from_iso8601("2015:01:23 23-50-07"))
IO.inspect(Time.from_iso8601("23:50:07A"))
IO.inspect(Time.from_iso8601("23:50:07."))
IO.inspect(Time.from_iso8601("23:50:61"))
# Time.from_iso8601!/2
IO.inspect(Time.from_iso8601!("23:50:07,123Z"))
IO.inspect(Time.from_iso8601!("23:50:07.123Z"))
try do
  IO.inspect(Time.from_iso8601!("2015:01:23 23-50-07"))
rescue
  e -> IO.puts("** (" <> inspect(e.__struct__) <> ") " <> Exception.message(e))
end
# Time.from_seconds_after_midnight/3
IO.inspect(Time.from_seconds_after_midnight(10_000))
IO.inspect(Time.from_seconds_after_midnight(30_000, {5000, 3}))
IO.inspect(Time.from_seconds_after_midnight(-1))
IO.inspect(Time.from_seconds_after_midnight(100_000))
# Time.new/5
IO.inspect(Time.new(0, 0, 0, 0))
IO.inspect(Time.new(23, 59, 59, 999_999))
IO.inspect(Time.new(24, 59, 59, 999_999))
IO.inspect(Time.new(23, 60, 59, 999_999))
IO.inspect(Time.new(23, 59, 60, 999_999))
IO.inspect(Time.new(23, 59, 59, 1_000_000))
# Time.new!/5
IO.inspect(Time.new!(0, 0, 0, 0))
IO.inspect(Time.new!(23, 59, 59, 999_999))
try do
  IO.inspect(Time.new!(24, 59, 59, 999_999))
rescue
  e -> IO.puts("** (" <> inspect(e.__struct__) <> ") " <> Exception.message(e))
end
# Time.to_erl/1
IO.inspect(Time.to_erl(~T[23:30:15.999]))
IO.inspect(Time.to_erl(~N[2010-04-17 23:30:15.999]))
# Time.to_iso8601/2
IO.inspect(Time.to_iso8601(~T[23:00:13]))
IO.inspect(Time.to_iso8601(~T[23:00:13.001]))
IO.inspect(Time.to_iso8601(~T[23:00:13.001], :basic))
IO.inspect(Time.to_iso8601(~N[2010-04-17 23:00:13]))
# Time.to_seconds_after_midnight/1
IO.inspect(Time.to_seconds_after_midnight(~T[23:30:15]))
IO.inspect(Time.to_seconds_after_midnight(~N[2010-04-17 23:30:15.999]))
# Time.to_string/1
IO.inspect(Time.to_string(~T[23:00:00]))
IO.inspect(Time.to_string(~T[23:00:00.001]))
IO.inspect(Time.to_string(~T[23:00:00.123456]))
IO.inspect(Time.to_string(~N[2015-01-01 23:00:00.001]))
IO.inspect(Time.to_string(~N[2015-01-01 23:00:00.123456]))
# Time.truncate/2
IO.inspect(Time.truncate(~T[01:01:01.123456], :microsecond))
IO.inspect(Time.truncate(~T[01:01:01.123456], :millisecond))
IO.inspect(Time.truncate(~T[01:01:01.123456], :second))
# Time.utc_now/1
time = Time.utc_now()
IO.inspect(time.hour >= 0)

