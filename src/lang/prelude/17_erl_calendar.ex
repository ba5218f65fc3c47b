# Erlang's :calendar, the common part (universal_time/0 and local_time/0
# are BIFs): Gregorian days and seconds counted from year 0, as OTP's.
defmodule :calendar do
  def date_to_gregorian_days({year, month, day}), do: date_to_gregorian_days(year, month, day)
  def date_to_gregorian_days(year, month, day) when is_integer(year) and year >= 0 and is_integer(day) and day > 0 do
    if day <= last_day_of_the_month(year, month) do
      Calendar.ISO.date_to_iso_days(year, month, day)
    else
      :erlang.error(:if_clause)
    end
  end

  def gregorian_days_to_date(days) when is_integer(days) and days >= 0, do: Calendar.ISO.date_from_iso_days(days)

  def datetime_to_gregorian_seconds({date, {h, m, s}}) when is_integer(h) and is_integer(m) and is_integer(s),
    do: date_to_gregorian_days(date) * 86400 + h * 3600 + m * 60 + s

  def gregorian_seconds_to_datetime(seconds) when is_integer(seconds) and seconds >= 0 do
    days = div(seconds, 86400)
    {gregorian_days_to_date(days), seconds_to_time(rem(seconds, 86400))}
  end

  def time_to_seconds({h, m, s}), do: h * 3600 + m * 60 + s
  def seconds_to_time(secs) when is_integer(secs) and secs >= 0 and secs < 86400,
    do: {div(secs, 3600), div(rem(secs, 3600), 60), rem(secs, 60)}
  def seconds_to_daystime(secs) when is_integer(secs) do
    days = Integer.floor_div(secs, 86400)
    {days, seconds_to_time(secs - days * 86400)}
  end

  def day_of_the_week({year, month, day}), do: day_of_the_week(year, month, day)
  def day_of_the_week(year, month, day) when is_integer(year) and is_integer(month) and is_integer(day),
    do: rem(date_to_gregorian_days(year, month, day) + 5, 7) + 1

  def is_leap_year(year) when is_integer(year) and year >= 0, do: Calendar.ISO.leap_year?(year)

  def last_day_of_the_month(year, month) when is_integer(year) and year >= 0 and is_integer(month) and month > 0 and
                                                month < 13,
    do: Calendar.ISO.days_in_month(year, month)

  def valid_date({year, month, day}), do: valid_date(year, month, day)
  def valid_date(year, month, day) when is_integer(year) and is_integer(month) and is_integer(day) do
    year >= 0 and month >= 1 and month <= 12 and day >= 1 and day <= Calendar.ISO.days_in_month(year, month)
  end

  def now_to_universal_time({mega, secs, micro}) do
    gregorian_seconds_to_datetime(mega * 1_000_000 + secs + div(micro, 1_000_000) + 62_167_219_200)
  end
  def now_to_datetime(now), do: now_to_universal_time(now)

  def system_time_to_universal_time(time, unit) do
    seconds = Integer.floor_div(:erlang.convert_time_unit(time, unit, :microsecond), 1_000_000)
    gregorian_seconds_to_datetime(seconds + 62_167_219_200)
  end

  # RFC 3339 text of a system time: options unit (default :second), offset
  # ("Z", "+HH:MM" or an integer in the unit; local time by default) and
  # time_designator (default ?T).
  def system_time_to_rfc3339(time), do: system_time_to_rfc3339(time, [])
  def system_time_to_rfc3339(time, options) when is_integer(time) and is_list(options) do
    unit = :proplists.get_value(:unit, options, :second)
    designator = :proplists.get_value(:time_designator, options, ?T)
    {offset_text, offset_units} = rfc3339_offset(:proplists.get_value(:offset, options, ''), unit)
    local = time + offset_units
    per_second = :erlang.convert_time_unit(1, :second, unit)
    secs = Integer.floor_div(local, per_second)
    frac = local - secs * per_second
    {{y, mo, d}, {h, mi, s}} = gregorian_seconds_to_datetime(secs + 62_167_219_200)
    digits = fraction_digits(unit)
    fraction = if digits == 0, do: "", else: "." <> pad(frac, digits)
    text = pad(y, 4) <> "-" <> pad(mo, 2) <> "-" <> pad(d, 2) <>
      <<designator>> <> pad(h, 2) <> ":" <> pad(mi, 2) <> ":" <>
      pad(s, 2) <> fraction <> offset_text
    String.to_charlist(text)
  end

  defp pad(n, width), do: String.pad_leading(Integer.to_string(n), width, "0")

  defp fraction_digits(:second), do: 0
  defp fraction_digits(:millisecond), do: 3
  defp fraction_digits(:microsecond), do: 6
  defp fraction_digits(:nanosecond), do: 9
  defp fraction_digits(:native), do: fraction_digits_of(:erlang.convert_time_unit(1, :second, :native))
  defp fraction_digits(_), do: 0
  defp fraction_digits_of(1), do: 0
  defp fraction_digits_of(n), do: 1 + fraction_digits_of(div(n, 10))

  defp rfc3339_offset('', unit) do
    now = :erlang.universaltime()
    diff = datetime_to_gregorian_seconds(:erlang.localtime()) - datetime_to_gregorian_seconds(now)
    rfc3339_offset(diff * :erlang.convert_time_unit(1, :second, unit), unit)
  end
  defp rfc3339_offset('Z', _unit), do: {"Z", 0}
  defp rfc3339_offset('z', _unit), do: {"z", 0}
  defp rfc3339_offset(offset, unit) when is_integer(offset) do
    secs = div(:erlang.convert_time_unit(offset, unit, :second), 1)
    sign = if secs < 0, do: "-", else: "+"
    a = abs(secs)
    {sign <> pad(div(a, 3600), 2) <> ":" <> pad(div(rem(a, 3600), 60), 2),
     offset}
  end
  defp rfc3339_offset([sign, h1, h2, ?:, m1, m2] = text, unit) when sign == ?+ or sign == ?- do
    secs = ((h1 - ?0) * 10 + h2 - ?0) * 3600 + ((m1 - ?0) * 10 + m2 - ?0) * 60
    secs = if sign == ?-, do: -secs, else: secs
    {List.to_string(text), :erlang.convert_time_unit(secs, :second, unit)}
  end
end
