# The iex> examples of the documentation of NaiveDateTime (Elixir 1.14, Code.fetch_docs/1),
# each expression inspected; examples needing another calendar or time zone
# database than Calendar.ISO with Calendar.UTCOnlyTimeZoneDatabase left out.
# NaiveDateTime.add/3
IO.inspect(NaiveDateTime.add(~N[2014-10-02 00:29:10], 2))
IO.inspect(NaiveDateTime.add(~N[2014-10-02 00:29:10], -2))
IO.inspect(NaiveDateTime.add(~N[2014-10-02 00:29:10], 2_000, :millisecond))
IO.inspect(NaiveDateTime.add(~N[2015-02-28 00:29:10], 2, :day))
IO.inspect(NaiveDateTime.add(~N[2015-02-28 00:29:10], 36, :hour))
IO.inspect(NaiveDateTime.add(~N[2015-02-28 00:29:10], 60, :minute))
IO.inspect(NaiveDateTime.add(~N[2014-10-02 00:29:10.021], 21, :second))
hidden = NaiveDateTime.add(~N[2014-10-02 00:29:10], 21, :millisecond)
IO.inspect(hidden.microsecond)
IO.inspect(NaiveDateTime.add(~N[0000-01-01 00:00:00], 63_579_428_950))
IO.inspect(dt = %DateTime{year: 2000, month: 2, day: 29, zone_abbr: "CET",
hour: 23, minute: 0, second: 7, microsecond: {0, 0},
utc_offset: 3600, std_offset: 0, time_zone: "Europe/Warsaw"})
IO.inspect(NaiveDateTime.add(dt, 21, :second))
# NaiveDateTime.compare/2
IO.inspect(NaiveDateTime.compare(~N[2016-04-16 13:30:15], ~N[2016-04-28 16:19:25]))
IO.inspect(NaiveDateTime.compare(~N[2016-04-16 13:30:15.1], ~N[2016-04-16 13:30:15.01]))
IO.inspect(dt = %DateTime{year: 2000, month: 2, day: 29, zone_abbr: "CET",
hour: 23, minute: 0, second: 7, microsecond: {0, 0},
utc_offset: 3600, std_offset: 0, time_zone: "Europe/Warsaw"})
IO.inspect(NaiveDateTime.compare(dt, ~N[2000-02-29 23:00:07]))
IO.inspect(NaiveDateTime.compare(dt, ~N[2000-01-29 23:00:07]))
IO.inspect(NaiveDateTime.compare(dt, ~N[2000-03-29 23:00:07]))
# NaiveDateTime.convert/2
# NaiveDateTime.convert!/2
# NaiveDateTime.diff/3
IO.inspect(NaiveDateTime.diff(~N[2014-10-02 00:29:12], ~N[2014-10-02 00:29:10]))
IO.inspect(NaiveDateTime.diff(~N[2014-10-02 00:29:12], ~N[2014-10-02 00:29:10], :microsecond))
IO.inspect(NaiveDateTime.diff(~N[2014-10-02 00:29:10.042], ~N[2014-10-02 00:29:10.021]))
IO.inspect(NaiveDateTime.diff(~N[2014-10-02 00:29:10.042], ~N[2014-10-02 00:29:10.021], :millisecond))
IO.inspect(NaiveDateTime.diff(~N[2014-10-02 00:29:10], ~N[2014-10-02 00:29:12]))
IO.inspect(NaiveDateTime.diff(~N[-0001-10-02 00:29:10], ~N[-0001-10-02 00:29:12]))
IO.inspect(NaiveDateTime.diff(~N[2014-10-10 00:29:10], ~N[2014-10-02 00:29:10], :day))
IO.inspect(NaiveDateTime.diff(~N[2014-10-02 12:29:10], ~N[2014-10-02 00:29:10], :hour))
IO.inspect(NaiveDateTime.diff(~N[2014-10-02 00:39:10], ~N[2014-10-02 00:29:10], :minute))
IO.inspect(NaiveDateTime.diff(~N[2014-10-10 00:29:09], ~N[2014-10-02 00:29:10], :day))
# NaiveDateTime.from_erl/3
IO.inspect(NaiveDateTime.from_erl({{2000, 1, 1}, {13, 30, 15}}))
IO.inspect(NaiveDateTime.from_erl({{2000, 1, 1}, {13, 30, 15}}, {5000, 3}))
IO.inspect(NaiveDateTime.from_erl({{2000, 13, 1}, {13, 30, 15}}))
IO.inspect(NaiveDateTime.from_erl({{2000, 13, 1}, {13, 30, 15}}))
# NaiveDateTime.from_erl!/3
IO.inspect(NaiveDateTime.from_erl!({{2000, 1, 1}, {13, 30, 15}}))
IO.inspect(NaiveDateTime.from_erl!({{2000, 1, 1}, {13, 30, 15}}, {5000, 3}))
try do
  IO.inspect(NaiveDateTime.from_erl!({{2000, 13, 1}, {13, 30, 15}}))
rescue
  e -> IO.puts("** (" <> inspect(e.__struct__) <> ") " <> Exception.message(e))
end
# NaiveDateTime.from_gregorian_seconds/3
IO.inspect(NaiveDateTime.from_gregorian_seconds(1))
IO.inspect(NaiveDateTime.from_gregorian_seconds(63_755_511_991, {5000, 3}))
IO.inspect(NaiveDateTime.from_gregorian_seconds(-1))
# NaiveDateTime.from_iso8601/2
IO.inspect(NaiveDateTime.from_iso8601("2015-01-23 23:50:07"))
IO.inspect(NaiveDateTime.from_iso8601("2015-01-23T23:50:07"))
IO.inspect(NaiveDateTime.from_iso8601("2015-01-23T23:50:07Z"))
IO.inspect(NaiveDateTime.from_iso8601("2015-01-23 23:50:07.0"))
IO.inspect(NaiveDateTime.from_iso8601("2015-01-23 23:50:07,0123456"))
IO.inspect(NaiveDateTime.from_iso8601("2015-01-23 23:50:07.0123456"))
IO.inspect(NaiveDateTime.from_iso8601("2015-01-23T23:50:07.123Z"))
IO.inspect(NaiveDateTime.from_iso8601("2015-01-23P23:50:07"))
IO.inspect(NaiveDateTime.from_iso8601("2015:01:23 23-50-07"))
IO.inspect(NaiveDateTime.from_iso8601("2015-01-23 23:50:07A"))
IO.inspect(NaiveDateTime.from_iso8601("2015-01-23 23:50:61"))
IO.inspect(NaiveDateTime.from_iso8601("2015-01-32 23:50:07"))
IO.inspect(NaiveDateTime.from_iso8601("2015-01-23T23:50:07.123+02:30"))
IO.inspect(NaiveDateTime.from_iso8601("2015-01-23T23:50:07.123+00:00"))
IO.inspect(NaiveDateTime.from_iso8601("2015-01-23T23:50:07.123-02:30"))
IO.inspect(NaiveDateTime.from_iso8601("2015-01-23T23:50:07.123-00:00"))
IO.inspect(NaiveDateTime.from_iso8601("2015-01-23T23:50:07.123-00:60"))
IO.inspect(NaiveDateTime.from_iso8601("2015-01-23T23:50:07.123-24:00"))
# NaiveDateTime.from_iso8601!/2
IO.inspect(NaiveDateTime.from_iso8601!("2015-01-23T23:50:07.123Z"))
IO.inspect(NaiveDateTime.from_iso8601!("2015-01-23T23:50:07,123Z"))
try do
  IO.inspect(NaiveDateTime.from_iso8601!("2015-01-23P23:50:07"))
rescue
  e -> IO.puts("** (" <> inspect(e.__struct__) <> ") " <> Exception.message(e))
end
# NaiveDateTime.local_now/1
naive_datetime = NaiveDateTime.local_now()
IO.inspect(naive_datetime.year >= 2019)
# NaiveDateTime.new/2
IO.inspect(NaiveDateTime.new(~D[2010-01-13], ~T[23:00:07.005]))
# NaiveDateTime.new/8
IO.inspect(NaiveDateTime.new(2000, 1, 1, 0, 0, 0))
IO.inspect(NaiveDateTime.new(2000, 13, 1, 0, 0, 0))
IO.inspect(NaiveDateTime.new(2000, 2, 29, 0, 0, 0))
IO.inspect(NaiveDateTime.new(2000, 2, 30, 0, 0, 0))
IO.inspect(NaiveDateTime.new(2001, 2, 29, 0, 0, 0))
IO.inspect(NaiveDateTime.new(2000, 1, 1, 23, 59, 59, {0, 1}))
IO.inspect(NaiveDateTime.new(2000, 1, 1, 23, 59, 59, 999_999))
IO.inspect(NaiveDateTime.new(2000, 1, 1, 24, 59, 59, 999_999))
IO.inspect(NaiveDateTime.new(2000, 1, 1, 23, 60, 59, 999_999))
IO.inspect(NaiveDateTime.new(2000, 1, 1, 23, 59, 60, 999_999))
IO.inspect(NaiveDateTime.new(2000, 1, 1, 23, 59, 59, 1_000_000))
IO.inspect(NaiveDateTime.new(2000, 1, 1, 23, 59, 59, {0, 1}, Calendar.ISO))
# NaiveDateTime.new!/2
IO.inspect(NaiveDateTime.new!(~D[2010-01-13], ~T[23:00:07.005]))
# NaiveDateTime.new!/8
IO.inspect(NaiveDateTime.new!(2000, 1, 1, 0, 0, 0))
IO.inspect(NaiveDateTime.new!(2000, 2, 29, 0, 0, 0))
IO.inspect(NaiveDateTime.new!(2000, 1, 1, 23, 59, 59, {0, 1}))
IO.inspect(NaiveDateTime.new!(2000, 1, 1, 23, 59, 59, 999_999))
IO.inspect(NaiveDateTime.new!(2000, 1, 1, 23, 59, 59, {0, 1}, Calendar.ISO))
try do
  IO.inspect(NaiveDateTime.new!(2000, 1, 1, 24, 59, 59, 999_999))
rescue
  e -> IO.puts("** (" <> inspect(e.__struct__) <> ") " <> Exception.message(e))
end
# NaiveDateTime.to_date/1
IO.inspect(NaiveDateTime.to_date(~N[2002-01-13 23:00:07]))
# NaiveDateTime.to_erl/1
IO.inspect(NaiveDateTime.to_erl(~N[2000-01-01 13:30:15]))
IO.inspect(dt = %DateTime{year: 2000, month: 2, day: 29, zone_abbr: "CET",
hour: 23, minute: 0, second: 7, microsecond: {0, 0},
utc_offset: 3600, std_offset: 0, time_zone: "Europe/Warsaw"})
IO.inspect(NaiveDateTime.to_erl(dt))
# NaiveDateTime.to_gregorian_seconds/1
IO.inspect(NaiveDateTime.to_gregorian_seconds(~N[0000-01-01 00:00:01]))
IO.inspect(NaiveDateTime.to_gregorian_seconds(~N[2020-05-01 00:26:31.005]))
# NaiveDateTime.to_iso8601/2
IO.inspect(NaiveDateTime.to_iso8601(~N[2000-02-28 23:00:13]))
IO.inspect(NaiveDateTime.to_iso8601(~N[2000-02-28 23:00:13.001]))
IO.inspect(NaiveDateTime.to_iso8601(~N[2000-02-28 23:00:13.001], :basic))
IO.inspect(dt = %DateTime{year: 2000, month: 2, day: 29, zone_abbr: "CET",
hour: 23, minute: 0, second: 7, microsecond: {0, 0},
utc_offset: 3600, std_offset: 0, time_zone: "Europe/Warsaw"})
IO.inspect(NaiveDateTime.to_iso8601(dt))
# NaiveDateTime.to_string/1
IO.inspect(NaiveDateTime.to_string(~N[2000-02-28 23:00:13]))
IO.inspect(NaiveDateTime.to_string(~N[2000-02-28 23:00:13.001]))
IO.inspect(NaiveDateTime.to_string(~N[-0100-12-15 03:20:31]))
IO.inspect(dt = %DateTime{year: 2000, month: 2, day: 29, zone_abbr: "CET",
hour: 23, minute: 0, second: 7, microsecond: {0, 0},
utc_offset: 3600, std_offset: 0, time_zone: "Europe/Warsaw"})
IO.inspect(NaiveDateTime.to_string(dt))
# NaiveDateTime.to_time/1
IO.inspect(NaiveDateTime.to_time(~N[2002-01-13 23:00:07]))
# NaiveDateTime.truncate/2
IO.inspect(NaiveDateTime.truncate(~N[2017-11-06 00:23:51.123456], :microsecond))
IO.inspect(NaiveDateTime.truncate(~N[2017-11-06 00:23:51.123456], :millisecond))
IO.inspect(NaiveDateTime.truncate(~N[2017-11-06 00:23:51.123456], :second))
# NaiveDateTime.utc_now/1
naive_datetime = NaiveDateTime.utc_now()
IO.inspect(naive_datetime.year >= 2016)

