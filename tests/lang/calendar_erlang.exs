# Erlang's :calendar basics, and how they agree with Elixir's Date/DateTime.
IO.inspect :calendar.date_to_gregorian_days(2024, 1, 2)
IO.inspect :calendar.date_to_gregorian_days({0, 1, 1})
IO.inspect :calendar.gregorian_days_to_date(739_252)
IO.inspect :calendar.gregorian_days_to_date(0)
IO.inspect :calendar.datetime_to_gregorian_seconds({{2024, 1, 2}, {3, 4, 5}})
IO.inspect :calendar.gregorian_seconds_to_datetime(63_871_801_445)
IO.inspect :calendar.gregorian_seconds_to_datetime(62_167_219_200)
IO.inspect Enum.map(1..7, &:calendar.day_of_the_week(2024, 1, &1))
IO.inspect :calendar.day_of_the_week({2000, 2, 29})
IO.inspect Enum.map([1900, 2000, 2023, 2024], &:calendar.is_leap_year/1)
IO.inspect Enum.map(1..12, &:calendar.last_day_of_the_month(2024, &1))
IO.inspect :calendar.valid_date(2023, 2, 29)
IO.inspect :calendar.valid_date({2024, 2, 29})
IO.inspect :calendar.valid_date(2024, 13, 1)
IO.inspect :calendar.now_to_universal_time({1704, 164_645, 678_901})
IO.inspect :calendar.time_to_seconds({1, 2, 3})
IO.inspect :calendar.seconds_to_time(3723)
IO.inspect :calendar.seconds_to_daystime(90_061)
IO.inspect :calendar.system_time_to_rfc3339(1_704_164_645, offset: 'Z')
IO.inspect :calendar.system_time_to_rfc3339(1_704_164_645_678, unit: :millisecond, offset: '+01:00')
IO.inspect :calendar.system_time_to_rfc3339(1_704_164_645_678_901, unit: :microsecond, offset: '-02:30', time_designator: ?\s)
IO.inspect :calendar.system_time_to_rfc3339(1_704_164_645, offset: 3600)
IO.inspect :calendar.date_to_gregorian_days(2024, 1, 2) == Date.to_gregorian_days(~D[2024-01-02])
IO.inspect :calendar.datetime_to_gregorian_seconds(NaiveDateTime.to_erl(~N[2024-01-02 03:04:05])) ==
  elem(NaiveDateTime.to_gregorian_seconds(~N[2024-01-02 03:04:05]), 0)
IO.inspect NaiveDateTime.from_erl!(:calendar.gregorian_seconds_to_datetime(63_871_801_445))
{{y, mo, d}, {h, mi, s}} = :calendar.universal_time()
IO.inspect {y >= 2024, mo in 1..12, d in 1..31, h in 0..23, mi in 0..59, s in 0..59}
{{y, _, _}, {_, _, _}} = :calendar.local_time()
IO.inspect y >= 2024
IO.inspect is_integer(:os.system_time(:second)) and :os.system_time(:second) > 1_700_000_000
IO.inspect div(System.os_time(:millisecond), 1000) - System.system_time(:second) in -1..1
