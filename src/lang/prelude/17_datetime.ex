# DateTime: a date and time in a time zone, Elixir 1.14's API on
# Calendar.ISO.  Zones come from Calendar.get_time_zone_database/0,
# Calendar.UTCOnlyTimeZoneDatabase by default, which knows "Etc/UTC" only
# (any other zone gives {:error, :utc_only_time_zone_database}, as in
# Elixir).  ~U[...] is built by the compiler.
defmodule DateTime do
  @enforce_keys [:year, :month, :day, :hour, :minute, :second, :time_zone, :zone_abbr, :utc_offset, :std_offset]
  defstruct [:year, :month, :day, :hour, :minute, :second, :time_zone, :zone_abbr, :utc_offset, :std_offset,
             microsecond: {0, 0}, calendar: Calendar.ISO]

  @unix_days 719_528

  def utc_now(calendar \\ Calendar.ISO), do: from_unix!(:os.system_time(:microsecond), :microsecond, calendar)

  def now(time_zone, time_zone_database \\ Calendar.get_time_zone_database())
  def now("Etc/UTC", _), do: {:ok, utc_now()}
  def now(time_zone, time_zone_database), do: shift_zone(utc_now(), time_zone, time_zone_database)

  def now!(time_zone, time_zone_database \\ Calendar.get_time_zone_database()) do
    case now(time_zone, time_zone_database) do
      {:ok, datetime} -> datetime
      {:error, reason} ->
        raise ArgumentError, "cannot get current datetime in #{inspect(time_zone)} time zone, reason: " <>
          inspect(reason)
    end
  end

  def new(date, time, time_zone \\ "Etc/UTC", time_zone_database \\ Calendar.get_time_zone_database())
  def new(%Date{calendar: calendar} = date, %Time{calendar: calendar} = time, "Etc/UTC", _db) do
    {:ok, %DateTime{calendar: calendar, year: date.year, month: date.month, day: date.day, hour: time.hour,
                    minute: time.minute, second: time.second, microsecond: time.microsecond, std_offset: 0,
                    utc_offset: 0, zone_abbr: "UTC", time_zone: "Etc/UTC"}}
  end
  def new(date, time, time_zone, time_zone_database) do
    with {:ok, ndt} <- NaiveDateTime.new(date, time), do: from_naive(ndt, time_zone, time_zone_database)
  end

  def new!(date, time, time_zone \\ "Etc/UTC", time_zone_database \\ Calendar.get_time_zone_database()) do
    case new(date, time, time_zone, time_zone_database) do
      {:ok, datetime} -> datetime
      {:error, reason} ->
        raise ArgumentError, "cannot build datetime with #{inspect(date)} and #{inspect(time)}, " <>
          "reason: #{inspect(reason)}"
    end
  end

  def from_naive(naive_datetime, time_zone, time_zone_database \\ Calendar.get_time_zone_database())
  def from_naive(ndt, "Etc/UTC", _),
    do: {:ok, with_period(ndt, "Etc/UTC", %{std_offset: 0, utc_offset: 0, zone_abbr: "UTC"})}
  def from_naive(ndt, time_zone, time_zone_database) do
    case time_zone_database.time_zone_periods_from_wall_datetime(ndt, time_zone) do
      {:ok, period} -> {:ok, with_period(ndt, time_zone, period)}
      {:error, _} = error -> error
    end
  end

  def from_naive!(naive_datetime, time_zone, time_zone_database \\ Calendar.get_time_zone_database()) do
    case from_naive(naive_datetime, time_zone, time_zone_database) do
      {:ok, datetime} -> datetime
      {:error, reason} ->
        raise ArgumentError, "cannot convert #{inspect(naive_datetime)} to datetime, reason: #{inspect(reason)}"
    end
  end

  defp with_period(ndt, time_zone, %{std_offset: std_offset, utc_offset: utc_offset, zone_abbr: zone_abbr}) do
    %DateTime{calendar: ndt.calendar, year: ndt.year, month: ndt.month, day: ndt.day, hour: ndt.hour,
              minute: ndt.minute, second: ndt.second, microsecond: ndt.microsecond, std_offset: std_offset,
              utc_offset: utc_offset, zone_abbr: zone_abbr, time_zone: time_zone}
  end

  def from_unix(integer, unit \\ :second, calendar \\ Calendar.ISO) when is_integer(integer) do
    case Calendar.ISO.from_unix(integer, unit) do
      {:ok, {year, month, day}, {hour, minute, second}, microsecond} ->
        convert(%DateTime{year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                          microsecond: microsecond, std_offset: 0, utc_offset: 0, zone_abbr: "UTC",
                          time_zone: "Etc/UTC"}, calendar)
      {:error, _} = error -> error
    end
  end

  def from_unix!(integer, unit \\ :second, calendar \\ Calendar.ISO) do
    case from_unix(integer, unit, calendar) do
      {:ok, datetime} -> datetime
      {:error, :invalid_unix_time} -> raise ArgumentError, "invalid Unix time #{integer}"
    end
  end

  def to_unix(datetime, unit \\ :second)
  def to_unix(%{utc_offset: utc_offset, std_offset: std_offset} = datetime, unit) do
    {days, fraction} = to_iso_days(datetime)
    Calendar.ISO.iso_days_to_unit({days - @unix_days, fraction}, unit) -
      System.convert_time_unit(utc_offset + std_offset, :second, unit)
  end

  def to_naive(%{calendar: calendar, year: y, month: m, day: d, hour: h, minute: i, second: s, microsecond: us,
                 time_zone: _}) do
    %NaiveDateTime{year: y, month: m, day: d, calendar: calendar, hour: h, minute: i, second: s, microsecond: us}
  end

  def to_date(%{year: year, month: month, day: day, calendar: calendar, time_zone: _}),
    do: %Date{year: year, month: month, day: day, calendar: calendar}

  def to_time(%{hour: h, minute: m, second: s, microsecond: us, calendar: calendar, time_zone: _}),
    do: %Time{hour: h, minute: m, second: s, microsecond: us, calendar: calendar}

  def to_string(%{calendar: calendar} = dt) do
    calendar.datetime_to_string(dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second, dt.microsecond,
      dt.time_zone, dt.zone_abbr, dt.utc_offset, dt.std_offset)
  end

  def shift_zone(datetime, time_zone, time_zone_database \\ Calendar.get_time_zone_database())
  def shift_zone(%{time_zone: time_zone} = datetime, time_zone, _), do: {:ok, datetime}
  def shift_zone(datetime, time_zone, time_zone_database) do
    %{std_offset: std_offset, utc_offset: utc_offset, calendar: calendar, microsecond: {_, precision}} = datetime
    datetime
    |> to_iso_days()
    |> apply_tz_offset(utc_offset + std_offset)
    |> from_utc_iso_days(calendar, precision, time_zone, time_zone_database)
  end

  def shift_zone!(datetime, time_zone, time_zone_database \\ Calendar.get_time_zone_database()) do
    case shift_zone(datetime, time_zone, time_zone_database) do
      {:ok, datetime} -> datetime
      {:error, reason} ->
        raise ArgumentError, "cannot shift #{inspect(datetime)} to #{inspect(time_zone)} time zone" <>
          ", reason: #{inspect(reason)}"
    end
  end

  defp from_utc_iso_days(iso_days_utc, calendar, precision, time_zone, time_zone_database) do
    case time_zone_database.time_zone_period_from_utc_iso_days(iso_days_utc, time_zone) do
      {:ok, %{std_offset: std_offset, utc_offset: utc_offset, zone_abbr: zone_abbr}} ->
        {y, m, d, h, i, s, {us, _}} =
          calendar.naive_datetime_from_iso_days(apply_tz_offset(iso_days_utc, -(utc_offset + std_offset)))
        {:ok, %DateTime{calendar: calendar, year: y, month: m, day: d, hour: h, minute: i, second: s,
                        microsecond: {us, precision}, std_offset: std_offset, utc_offset: utc_offset,
                        zone_abbr: zone_abbr, time_zone: time_zone}}
      {:error, _} = error -> error
    end
  end

  defp apply_tz_offset(iso_days, 0), do: iso_days
  defp apply_tz_offset(iso_days, offset), do: Calendar.ISO.add_day_fraction_to_iso_days(iso_days, -offset, 86400)

  defp to_iso_days(%{calendar: calendar, year: y, month: m, day: d, hour: h, minute: i, second: s, microsecond: us}),
    do: calendar.naive_datetime_to_iso_days(y, m, d, h, i, s, us)

  def from_iso8601(string, format_or_calendar \\ Calendar.ISO)
  def from_iso8601(string, format) when format in [:basic, :extended], do: from_iso8601(string, Calendar.ISO, format)
  def from_iso8601(string, calendar) when is_atom(calendar), do: from_iso8601(string, calendar, :extended)

  def from_iso8601(string, calendar, format) do
    with {:ok, {y, m, d, h, i, s, us}, offset} <- Calendar.ISO.parse_utc_datetime(string, format) do
      datetime = %DateTime{year: y, month: m, day: d, hour: h, minute: i, second: s, microsecond: us,
                           std_offset: 0, utc_offset: 0, zone_abbr: "UTC", time_zone: "Etc/UTC"}
      with {:ok, converted} <- convert(datetime, calendar), do: {:ok, converted, offset}
    end
  end

  def to_iso8601(datetime, format \\ :extended, offset \\ nil)
  def to_iso8601(%{calendar: Calendar.ISO} = dt, format, nil) when format in [:extended, :basic] do
    iso_string(dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second, dt.microsecond, format) <>
      Calendar.ISO.offset_to_string(dt.utc_offset, dt.std_offset, dt.time_zone, format)
  end
  def to_iso8601(%{calendar: Calendar.ISO, microsecond: {_, precision}, time_zone: "Etc/UTC"} = dt, format, 0)
      when format in [:extended, :basic] do
    {y, m, d, h, i, s, {us, _}} = shift_by_offset(dt, 0)
    iso_string(y, m, d, h, i, s, {us, precision}, format) <> "Z"
  end
  def to_iso8601(%{calendar: Calendar.ISO, microsecond: {_, precision}} = dt, format, offset)
      when format in [:extended, :basic] do
    {y, m, d, h, i, s, {us, _}} = shift_by_offset(dt, offset)
    iso_string(y, m, d, h, i, s, {us, precision}, format) <> Calendar.ISO.offset_to_string(offset, 0, nil, format)
  end
  def to_iso8601(%{calendar: _} = dt, format, offset) when format in [:extended, :basic],
    do: to_iso8601(convert!(dt, Calendar.ISO), format, offset)

  defp iso_string(y, m, d, h, i, s, us, format) do
    Calendar.ISO.date_to_string(y, m, d, format) <> "T" <> Calendar.ISO.time_to_string(h, i, s, us, format)
  end

  defp shift_by_offset(%{calendar: calendar} = dt, offset) do
    dt
    |> to_iso_days()
    |> Calendar.ISO.add_day_fraction_to_iso_days(offset - (dt.utc_offset + dt.std_offset), 86400)
    |> calendar.naive_datetime_from_iso_days()
  end

  def compare(%{utc_offset: utc1, std_offset: std1} = dt1, %{utc_offset: utc2, std_offset: std2} = dt2) do
    {days1, {parts1, ppd1}} = apply_tz_offset(to_iso_days(dt1), utc1 + std1)
    {days2, {parts2, ppd2}} = apply_tz_offset(to_iso_days(dt2), utc2 + std2)
    first = {days1, parts1 * ppd2}
    second = {days2, parts2 * ppd1}
    cond do
      first > second -> :gt
      first < second -> :lt
      true -> :eq
    end
  end

  def add(datetime, amount_to_add, unit \\ :second, time_zone_database \\ Calendar.get_time_zone_database())
  def add(dt, amount, :day, db) when is_integer(amount), do: add(dt, amount * 86400, :second, db)
  def add(dt, amount, :hour, db) when is_integer(amount), do: add(dt, amount * 3600, :second, db)
  def add(dt, amount, :minute, db) when is_integer(amount), do: add(dt, amount * 60, :second, db)
  def add(dt, amount, unit, time_zone_database) when is_integer(amount) do
    %{utc_offset: utc_offset, std_offset: std_offset, calendar: calendar, microsecond: {_, precision}} = dt
    ppd = System.convert_time_unit(86400, :second, unit)
    total_offset = System.convert_time_unit(utc_offset + std_offset, :second, unit)
    result =
      dt
      |> to_iso_days()
      |> Calendar.ISO.add_day_fraction_to_iso_days(amount - total_offset, ppd)
      |> from_utc_iso_days(calendar, precision, dt.time_zone, time_zone_database)
    case result do
      {:ok, value} -> value
      {:error, error} ->
        raise ArgumentError, "cannot add #{amount} #{unit} to #{inspect(dt)} (with time zone " <>
          "database #{inspect(time_zone_database)}), reason: #{inspect(error)}"
    end
  end

  def diff(datetime1, datetime2, unit \\ :second)
  def diff(dt1, dt2, :day), do: div(diff(dt1, dt2, :second), 86400)
  def diff(dt1, dt2, :hour), do: div(diff(dt1, dt2, :second), 3600)
  def diff(dt1, dt2, :minute), do: div(diff(dt1, dt2, :second), 60)
  def diff(%{utc_offset: utc1, std_offset: std1} = dt1, %{utc_offset: utc2, std_offset: std2} = dt2, unit) do
    naive_diff = Calendar.ISO.iso_days_to_unit(to_iso_days(dt1), unit) -
      Calendar.ISO.iso_days_to_unit(to_iso_days(dt2), unit)
    naive_diff + System.convert_time_unit(utc2 + std2 - (utc1 + std1), :second, unit)
  end

  def truncate(%DateTime{microsecond: microsecond} = dt, precision),
    do: %{dt | microsecond: Calendar.truncate(microsecond, precision)}

  def from_gregorian_seconds(seconds, microsecond \\ {0, 0}, calendar \\ Calendar.ISO)
  def from_gregorian_seconds(seconds, {microsecond, precision}, calendar) when is_integer(seconds) do
    iso_days = Calendar.ISO.gregorian_seconds_to_iso_days(seconds, microsecond)
    {y, m, d, h, i, s, {us, _}} = calendar.naive_datetime_from_iso_days(iso_days)
    %DateTime{calendar: calendar, year: y, month: m, day: d, hour: h, minute: i, second: s,
              microsecond: {us, precision}, std_offset: 0, utc_offset: 0, zone_abbr: "UTC", time_zone: "Etc/UTC"}
  end

  def to_gregorian_seconds(%{std_offset: std_offset, utc_offset: utc_offset, microsecond: {microsecond, _}} = dt) do
    {days, {parts, ppd}} = apply_tz_offset(to_iso_days(dt), utc_offset + std_offset)
    {days * 86400 + div(parts * 86400, ppd), microsecond}
  end

  def convert(%DateTime{calendar: calendar} = datetime, calendar), do: {:ok, datetime}
  def convert(%{calendar: calendar} = dt, calendar) do
    {:ok, %DateTime{calendar: calendar, year: dt.year, month: dt.month, day: dt.day, hour: dt.hour,
                    minute: dt.minute, second: dt.second, microsecond: dt.microsecond, time_zone: dt.time_zone,
                    zone_abbr: dt.zone_abbr, utc_offset: dt.utc_offset, std_offset: dt.std_offset}}
  end
  def convert(%{calendar: dt_calendar, microsecond: {_, precision}} = dt, calendar) do
    if Calendar.compatible_calendars?(dt_calendar, calendar) do
      {y, m, d, h, i, s, {us, _}} = calendar.naive_datetime_from_iso_days(to_iso_days(dt))
      {:ok, %DateTime{calendar: calendar, year: y, month: m, day: d, hour: h, minute: i, second: s,
                      microsecond: {us, precision}, time_zone: dt.time_zone, zone_abbr: dt.zone_abbr,
                      utc_offset: dt.utc_offset, std_offset: dt.std_offset}}
    else
      {:error, :incompatible_calendars}
    end
  end

  def convert!(datetime, calendar) do
    case convert(datetime, calendar) do
      {:ok, value} -> value
      {:error, :incompatible_calendars} ->
        raise ArgumentError, "cannot convert #{inspect(datetime)} to target calendar #{inspect(calendar)}, " <>
          "reason: #{inspect(datetime.calendar)} and #{inspect(calendar)} have different " <>
          "day rollover moments, making this conversion ambiguous"
    end
  end
end
