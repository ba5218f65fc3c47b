# The iex> examples of the documentation of Date (Elixir 1.14, Code.fetch_docs/1),
# each expression inspected; examples needing another calendar or time zone
# database than Calendar.ISO with Calendar.UTCOnlyTimeZoneDatabase left out.
# Date.add/2
IO.inspect(Date.add(~D[2000-01-03], -2))
IO.inspect(Date.add(~D[2000-01-01], 2))
IO.inspect(Date.add(~N[2000-01-01 09:00:00], 2))
IO.inspect(Date.add(~D[-0010-01-01], -2))
# Date.beginning_of_month/1
IO.inspect(Date.beginning_of_month(~D[2000-01-31]))
IO.inspect(Date.beginning_of_month(~D[2000-01-01]))
IO.inspect(Date.beginning_of_month(~N[2000-01-31 01:23:45]))
# Date.beginning_of_week/2
IO.inspect(Date.beginning_of_week(~D[2020-07-11]))
IO.inspect(Date.beginning_of_week(~D[2020-07-06]))
IO.inspect(Date.beginning_of_week(~D[2020-07-11], :sunday))
IO.inspect(Date.beginning_of_week(~D[2020-07-11], :saturday))
IO.inspect(Date.beginning_of_week(~N[2020-07-11 01:23:45]))
# Date.compare/2
IO.inspect(Date.compare(~D[2016-04-16], ~D[2016-04-28]))
IO.inspect(Date.compare(~D[2016-04-16], ~N[2016-04-28 01:23:45]))
IO.inspect(Date.compare(~D[2016-04-16], ~N[2016-04-16 01:23:45]))
IO.inspect(Date.compare(~N[2016-04-16 12:34:56], ~N[2016-04-16 01:23:45]))
# Date.convert/2
# Date.convert!/2
# Date.day_of_era/1
IO.inspect(Date.day_of_era(~D[0001-01-01]))
IO.inspect(Date.day_of_era(~D[0000-12-31]))
# Date.day_of_week/2
IO.inspect(Date.day_of_week(~D[2016-10-31]))
IO.inspect(Date.day_of_week(~D[2016-11-01]))
IO.inspect(Date.day_of_week(~N[2016-11-01 01:23:45]))
IO.inspect(Date.day_of_week(~D[-0015-10-30]))
IO.inspect(Date.day_of_week(~D[2016-10-31], :sunday))
IO.inspect(Date.day_of_week(~D[2016-11-01], :sunday))
IO.inspect(Date.day_of_week(~N[2016-11-01 01:23:45], :sunday))
IO.inspect(Date.day_of_week(~D[-0015-10-30], :sunday))
# Date.day_of_year/1
IO.inspect(Date.day_of_year(~D[2016-01-01]))
IO.inspect(Date.day_of_year(~D[2016-11-01]))
IO.inspect(Date.day_of_year(~D[-0015-10-30]))
IO.inspect(Date.day_of_year(~D[2004-12-31]))
# Date.days_in_month/1
IO.inspect(Date.days_in_month(~D[1900-01-13]))
IO.inspect(Date.days_in_month(~D[1900-02-09]))
IO.inspect(Date.days_in_month(~N[2000-02-20 01:23:45]))
# Date.diff/2
IO.inspect(Date.diff(~D[2000-01-03], ~D[2000-01-01]))
IO.inspect(Date.diff(~D[2000-01-01], ~D[2000-01-03]))
IO.inspect(Date.diff(~D[0000-01-02], ~D[-0001-12-30]))
IO.inspect(Date.diff(~D[2000-01-01], ~N[2000-01-03 09:00:00]))
# Date.end_of_month/1
IO.inspect(Date.end_of_month(~D[2000-01-01]))
IO.inspect(Date.end_of_month(~D[2000-01-31]))
IO.inspect(Date.end_of_month(~N[2000-01-01 01:23:45]))
# Date.end_of_week/2
IO.inspect(Date.end_of_week(~D[2020-07-11]))
IO.inspect(Date.end_of_week(~D[2020-07-05]))
IO.inspect(Date.end_of_week(~D[2020-07-06], :sunday))
IO.inspect(Date.end_of_week(~D[2020-07-06], :saturday))
IO.inspect(Date.end_of_week(~N[2020-07-11 01:23:45]))
# Date.from_erl/2
IO.inspect(Date.from_erl({2000, 1, 1}))
IO.inspect(Date.from_erl({2000, 13, 1}))
# Date.from_erl!/2
IO.inspect(Date.from_erl!({2000, 1, 1}))
try do
  IO.inspect(Date.from_erl!({2000, 13, 1}))
rescue
  e -> IO.puts("** (" <> inspect(e.__struct__) <> ") " <> Exception.message(e))
end
# Date.from_gregorian_days/2
IO.inspect(Date.from_gregorian_days(1))
IO.inspect(Date.from_gregorian_days(730_485))
IO.inspect(Date.from_gregorian_days(-1))
# Date.from_iso8601/2
IO.inspect(Date.from_iso8601("2015-01-23"))
IO.inspect(Date.from_iso8601("2015:01:23"))
IO.inspect(Date.from_iso8601("2015-01-32"))
# Date.from_iso8601!/2
IO.inspect(Date.from_iso8601!("2015-01-23"))
try do
  IO.inspect(Date.from_iso8601!("2015:01:23"))
rescue
  e -> IO.puts("** (" <> inspect(e.__struct__) <> ") " <> Exception.message(e))
end
# Date.leap_year?/1
IO.inspect(Date.leap_year?(~D[2000-01-01]))
IO.inspect(Date.leap_year?(~D[2001-01-01]))
IO.inspect(Date.leap_year?(~D[2004-01-01]))
IO.inspect(Date.leap_year?(~D[1900-01-01]))
IO.inspect(Date.leap_year?(~N[2004-01-01 01:23:45]))
# Date.months_in_year/1
IO.inspect(Date.months_in_year(~D[1900-01-13]))
# Date.new/4
IO.inspect(Date.new(2000, 1, 1))
IO.inspect(Date.new(2000, 13, 1))
IO.inspect(Date.new(2000, 2, 29))
IO.inspect(Date.new(2000, 2, 30))
IO.inspect(Date.new(2001, 2, 29))
# Date.new!/4
IO.inspect(Date.new!(2000, 1, 1))
try do
  IO.inspect(Date.new!(2000, 13, 1))
rescue
  e -> IO.puts("** (" <> inspect(e.__struct__) <> ") " <> Exception.message(e))
end
IO.inspect(Date.new!(2000, 2, 29))
# Date.quarter_of_year/1
IO.inspect(Date.quarter_of_year(~D[2016-10-31]))
IO.inspect(Date.quarter_of_year(~D[2016-01-01]))
IO.inspect(Date.quarter_of_year(~N[2016-04-01 01:23:45]))
IO.inspect(Date.quarter_of_year(~D[-0015-09-30]))
# Date.range/2
IO.inspect(Date.range(~D[1999-01-01], ~D[2000-01-01]))
range = Date.range(~D[2001-01-01], ~D[2002-01-01])
IO.inspect(range)
IO.inspect(Enum.count(range))
IO.inspect(~D[2001-02-01] in range)
IO.inspect(Enum.take(range, 3))
# Date.range/3
range = Date.range(~D[2001-01-01], ~D[2002-01-01], 2)
IO.inspect(range)
IO.inspect(Enum.count(range))
IO.inspect(~D[2001-01-03] in range)
IO.inspect(Enum.take(range, 3))
# Date.to_erl/1
IO.inspect(Date.to_erl(~D[2000-01-01]))
IO.inspect(Date.to_erl(~N[2000-01-01 00:00:00]))
# Date.to_gregorian_days/1
IO.inspect(Date.to_gregorian_days(~D[0000-01-02]))
IO.inspect(Date.to_gregorian_days(~D[2000-01-01]))
IO.inspect(Date.to_gregorian_days(~N[2000-01-01 00:00:00]))
# Date.to_iso8601/2
IO.inspect(Date.to_iso8601(~D[2000-02-28]))
IO.inspect(Date.to_iso8601(~D[2000-02-28], :basic))
IO.inspect(Date.to_iso8601(~N[2000-02-28 00:00:00]))
# Date.to_string/1
IO.inspect(Date.to_string(~D[2000-02-28]))
IO.inspect(Date.to_string(~N[2000-02-28 01:23:45]))
IO.inspect(Date.to_string(~D[-0100-12-15]))
# Date.utc_today/1
date = Date.utc_today()
IO.inspect(date.year >= 2016)
# Date.year_of_era/1
IO.inspect(Date.year_of_era(~D[0001-01-01]))
IO.inspect(Date.year_of_era(~D[0000-12-31]))
IO.inspect(Date.year_of_era(~D[-0001-01-01]))

