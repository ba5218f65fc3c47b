# The iex> examples of the documentation of Calendar.ISO (Elixir 1.14, Code.fetch_docs/1),
# each expression inspected; examples needing another calendar or time zone
# database than Calendar.ISO with Calendar.UTCOnlyTimeZoneDatabase left out.
# Calendar.ISO.date_to_string/4
IO.inspect(Calendar.ISO.date_to_string(2015, 2, 28))
IO.inspect(Calendar.ISO.date_to_string(2017, 8, 1))
IO.inspect(Calendar.ISO.date_to_string(-99, 1, 31))
IO.inspect(Calendar.ISO.date_to_string(2015, 2, 28, :basic))
IO.inspect(Calendar.ISO.date_to_string(-99, 1, 31, :basic))
# Calendar.ISO.datetime_to_string/12
time_zone = "Etc/UTC"
IO.inspect(Calendar.ISO.datetime_to_string(2017, 8, 1, 1, 2, 3, {4, 5}, time_zone, "UTC", 0, 0))
IO.inspect(Calendar.ISO.datetime_to_string(2017, 8, 1, 1, 2, 3, {4, 5}, time_zone, "UTC", 3600, 0))
IO.inspect(Calendar.ISO.datetime_to_string(2017, 8, 1, 1, 2, 3, {4, 5}, time_zone, "UTC", 3600, 3600))
time_zone = "Europe/Berlin"
IO.inspect(Calendar.ISO.datetime_to_string(2017, 8, 1, 1, 2, 3, {4, 5}, time_zone, "CET", 3600, 0))
IO.inspect(Calendar.ISO.datetime_to_string(2017, 8, 1, 1, 2, 3, {4, 5}, time_zone, "CDT", 3600, 3600))
time_zone = "America/Los_Angeles"
IO.inspect(Calendar.ISO.datetime_to_string(2015, 2, 28, 1, 2, 3, {4, 5}, time_zone, "PST", -28800, 0))
IO.inspect(Calendar.ISO.datetime_to_string(2015, 2, 28, 1, 2, 3, {4, 5}, time_zone, "PDT", -28800, 3600))
time_zone = "Europe/Berlin"
IO.inspect(Calendar.ISO.datetime_to_string(2017, 8, 1, 1, 2, 3, {4, 5}, time_zone, "CET", 3600, 0, :basic))
# Calendar.ISO.day_of_era/3
IO.inspect(Calendar.ISO.day_of_era(0, 1, 1))
IO.inspect(Calendar.ISO.day_of_era(1, 1, 1))
IO.inspect(Calendar.ISO.day_of_era(0, 12, 31))
IO.inspect(Calendar.ISO.day_of_era(0, 12, 30))
IO.inspect(Calendar.ISO.day_of_era(-1, 12, 31))
# Calendar.ISO.day_of_week/4
IO.inspect(Calendar.ISO.day_of_week(2016, 10, 31, :monday))
IO.inspect(Calendar.ISO.day_of_week(2016, 11, 1, :monday))
IO.inspect(Calendar.ISO.day_of_week(2016, 11, 2, :monday))
IO.inspect(Calendar.ISO.day_of_week(2016, 11, 3, :monday))
IO.inspect(Calendar.ISO.day_of_week(2016, 11, 4, :monday))
IO.inspect(Calendar.ISO.day_of_week(2016, 11, 5, :monday))
IO.inspect(Calendar.ISO.day_of_week(2016, 11, 6, :monday))
IO.inspect(Calendar.ISO.day_of_week(-99, 1, 31, :monday))
IO.inspect(Calendar.ISO.day_of_week(2016, 10, 31, :sunday))
IO.inspect(Calendar.ISO.day_of_week(2016, 11, 1, :sunday))
IO.inspect(Calendar.ISO.day_of_week(2016, 11, 2, :sunday))
IO.inspect(Calendar.ISO.day_of_week(2016, 11, 3, :sunday))
IO.inspect(Calendar.ISO.day_of_week(2016, 11, 4, :sunday))
IO.inspect(Calendar.ISO.day_of_week(2016, 11, 5, :sunday))
IO.inspect(Calendar.ISO.day_of_week(2016, 11, 6, :sunday))
IO.inspect(Calendar.ISO.day_of_week(-99, 1, 31, :sunday))
IO.inspect(Calendar.ISO.day_of_week(2016, 10, 31, :saturday))
# Calendar.ISO.day_of_year/3
IO.inspect(Calendar.ISO.day_of_year(2016, 1, 31))
IO.inspect(Calendar.ISO.day_of_year(-99, 2, 1))
IO.inspect(Calendar.ISO.day_of_year(2018, 2, 28))
# Calendar.ISO.days_in_month/2
IO.inspect(Calendar.ISO.days_in_month(1900, 1))
IO.inspect(Calendar.ISO.days_in_month(1900, 2))
IO.inspect(Calendar.ISO.days_in_month(2000, 2))
IO.inspect(Calendar.ISO.days_in_month(2001, 2))
IO.inspect(Calendar.ISO.days_in_month(2004, 2))
IO.inspect(Calendar.ISO.days_in_month(2004, 4))
IO.inspect(Calendar.ISO.days_in_month(-1, 5))
# Calendar.ISO.leap_year?/1
IO.inspect(Calendar.ISO.leap_year?(2000))
IO.inspect(Calendar.ISO.leap_year?(2001))
IO.inspect(Calendar.ISO.leap_year?(2004))
IO.inspect(Calendar.ISO.leap_year?(1900))
IO.inspect(Calendar.ISO.leap_year?(-4))
# Calendar.ISO.months_in_year/1
IO.inspect(Calendar.ISO.months_in_year(2004))
# Calendar.ISO.naive_datetime_from_iso_days/1
IO.inspect(Calendar.ISO.naive_datetime_from_iso_days({0, {0, 86400}}))
IO.inspect(Calendar.ISO.naive_datetime_from_iso_days({730_485, {0, 86400}}))
IO.inspect(Calendar.ISO.naive_datetime_from_iso_days({730_485, {43200, 86400}}))
IO.inspect(Calendar.ISO.naive_datetime_from_iso_days({-365, {0, 86400000000}}))
# Calendar.ISO.naive_datetime_to_iso_days/7
IO.inspect(Calendar.ISO.naive_datetime_to_iso_days(0, 1, 1, 0, 0, 0, {0, 6}))
IO.inspect(Calendar.ISO.naive_datetime_to_iso_days(2000, 1, 1, 12, 0, 0, {0, 6}))
IO.inspect(Calendar.ISO.naive_datetime_to_iso_days(2000, 1, 1, 13, 0, 0, {0, 6}))
IO.inspect(Calendar.ISO.naive_datetime_to_iso_days(-1, 1, 1, 0, 0, 0, {0, 6}))
# Calendar.ISO.naive_datetime_to_string/8
IO.inspect(Calendar.ISO.naive_datetime_to_string(2015, 2, 28, 1, 2, 3, {4, 6}))
IO.inspect(Calendar.ISO.naive_datetime_to_string(2017, 8, 1, 1, 2, 3, {4, 5}))
IO.inspect(Calendar.ISO.naive_datetime_to_string(2015, 2, 28, 1, 2, 3, {4, 6}, :basic))
# Calendar.ISO.parse_date/1
IO.inspect(Calendar.ISO.parse_date("2015-01-23"))
IO.inspect(Calendar.ISO.parse_date("2015:01:23"))
IO.inspect(Calendar.ISO.parse_date("2015-01-32"))
# Calendar.ISO.parse_date/2
IO.inspect(Calendar.ISO.parse_date("20150123", :basic))
IO.inspect(Calendar.ISO.parse_date("20150123", :extended))
# Calendar.ISO.parse_naive_datetime/1
IO.inspect(Calendar.ISO.parse_naive_datetime("2015-01-23 23:50:07"))
IO.inspect(Calendar.ISO.parse_naive_datetime("2015-01-23 23:50:07Z"))
IO.inspect(Calendar.ISO.parse_naive_datetime("2015-01-23 23:50:07-02:30"))
IO.inspect(Calendar.ISO.parse_naive_datetime("2015-01-23 23:50:07.0"))
IO.inspect(Calendar.ISO.parse_naive_datetime("2015-01-23 23:50:07,0123456"))
# Calendar.ISO.parse_naive_datetime/2
IO.inspect(Calendar.ISO.parse_naive_datetime("20150123 235007", :basic))
IO.inspect(Calendar.ISO.parse_naive_datetime("20150123 235007", :extended))
# Calendar.ISO.parse_time/1
IO.inspect(Calendar.ISO.parse_time("23:50:07"))
IO.inspect(Calendar.ISO.parse_time("23:50:07Z"))
IO.inspect(Calendar.ISO.parse_time("T23:50:07Z"))
# Calendar.ISO.parse_time/2
IO.inspect(Calendar.ISO.parse_time("235007", :basic))
IO.inspect(Calendar.ISO.parse_time("235007", :extended))
# Calendar.ISO.parse_utc_datetime/1
IO.inspect(Calendar.ISO.parse_utc_datetime("2015-01-23 23:50:07Z"))
IO.inspect(Calendar.ISO.parse_utc_datetime("2015-01-23 23:50:07+02:30"))
IO.inspect(Calendar.ISO.parse_utc_datetime("2015-01-23 23:50:07"))
# Calendar.ISO.parse_utc_datetime/2
IO.inspect(Calendar.ISO.parse_utc_datetime("20150123 235007Z", :basic))
IO.inspect(Calendar.ISO.parse_utc_datetime("20150123 235007Z", :extended))
# Calendar.ISO.quarter_of_year/3
IO.inspect(Calendar.ISO.quarter_of_year(2016, 1, 31))
IO.inspect(Calendar.ISO.quarter_of_year(2016, 4, 3))
IO.inspect(Calendar.ISO.quarter_of_year(-99, 9, 31))
IO.inspect(Calendar.ISO.quarter_of_year(2018, 12, 28))
# Calendar.ISO.time_from_day_fraction/1
IO.inspect(Calendar.ISO.time_from_day_fraction({1, 2}))
IO.inspect(Calendar.ISO.time_from_day_fraction({13, 24}))
# Calendar.ISO.time_to_day_fraction/4
IO.inspect(Calendar.ISO.time_to_day_fraction(0, 0, 0, {0, 6}))
IO.inspect(Calendar.ISO.time_to_day_fraction(12, 34, 56, {123, 6}))
# Calendar.ISO.time_to_string/5
IO.inspect(Calendar.ISO.time_to_string(2, 2, 2, {2, 6}))
IO.inspect(Calendar.ISO.time_to_string(2, 2, 2, {2, 2}))
IO.inspect(Calendar.ISO.time_to_string(2, 2, 2, {2, 0}))
IO.inspect(Calendar.ISO.time_to_string(2, 2, 2, {2, 6}, :basic))
IO.inspect(Calendar.ISO.time_to_string(2, 2, 2, {2, 6}, :extended))
# Calendar.ISO.valid_date?/3
IO.inspect(Calendar.ISO.valid_date?(2015, 2, 28))
IO.inspect(Calendar.ISO.valid_date?(2015, 2, 30))
IO.inspect(Calendar.ISO.valid_date?(-1, 12, 31))
IO.inspect(Calendar.ISO.valid_date?(-1, 12, 32))
# Calendar.ISO.valid_time?/4
IO.inspect(Calendar.ISO.valid_time?(10, 50, 25, {3006, 6}))
IO.inspect(Calendar.ISO.valid_time?(23, 59, 60, {0, 0}))
IO.inspect(Calendar.ISO.valid_time?(24, 0, 0, {0, 0}))
# Calendar.ISO.year_of_era/1
IO.inspect(Calendar.ISO.year_of_era(1))
IO.inspect(Calendar.ISO.year_of_era(2018))
IO.inspect(Calendar.ISO.year_of_era(0))
IO.inspect(Calendar.ISO.year_of_era(-1))
# Calendar.ISO.year_of_era/3
IO.inspect(Calendar.ISO.year_of_era(1, 1, 1))
IO.inspect(Calendar.ISO.year_of_era(2018, 12, 1))
IO.inspect(Calendar.ISO.year_of_era(0, 1, 1))
IO.inspect(Calendar.ISO.year_of_era(-1, 12, 1))

