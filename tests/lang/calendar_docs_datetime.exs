# The iex> examples of the documentation of DateTime (Elixir 1.14, Code.fetch_docs/1),
# each expression inspected; examples needing another calendar or time zone
# database than Calendar.ISO with Calendar.UTCOnlyTimeZoneDatabase left out.
# DateTime.add/4
IO.inspect(DateTime.add(~U[2018-11-15 10:00:00Z], 3600, :second))
# DateTime.compare/2
IO.inspect(dt1 = %DateTime{year: 2000, month: 2, day: 29, zone_abbr: "AMT",
hour: 23, minute: 0, second: 7, microsecond: {0, 0},
utc_offset: -14400, std_offset: 0, time_zone: "America/Manaus"})
IO.inspect(dt2 = %DateTime{year: 2000, month: 2, day: 29, zone_abbr: "CET",
hour: 23, minute: 0, second: 7, microsecond: {0, 0},
utc_offset: 3600, std_offset: 0, time_zone: "Europe/Warsaw"})
IO.inspect(DateTime.compare(dt1, dt2))
# DateTime.diff/3
IO.inspect(dt1 = %DateTime{year: 2000, month: 2, day: 29, zone_abbr: "AMT",
hour: 23, minute: 0, second: 7, microsecond: {0, 0},
utc_offset: -14400, std_offset: 0, time_zone: "America/Manaus"})
IO.inspect(dt2 = %DateTime{year: 2000, month: 2, day: 29, zone_abbr: "CET",
hour: 23, minute: 0, second: 7, microsecond: {0, 0},
utc_offset: 3600, std_offset: 0, time_zone: "Europe/Warsaw"})
IO.inspect(DateTime.diff(dt1, dt2))
IO.inspect(DateTime.diff(dt2, dt1))
IO.inspect(DateTime.diff(dt1, dt2, :hour))
IO.inspect(DateTime.diff(dt2, dt1, :hour))
# DateTime.from_gregorian_seconds/3
IO.inspect(DateTime.from_gregorian_seconds(1))
IO.inspect(DateTime.from_gregorian_seconds(63_755_511_991, {5000, 3}))
IO.inspect(DateTime.from_gregorian_seconds(-1))
# DateTime.from_iso8601/2
IO.inspect({:ok, datetime, 0} = DateTime.from_iso8601("2015-01-23T23:50:07Z"))
IO.inspect(datetime)
IO.inspect({:ok, datetime, 9000} = DateTime.from_iso8601("2015-01-23T23:50:07.123+02:30"))
IO.inspect(datetime)
IO.inspect({:ok, datetime, 9000} = DateTime.from_iso8601("2015-01-23T23:50:07,123+02:30"))
IO.inspect(datetime)
IO.inspect({:ok, datetime, 0} = DateTime.from_iso8601("-2015-01-23T23:50:07Z"))
IO.inspect(datetime)
IO.inspect({:ok, datetime, 9000} = DateTime.from_iso8601("-2015-01-23T23:50:07,123+02:30"))
IO.inspect(datetime)
IO.inspect({:ok, datetime, 9000} = DateTime.from_iso8601("20150123T235007.123+0230", :basic))
IO.inspect(datetime)
IO.inspect(DateTime.from_iso8601("2015-01-23P23:50:07"))
IO.inspect(DateTime.from_iso8601("2015-01-23T23:50:07"))
IO.inspect(DateTime.from_iso8601("2015-01-23 23:50:61"))
IO.inspect(DateTime.from_iso8601("2015-01-32 23:50:07"))
IO.inspect(DateTime.from_iso8601("2015-01-23T23:50:07.123-00:00"))
# DateTime.from_iso8601/3
IO.inspect({:ok, datetime, 9000} = DateTime.from_iso8601("2015-01-23T23:50:07,123+02:30", Calendar.ISO, :extended))
IO.inspect(datetime)
IO.inspect({:ok, datetime, 9000} = DateTime.from_iso8601("20150123T235007.123+0230", Calendar.ISO, :basic))
IO.inspect(datetime)
# DateTime.from_naive/3
IO.inspect(DateTime.from_naive(~N[2016-05-24 13:26:08.003], "Etc/UTC"))
# DateTime.from_naive!/3
IO.inspect(DateTime.from_naive!(~N[2016-05-24 13:26:08.003], "Etc/UTC"))
# DateTime.from_unix/3
IO.inspect({:error, :invalid_unix_time} = DateTime.from_unix(253_402_300_800))
IO.inspect({:error, :invalid_unix_time} = DateTime.from_unix(-377_705_116_801))
# DateTime.from_unix!/3
IO.inspect(DateTime.from_unix!(0))
IO.inspect(DateTime.from_unix!(1_464_096_368))
IO.inspect(DateTime.from_unix!(1_432_560_368_868_569, :microsecond))
IO.inspect(DateTime.from_unix!(143_256_036_886_856, 1024))
# DateTime.new/4
IO.inspect(DateTime.new(~D[2016-05-24], ~T[13:26:08.003], "Etc/UTC"))
# DateTime.new!/4
IO.inspect(DateTime.new!(~D[2016-05-24], ~T[13:26:08.003], "Etc/UTC"))
# DateTime.now/2
IO.inspect(DateTime.now("Europe/Copenhagen"))
# DateTime.now!/2
try do
  IO.inspect(DateTime.now!("Europe/Copenhagen"))
rescue
  e -> IO.puts("** (" <> inspect(e.__struct__) <> ") " <> Exception.message(e))
end
# DateTime.shift_zone/3
# DateTime.shift_zone!/3
# DateTime.to_date/1
# DateTime.to_gregorian_seconds/1
# DateTime.to_iso8601/3
# DateTime.to_naive/1
# DateTime.to_string/1
# DateTime.to_time/1
# DateTime.to_unix/2
IO.inspect(1_464_096_368 |> DateTime.from_unix!() |> DateTime.to_unix())
IO.inspect(flamel = %DateTime{calendar: Calendar.ISO, day: 22, hour: 8, microsecond: {527771, 6},
minute: 2, month: 3, second: 25, std_offset: 0, time_zone: "Etc/UTC",
utc_offset: 0, year: 1418, zone_abbr: "UTC"})
IO.inspect(DateTime.to_unix(flamel))
# DateTime.truncate/2
IO.inspect(dt1 = %DateTime{year: 2017, month: 11, day: 7, zone_abbr: "CET",
hour: 11, minute: 45, second: 18, microsecond: {123456, 6},
utc_offset: 3600, std_offset: 0, time_zone: "Europe/Paris"})
IO.inspect(DateTime.truncate(dt1, :microsecond))
IO.inspect(dt2 = %DateTime{year: 2017, month: 11, day: 7, zone_abbr: "CET",
hour: 11, minute: 45, second: 18, microsecond: {123456, 6},
utc_offset: 3600, std_offset: 0, time_zone: "Europe/Paris"})
IO.inspect(DateTime.truncate(dt2, :millisecond))
IO.inspect(dt3 = %DateTime{year: 2017, month: 11, day: 7, zone_abbr: "CET",
hour: 11, minute: 45, second: 18, microsecond: {123456, 6},
utc_offset: 3600, std_offset: 0, time_zone: "Europe/Paris"})
IO.inspect(DateTime.truncate(dt3, :second))
# DateTime.utc_now/1
