# Calendar and Calendar.ISO: the proleptic Gregorian calendar of Elixir 1.14,
# the one calendar ciex knows.  Dates count in "ISO days" from 0000-01-01
# (day 0) and times of day in "day fractions" {parts, parts_per_day}, as
# Elixir's Calendar behaviour does; Date, Time, NaiveDateTime and DateTime
# (17_date.ex ...) are built on these functions.  Time zones: only
# "Etc/UTC", as Calendar.UTCOnlyTimeZoneDatabase, Elixir's default database.
defmodule Calendar.ISO do
  @parts_per_day 86_400_000_000
  @unix_epoch_days 719_528

  def days_in_month(year, 2) when is_integer(year) do
    if leap_year?(year), do: 29, else: 28
  end
  def days_in_month(_year, month) when month in [4, 6, 9, 11], do: 30
  def days_in_month(_year, month) when is_integer(month) and month >= 1 and month <= 12, do: 31

  def months_in_year(_year), do: 12

  def leap_year?(year) when is_integer(year) do
    rem(year, 4) == 0 and (rem(year, 100) != 0 or rem(year, 400) == 0)
  end

  def valid_date?(year, month, day) when is_integer(year) and is_integer(month) and is_integer(day) do
    year >= -9999 and year <= 9999 and month >= 1 and month <= 12 and day >= 1 and
      day <= days_in_month(year, month)
  end

  def valid_time?(hour, minute, second, {us, precision})
      when is_integer(hour) and is_integer(minute) and is_integer(second) and is_integer(us) do
    hour >= 0 and hour <= 23 and minute >= 0 and minute <= 59 and second >= 0 and second <= 59 and
      us >= 0 and us <= 999_999 and is_integer(precision) and precision >= 0 and precision <= 6
  end

  def day_rollover_relative_to_midnight_utc(), do: {0, 1}

  # ---- ISO days ----

  # days since 0000-01-01, by the civil-from-days algorithm on 400-year eras
  def date_to_iso_days(year, month, day) when is_integer(year) and is_integer(month) and is_integer(day) do
    if not valid_month_day?(year, month, day) do
      raise ArgumentError, "invalid date: " <> date_to_string(year, month, day)
    end
    y = if month <= 2, do: year - 1, else: year
    era = Integer.floor_div(y, 400)
    yoe = y - era * 400
    mp = rem(month + 9, 12)
    doy = div(153 * mp + 2, 5) + day - 1
    doe = yoe * 365 + div(yoe, 4) - div(yoe, 100) + doy
    era * 146_097 + doe + 60
  end

  defp valid_month_day?(year, month, day) do
    month >= 1 and month <= 12 and day >= 1 and day <= days_in_month(year, month)
  end

  # -9999-01-01 to 9999-12-31, as Calendar.ISO
  def date_from_iso_days(days) when is_integer(days) and days >= -3_652_059 and days <= 3_652_424 do
    z = days - 60
    era = Integer.floor_div(z, 146_097)
    doe = z - era * 146_097
    yoe = div(doe - div(doe, 1460) + div(doe, 36524) - div(doe, 146_096), 365)
    doy = doe - (365 * yoe + div(yoe, 4) - div(yoe, 100))
    mp = div(5 * doy + 2, 153)
    day = doy - div(153 * mp + 2, 5) + 1
    month = if mp < 10, do: mp + 3, else: mp - 9
    year = yoe + era * 400
    year = if month <= 2, do: year + 1, else: year
    {year, month, day}
  end

  def naive_datetime_to_iso_days(year, month, day, hour, minute, second, microsecond) do
    {date_to_iso_days(year, month, day), time_to_day_fraction(hour, minute, second, microsecond)}
  end

  def naive_datetime_from_iso_days({days, fraction}) do
    {year, month, day} = date_from_iso_days(days)
    {hour, minute, second, microsecond} = time_from_day_fraction(fraction)
    {year, month, day, hour, minute, second, microsecond}
  end

  def time_to_day_fraction(0, 0, 0, {0, _}), do: {0, @parts_per_day}
  def time_to_day_fraction(hour, minute, second, {us, _}) do
    {((hour * 60 + minute) * 60 + second) * 1_000_000 + us, @parts_per_day}
  end

  def time_from_day_fraction({0, _}), do: {0, 0, 0, {0, 6}}
  def time_from_day_fraction({parts, ppd}) do
    total = if ppd == @parts_per_day, do: parts, else: div(parts * @parts_per_day, ppd)
    {hour, rest} = div_rem(total, 3_600_000_000)
    {minute, rest} = div_rem(rest, 60_000_000)
    {second, us} = div_rem(rest, 1_000_000)
    {hour, minute, second, {us, 6}}
  end

  defp div_rem(a, b), do: {Integer.floor_div(a, b), Integer.mod(a, b)}

  def add_day_fraction_to_iso_days({days, {parts, ppd}}, add, ppd), do: normalize_iso_days(days, parts + add, ppd)
  def add_day_fraction_to_iso_days({days, {parts, ppd}}, add, add_ppd) do
    gcd = Integer.gcd(ppd, add_ppd)
    normalize_iso_days(days, div(parts * add_ppd + add * ppd, gcd), div(ppd * add_ppd, gcd))
  end

  defp normalize_iso_days(days, parts, ppd) do
    offset = div(parts, ppd)
    parts = rem(parts, ppd)
    if parts < 0, do: {days + offset - 1, {parts + ppd, ppd}}, else: {days + offset, {parts, ppd}}
  end

  def iso_days_to_unit({days, {parts, ppd}}, unit) do
    us = if ppd == @parts_per_day, do: parts, else: div(parts * @parts_per_day, ppd)
    System.convert_time_unit(days * @parts_per_day + us, :microsecond, unit)
  end

  def gregorian_seconds_to_iso_days(seconds, microsecond) do
    {days, rest} = div_rem(seconds, 86400)
    {days, {rest * 1_000_000 + microsecond, @parts_per_day}}
  end

  def iso_days_to_day_of_week(iso_days, starting_on) do
    Integer.mod(iso_days + day_of_week_offset(starting_on), 7) + 1
  end

  defp day_of_week_offset(:default), do: 5
  defp day_of_week_offset(:monday), do: 5
  defp day_of_week_offset(:tuesday), do: 4
  defp day_of_week_offset(:wednesday), do: 3
  defp day_of_week_offset(:thursday), do: 2
  defp day_of_week_offset(:friday), do: 1
  defp day_of_week_offset(:saturday), do: 0
  defp day_of_week_offset(:sunday), do: 6

  def from_unix(integer, unit) when is_integer(integer) do
    total = System.convert_time_unit(integer, unit, :microsecond)
    # -9999-01-01T00:00:00 to 9999-12-31T23:59:59.999999
    if total >= -377_705_116_800_000_000 and total <= 253_402_300_799_999_999 do
      us = Integer.mod(total, 1_000_000)
      seconds = Integer.floor_div(total, 1_000_000)
      {days, rest} = div_rem(seconds, 86400)
      {y, m, d} = date_from_iso_days(days + @unix_epoch_days)
      {:ok, {y, m, d}, {div(rest, 3600), div(rem(rest, 3600), 60), rem(rest, 60)}, {us, precision_for_unit(unit)}}
    else
      {:error, :invalid_unix_time}
    end
  end

  defp precision_for_unit(unit) do
    case System.convert_time_unit(1, :second, unit) do
      1 -> 0
      10 -> 1
      100 -> 2
      1_000 -> 3
      10_000 -> 4
      100_000 -> 5
      _ -> 6
    end
  end

  # ---- weeks, years, eras ----

  def day_of_week(year, month, day) do
    {dow, _, _} = day_of_week(year, month, day, :default)
    dow
  end

  def day_of_week(year, month, day, starting_on) do
    {iso_days_to_day_of_week(date_to_iso_days(year, month, day), starting_on), 1, 7}
  end

  def day_of_year(year, month, day) do
    date_to_iso_days(year, month, day) - date_to_iso_days(year, 1, 1) + 1
  end

  def quarter_of_year(_year, month, _day) when is_integer(month) and month >= 1 and month <= 12 do
    div(month - 1, 3) + 1
  end

  def year_of_era(year) when is_integer(year) and year > 0, do: {year, 1}
  def year_of_era(year) when is_integer(year), do: {abs(year) + 1, 0}
  def year_of_era(year, _month, _day), do: year_of_era(year)

  def day_of_era(year, month, day) when is_integer(year) and year > 0 do
    {date_to_iso_days(year, month, day) - 366 + 1, 1}
  end
  def day_of_era(year, month, day) when is_integer(year) do
    {abs(date_to_iso_days(year, month, day) - 366), 0}
  end

  # ---- to strings ----

  def date_to_string(year, month, day, format \\ :extended)
      when is_integer(year) and is_integer(month) and is_integer(day) and format in [:basic, :extended] do
    sep = if format == :extended, do: "-", else: ""
    zero_pad(year, 4) <> sep <> zero_pad(month, 2) <> sep <> zero_pad(day, 2)
  end

  def time_to_string(hour, minute, second, microsecond, format \\ :extended)
      when is_integer(hour) and is_integer(minute) and is_integer(second) and format in [:basic, :extended] do
    sep = if format == :extended, do: ":", else: ""
    zero_pad(hour, 2) <> sep <> zero_pad(minute, 2) <> sep <> zero_pad(second, 2) <> fraction(microsecond)
  end

  defp fraction({_, 0}), do: ""
  defp fraction({us, precision}), do: "." <> binary_part(zero_pad(us, 6), 0, precision)

  def naive_datetime_to_string(year, month, day, hour, minute, second, microsecond, format \\ :extended) do
    date_to_string(year, month, day, format) <> " " <> time_to_string(hour, minute, second, microsecond, format)
  end

  def datetime_to_string(year, month, day, hour, minute, second, microsecond, time_zone, zone_abbr, utc_offset,
                         std_offset, format \\ :extended) do
    naive_datetime_to_string(year, month, day, hour, minute, second, microsecond, format) <>
      offset_to_string(utc_offset, std_offset, time_zone, format) <>
      if(time_zone == "Etc/UTC", do: "", else: " " <> zone_abbr <> " " <> time_zone)
  end

  def offset_to_string(0, 0, "Etc/UTC", _format), do: "Z"
  def offset_to_string(utc, std, _zone, format) do
    total = utc + std
    seconds = abs(total)
    sign = if total < 0, do: "-", else: "+"
    sep = if format == :extended, do: ":", else: ""
    sign <> zero_pad(div(seconds, 3600), 2) <> sep <> zero_pad(div(rem(seconds, 3600), 60), 2)
  end

  defp zero_pad(val, count) when val >= 0 do
    num = Integer.to_string(val)
    :binary.copy("0", max(count - byte_size(num), 0)) <> num
  end
  defp zero_pad(val, count), do: "-" <> zero_pad(-val, count)

  # ---- parsing ISO 8601 ----

  def parse_date(string), do: parse_date(string, :extended)
  def parse_date(string, format) when is_binary(string) and format in [:basic, :extended] do
    {sign, rest} = take_sign(string)
    case date_part(rest, format) do
      {:ok, {y, m, d}, ""} -> checked_date(sign * y, m, d)
      _ -> {:error, :invalid_format}
    end
  end

  def parse_time(string), do: parse_time(string, :extended)
  def parse_time(string, format) when is_binary(string) and format in [:basic, :extended] do
    rest = case string do
      "T" <> rest -> rest
      _ -> string
    end
    with {:ok, {h, i, s}, rest} <- time_part(rest, format),
         {us, rest} <- parse_microsecond(rest),
         {_offset, ""} <- parse_offset(rest) do
      if valid_time?(h, i, s, us), do: {:ok, {h, i, s, us}}, else: {:error, :invalid_time}
    else
      _ -> {:error, :invalid_format}
    end
  end

  def parse_naive_datetime(string), do: parse_naive_datetime(string, :extended)
  def parse_naive_datetime(string, format) when is_binary(string) and format in [:basic, :extended] do
    case datetime_parts(string, format) do
      {:ok, {y, m, d, h, i, s, us}, _offset} ->
        cond do
          not valid_date?(y, m, d) -> {:error, :invalid_date}
          not valid_time?(h, i, s, us) -> {:error, :invalid_time}
          true -> {:ok, {y, m, d, h, i, s, us}}
        end
      error -> error
    end
  end

  def parse_utc_datetime(string), do: parse_utc_datetime(string, :extended)
  def parse_utc_datetime(string, format) when is_binary(string) and format in [:basic, :extended] do
    case datetime_parts(string, format) do
      {:ok, {y, m, d, h, i, s, us}, offset} ->
        cond do
          not valid_date?(y, m, d) -> {:error, :invalid_date}
          not valid_time?(h, i, s, us) -> {:error, :invalid_time}
          offset == 0 -> {:ok, {y, m, d, h, i, s, us}, 0}
          offset == nil -> {:error, :missing_offset}
          true ->
            {days, fraction} = add_day_fraction_to_iso_days({date_to_iso_days(y, m, d),
              time_to_day_fraction(h, i, s, {0, 0})}, -offset * 1_000_000, @parts_per_day)
            {y, m, d} = date_from_iso_days(days)
            {h, i, s, _} = time_from_day_fraction(fraction)
            {:ok, {y, m, d, h, i, s, us}, offset}
        end
      error -> error
    end
  end

  defp datetime_parts(string, format) do
    {sign, rest} = take_sign(string)
    with {:ok, {y, m, d}, <<sep, rest::binary>>} when sep == ?\s or sep == ?T <- date_part(rest, format),
         {:ok, {h, i, s}, rest} <- time_part(rest, format),
         {us, rest} <- parse_microsecond(rest),
         {offset, ""} <- parse_offset(rest) do
      {:ok, {sign * y, m, d, h, i, s, us}, offset}
    else
      _ -> {:error, :invalid_format}
    end
  end

  defp take_sign("-" <> rest), do: {-1, rest}
  defp take_sign("+" <> rest), do: {1, rest}
  defp take_sign(rest), do: {1, rest}

  defp checked_date(y, m, d) do
    if valid_date?(y, m, d), do: {:ok, {y, m, d}}, else: {:error, :invalid_date}
  end

  defp date_part(<<y::binary-size(4), ?-, m::binary-size(2), ?-, d::binary-size(2), rest::binary>>, :extended),
    do: digits3(y, m, d, rest)
  defp date_part(<<y::binary-size(4), m::binary-size(2), d::binary-size(2), rest::binary>>, :basic),
    do: digits3(y, m, d, rest)
  defp date_part(_, _), do: :error

  defp time_part(<<h::binary-size(2), ?:, i::binary-size(2), ?:, s::binary-size(2), rest::binary>>, :extended),
    do: digits3(h, i, s, rest)
  defp time_part(<<h::binary-size(2), i::binary-size(2), s::binary-size(2), rest::binary>>, :basic),
    do: digits3(h, i, s, rest)
  defp time_part(_, _), do: :error

  defp digits3(a, b, c, rest) do
    if digits?(a) and digits?(b) and digits?(c) do
      {:ok, {String.to_integer(a), String.to_integer(b), String.to_integer(c)}, rest}
    else
      :error
    end
  end

  defp digits?(""), do: true
  defp digits?(<<c, rest::binary>>) when c >= ?0 and c <= ?9, do: digits?(rest)
  defp digits?(_), do: false

  defp parse_microsecond("." <> rest) do
    case leading_digits(rest, "") do
      {"", _} -> :error
      {digits, rest} when byte_size(digits) <= 6 ->
        {{String.to_integer(digits <> :binary.copy("0", 6 - byte_size(digits))), byte_size(digits)}, rest}
      {digits, rest} -> {{String.to_integer(binary_part(digits, 0, 6)), 6}, rest}
    end
  end
  defp parse_microsecond("," <> rest), do: parse_microsecond("." <> rest)
  defp parse_microsecond(rest), do: {{0, 0}, rest}

  defp leading_digits(<<c, rest::binary>>, acc) when c >= ?0 and c <= ?9, do: leading_digits(rest, <<acc::binary, c>>)
  defp leading_digits(rest, acc), do: {acc, rest}

  defp parse_offset(""), do: {nil, ""}
  defp parse_offset("Z"), do: {0, ""}
  defp parse_offset("-00:00"), do: :error
  defp parse_offset(<<s, h::binary-size(2), ?:, m::binary-size(2), rest::binary>>) when s == ?+ or s == ?-,
    do: offset(s, h, m, rest)
  defp parse_offset(<<s, h::binary-size(2), m::binary-size(2), rest::binary>>) when s == ?+ or s == ?-,
    do: offset(s, h, m, rest)
  defp parse_offset(<<s, h::binary-size(2), rest::binary>>) when s == ?+ or s == ?-, do: offset(s, h, "00", rest)
  defp parse_offset(_), do: :error

  defp offset(sign, h, m, rest) do
    with {h, ""} when h < 24 <- Integer.parse(h),
         {m, ""} when m < 60 <- Integer.parse(m) do
      {(h * 60 + m) * 60 * if(sign == ?-, do: -1, else: 1), rest}
    else
      _ -> :error
    end
  end
end

defmodule Calendar.UTCOnlyTimeZoneDatabase do
  def time_zone_period_from_utc_iso_days(_, "Etc/UTC"),
    do: {:ok, %{std_offset: 0, utc_offset: 0, zone_abbr: "UTC"}}
  def time_zone_period_from_utc_iso_days(_, _), do: {:error, :utc_only_time_zone_database}

  def time_zone_periods_from_wall_datetime(_, "Etc/UTC"),
    do: {:ok, %{std_offset: 0, utc_offset: 0, zone_abbr: "UTC"}}
  def time_zone_periods_from_wall_datetime(_, _), do: {:error, :utc_only_time_zone_database}
end

defmodule Calendar do
  def compatible_calendars?(Calendar.ISO, Calendar.ISO), do: true
  def compatible_calendars?(a, b) when is_atom(a) and is_atom(b) do
    a == b or a.day_rollover_relative_to_midnight_utc() == b.day_rollover_relative_to_midnight_utc()
  end

  # ciex has no application environment: the database is the calling
  # process's (put_time_zone_database/1 sets it for that process only).
  def get_time_zone_database() do
    case :erlang.get(:ciex_time_zone_database) do
      :undefined -> Calendar.UTCOnlyTimeZoneDatabase
      database -> database
    end
  end
  def put_time_zone_database(database) when is_atom(database) do
    :erlang.put(:ciex_time_zone_database, database)
    :ok
  end

  def truncate(microsecond_tuple, :microsecond), do: microsecond_tuple
  def truncate({us, precision}, :millisecond) do
    output = min(precision, 3)
    {div(us, 1000) * 1000, output}
  end
  def truncate({_, _}, :second), do: {0, 0}

  # ---- strftime ----
  # %[-|0|_][width]letter; numbers pad to a default width with 0, names
  # with spaces, as Elixir 1.14's Calendar.strftime/3.

  def strftime(datetime, string_format, user_options \\ []) when is_map(datetime) and is_binary(string_format) do
    IO.iodata_to_binary(parse(string_format, datetime, options(user_options), []))
  end

  defp options(user_options) do
    defaults = %{
      preferred_date: "%Y-%m-%d",
      preferred_time: "%H:%M:%S",
      preferred_datetime: "%Y-%m-%d %H:%M:%S",
      am_pm_names: fn
        :am -> "am"
        :pm -> "pm"
      end,
      month_names: fn m ->
        elem({"January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"}, m - 1)
      end,
      day_of_week_names: fn d ->
        elem({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}, d - 1)
      end,
      abbreviated_month_names: fn m ->
        elem({"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}, m - 1)
      end,
      abbreviated_day_of_week_names: fn d -> elem({"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}, d - 1) end,
      preferred_datetime_invoked: false,
      preferred_date_invoked: false,
      preferred_time_invoked: false
    }
    Enum.reduce(user_options, defaults, fn {key, value}, acc ->
      if Map.has_key?(acc, key) do
        Map.put(acc, key, value)
      else
        raise ArgumentError, "unknown option #{inspect(key)} given to Calendar.strftime/3"
      end
    end)
  end

  defp parse("", _dt, _o, acc), do: :lists.reverse(acc)
  defp parse("%" <> rest, dt, o, acc), do: modifiers(rest, nil, nil, dt, o, acc)
  defp parse(<<char, rest::binary>>, dt, o, acc), do: parse(rest, dt, o, [char | acc])

  defp modifiers("-" <> rest, width, nil, dt, o, acc), do: modifiers(rest, width, "", dt, o, acc)
  defp modifiers("0" <> rest, nil, nil, dt, o, acc), do: modifiers(rest, nil, ?0, dt, o, acc)
  defp modifiers("_" <> rest, width, nil, dt, o, acc), do: modifiers(rest, width, ?\s, dt, o, acc)
  defp modifiers(<<d, rest::binary>>, width, pad, dt, o, acc) when d >= ?0 and d <= ?9,
    do: modifiers(rest, (width || 0) * 10 + d - ?0, pad, dt, o, acc)
  defp modifiers(<<c, _::binary>> = rest, width, nil, dt, o, acc),
    do: modifiers(rest, width, (if c in 'aAbBpPZ', do: ?\s, else: ?0), dt, o, acc)
  defp modifiers(<<c, _::binary>> = rest, nil, pad, dt, o, acc), do: modifiers(rest, default_width(c), pad, dt, o, acc)
  defp modifiers(<<c, rest::binary>>, width, pad, dt, o, acc) when c in 'cxX' do
    {fmt, flag} = case c do
      ?c -> {:preferred_datetime, :preferred_datetime_invoked}
      ?x -> {:preferred_date, :preferred_date_invoked}
      ?X -> {:preferred_time, :preferred_time_invoked}
    end
    if Map.fetch!(o, flag) do
      raise ArgumentError, "tried to format #{fmt} within another #{fmt} format"
    end
    result = pad_preferred(parse(Map.fetch!(o, fmt), dt, Map.put(o, flag, true), []), width, pad)
    parse(rest, dt, o, [result | acc])
  end
  defp modifiers(<<c, rest::binary>>, width, pad, dt, o, acc) do
    case convert(c, dt, o, width, pad) do
      :error ->
        {next, _} = String.next_grapheme(<<c, rest::binary>>) || {"", ""}
        raise ArgumentError, "invalid strftime format: %#{next}"
      {:padded, text} -> parse(rest, dt, o, [pad_leading(text, width, pad) | acc])
      {:raw, text} -> parse(rest, dt, o, [text | acc])
    end
  end
  defp modifiers("", _width, _pad, _dt, _o, _acc), do: raise(ArgumentError, "invalid strftime format: %")

  defp default_width(c) when c in 'dHImMSy', do: 2
  defp default_width(?j), do: 3
  defp default_width(c) when c in 'Yz', do: 4
  defp default_width(_), do: 0

  defp convert(?%, _dt, _o, _w, _p), do: {:padded, "%"}
  defp convert(?a, dt, o, _w, _p), do: {:padded, o.abbreviated_day_of_week_names.(Date.day_of_week(dt))}
  defp convert(?A, dt, o, _w, _p), do: {:padded, o.day_of_week_names.(Date.day_of_week(dt))}
  defp convert(?b, dt, o, _w, _p), do: {:padded, o.abbreviated_month_names.(dt.month)}
  defp convert(?B, dt, o, _w, _p), do: {:padded, o.month_names.(dt.month)}
  defp convert(?d, dt, _o, _w, _p), do: {:padded, Integer.to_string(dt.day)}
  defp convert(?f, dt, _o, _w, _p) do
    {us, precision} = dt.microsecond
    {:raw, binary_part(String.pad_leading(Integer.to_string(us), 6, "0"), 0, max(precision, 1))}
  end
  defp convert(?H, dt, _o, _w, _p), do: {:padded, Integer.to_string(dt.hour)}
  defp convert(?I, dt, _o, _w, _p), do: {:padded, Integer.to_string(rem(dt.hour + 23, 12) + 1)}
  defp convert(?j, dt, _o, _w, _p), do: {:padded, Integer.to_string(Date.day_of_year(dt))}
  defp convert(?m, dt, _o, _w, _p), do: {:padded, Integer.to_string(dt.month)}
  defp convert(?M, dt, _o, _w, _p), do: {:padded, Integer.to_string(dt.minute)}
  defp convert(?p, dt, o, _w, _p), do: {:padded, String.upcase(am_pm(dt.hour, o))}
  defp convert(?P, dt, o, _w, _p), do: {:padded, String.downcase(am_pm(dt.hour, o))}
  defp convert(?q, dt, _o, _w, _p), do: {:padded, Integer.to_string(Date.quarter_of_year(dt))}
  defp convert(?S, dt, _o, _w, _p), do: {:padded, Integer.to_string(dt.second)}
  defp convert(?u, dt, _o, _w, _p), do: {:padded, Integer.to_string(Date.day_of_week(dt))}
  defp convert(?y, dt, _o, _w, _p), do: {:padded, Integer.to_string(rem(dt.year, 100))}
  defp convert(?Y, dt, _o, _w, _p), do: {:padded, Integer.to_string(dt.year)}
  defp convert(?z, %{utc_offset: utc, std_offset: std}, _o, width, pad) do
    a = abs(utc + std)
    number = Integer.to_string(div(a, 3600) * 100 + rem(div(a, 60), 60))
    {:raw, [if(utc + std >= 0, do: "+", else: "-"), pad_leading(number, width, pad)]}
  end
  defp convert(?z, _dt, _o, _w, _p), do: {:raw, ""}
  defp convert(?Z, dt, _o, _w, _p), do: {:padded, Map.get(dt, :zone_abbr, "")}
  defp convert(_, _dt, _o, _w, _p), do: :error

  defp am_pm(hour, o) when hour > 11, do: o.am_pm_names.(:pm)
  defp am_pm(_hour, o), do: o.am_pm_names.(:am)

  defp pad_preferred(result, width, pad) do
    if length(result) < width, do: pad_preferred([pad | result], width, pad), else: result
  end

  defp pad_leading(string, count, pad) do
    n = count - byte_size(string)
    if n > 0, do: [:lists.duplicate(n, pad), string], else: string
  end
end
