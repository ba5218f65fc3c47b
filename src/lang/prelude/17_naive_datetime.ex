# NaiveDateTime: a date and a time of day without a time zone, Elixir
# 1.14's API on Calendar.ISO.  ~N[...] is built by the compiler.
defmodule NaiveDateTime do
  @enforce_keys [:year, :month, :day, :hour, :minute, :second]
  defstruct [:year, :month, :day, :hour, :minute, :second, microsecond: {0, 0}, calendar: Calendar.ISO]

  def utc_now(calendar \\ Calendar.ISO)
  def utc_now(Calendar.ISO) do
    {:ok, {year, month, day}, {hour, minute, second}, microsecond} =
      Calendar.ISO.from_unix(:os.system_time(:microsecond), :microsecond)
    %NaiveDateTime{year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                   microsecond: microsecond}
  end
  def utc_now(calendar), do: DateTime.to_naive(DateTime.utc_now(calendar))

  def local_now(calendar \\ Calendar.ISO)
  def local_now(Calendar.ISO) do
    {{year, month, day}, {hour, minute, second}} = :erlang.localtime()
    {:ok, ndt} = new(year, month, day, hour, minute, second)
    ndt
  end
  def local_now(calendar) do
    case convert(local_now(), calendar) do
      {:ok, value} -> value
      {:error, :incompatible_calendars} ->
        raise ArgumentError, ~s(cannot get "local now" in target calendar #{inspect(calendar)}, ) <>
          "reason: cannot convert from Calendar.ISO to #{inspect(calendar)}."
    end
  end

  def new(year, month, day, hour, minute, second, microsecond \\ {0, 0}, calendar \\ Calendar.ISO)
  def new(year, month, day, hour, minute, second, microsecond, calendar) when is_integer(microsecond),
    do: new(year, month, day, hour, minute, second, {microsecond, 6}, calendar)
  def new(year, month, day, hour, minute, second, microsecond, calendar) do
    cond do
      not calendar.valid_date?(year, month, day) -> {:error, :invalid_date}
      not calendar.valid_time?(hour, minute, second, microsecond) -> {:error, :invalid_time}
      true ->
        {:ok, %NaiveDateTime{calendar: calendar, year: year, month: month, day: day, hour: hour, minute: minute,
                             second: second, microsecond: microsecond}}
    end
  end

  def new!(year, month, day, hour, minute, second, microsecond \\ {0, 0}, calendar \\ Calendar.ISO) do
    case new(year, month, day, hour, minute, second, microsecond, calendar) do
      {:ok, ndt} -> ndt
      {:error, reason} -> raise ArgumentError, "cannot build naive datetime, reason: #{inspect(reason)}"
    end
  end

  def new(%Date{calendar: calendar} = date, %Time{calendar: calendar} = time) do
    {:ok, %NaiveDateTime{calendar: calendar, year: date.year, month: date.month, day: date.day, hour: time.hour,
                         minute: time.minute, second: time.second, microsecond: time.microsecond}}
  end

  def new!(date, time) do
    {:ok, ndt} = new(date, time)
    ndt
  end

  def to_date(%{year: year, month: month, day: day, calendar: calendar}),
    do: %Date{year: year, month: month, day: day, calendar: calendar}

  def to_time(%{hour: hour, minute: minute, second: second, microsecond: microsecond, calendar: calendar}),
    do: %Time{hour: hour, minute: minute, second: second, microsecond: microsecond, calendar: calendar}

  def to_string(%{calendar: calendar} = ndt) do
    %{year: y, month: m, day: d, hour: h, minute: i, second: s, microsecond: us} = ndt
    calendar.naive_datetime_to_string(y, m, d, h, i, s, us)
  end

  def from_iso8601(string, calendar \\ Calendar.ISO) do
    with {:ok, {y, m, d, h, i, s, us}} <- Calendar.ISO.parse_naive_datetime(string) do
      convert(%NaiveDateTime{year: y, month: m, day: d, hour: h, minute: i, second: s, microsecond: us}, calendar)
    end
  end

  def from_iso8601!(string, calendar \\ Calendar.ISO) do
    case from_iso8601(string, calendar) do
      {:ok, value} -> value
      {:error, reason} ->
        raise ArgumentError, "cannot parse #{inspect(string)} as naive datetime, reason: #{inspect(reason)}"
    end
  end

  def to_iso8601(naive_datetime, format \\ :extended)
  def to_iso8601(%{calendar: Calendar.ISO} = ndt, format) when format in [:basic, :extended] do
    %{year: y, month: m, day: d, hour: h, minute: i, second: s, microsecond: us} = ndt
    Calendar.ISO.date_to_string(y, m, d, format) <> "T" <> Calendar.ISO.time_to_string(h, i, s, us, format)
  end
  def to_iso8601(%{calendar: _} = ndt, format) when format in [:basic, :extended],
    do: to_iso8601(convert!(ndt, Calendar.ISO), format)

  def to_erl(ndt) do
    %{year: y, month: m, day: d, hour: h, minute: i, second: s} = convert!(ndt, Calendar.ISO)
    {{y, m, d}, {h, i, s}}
  end

  def from_erl(tuple, microsecond \\ {0, 0}, calendar \\ Calendar.ISO)
  def from_erl({{y, m, d}, {h, i, s}}, microsecond, calendar) do
    with {:ok, ndt} <- new(y, m, d, h, i, s, microsecond), do: convert(ndt, calendar)
  end

  def from_erl!(tuple, microsecond \\ {0, 0}, calendar \\ Calendar.ISO) do
    case from_erl(tuple, microsecond, calendar) do
      {:ok, value} -> value
      {:error, reason} ->
        raise ArgumentError, "cannot convert #{inspect(tuple)} to naive datetime, reason: #{inspect(reason)}"
    end
  end

  def from_gregorian_seconds(seconds, microsecond \\ {0, 0}, calendar \\ Calendar.ISO)
  def from_gregorian_seconds(seconds, {microsecond, precision}, calendar) when is_integer(seconds) do
    iso_days = Calendar.ISO.gregorian_seconds_to_iso_days(seconds, microsecond)
    {y, m, d, h, i, s, {us, _}} = calendar.naive_datetime_from_iso_days(iso_days)
    %NaiveDateTime{calendar: calendar, year: y, month: m, day: d, hour: h, minute: i, second: s,
                   microsecond: {us, precision}}
  end

  def to_gregorian_seconds(%{calendar: calendar, microsecond: {microsecond, _} = us} = ndt) do
    {days, {parts, ppd}} =
      calendar.naive_datetime_to_iso_days(ndt.year, ndt.month, ndt.day, ndt.hour, ndt.minute, ndt.second, us)
    {days * 86400 + div(parts * 86400, ppd), microsecond}
  end

  def add(naive_datetime, amount_to_add, unit \\ :second)
  def add(ndt, amount, :day) when is_integer(amount), do: add(ndt, amount * 86400, :second)
  def add(ndt, amount, :hour) when is_integer(amount), do: add(ndt, amount * 3600, :second)
  def add(ndt, amount, :minute) when is_integer(amount), do: add(ndt, amount * 60, :second)
  def add(%{microsecond: {_, precision}, calendar: calendar} = ndt, amount, unit) when is_integer(amount) do
    ppd = System.convert_time_unit(86400, :second, unit)
    iso_days = Calendar.ISO.add_day_fraction_to_iso_days(to_iso_days(ndt), amount, ppd)
    from_iso_days(iso_days, calendar, precision)
  end

  defp from_iso_days(iso_days, calendar, precision) do
    {y, m, d, h, i, s, {us, _}} = calendar.naive_datetime_from_iso_days(iso_days)
    %NaiveDateTime{calendar: calendar, year: y, month: m, day: d, hour: h, minute: i, second: s,
                   microsecond: {us, precision}}
  end

  defp to_iso_days(%{calendar: calendar, year: y, month: m, day: d, hour: h, minute: i, second: s, microsecond: us}),
    do: calendar.naive_datetime_to_iso_days(y, m, d, h, i, s, us)

  def diff(naive_datetime1, naive_datetime2, unit \\ :second)
  def diff(ndt1, ndt2, :day), do: div(diff(ndt1, ndt2, :second), 86400)
  def diff(ndt1, ndt2, :hour), do: div(diff(ndt1, ndt2, :second), 3600)
  def diff(ndt1, ndt2, :minute), do: div(diff(ndt1, ndt2, :second), 60)
  def diff(%{calendar: calendar1} = ndt1, %{calendar: calendar2} = ndt2, unit) do
    if not Calendar.compatible_calendars?(calendar1, calendar2) do
      raise ArgumentError, "cannot calculate the difference between #{inspect(ndt1)} and " <>
        "#{inspect(ndt2)} because their calendars are not compatible and thus the result would be ambiguous"
    end
    Calendar.ISO.iso_days_to_unit(to_iso_days(ndt1), unit) - Calendar.ISO.iso_days_to_unit(to_iso_days(ndt2), unit)
  end

  def truncate(%NaiveDateTime{microsecond: microsecond} = ndt, precision),
    do: %{ndt | microsecond: Calendar.truncate(microsecond, precision)}
  def truncate(%{calendar: calendar, microsecond: microsecond} = ndt, precision) do
    %NaiveDateTime{calendar: calendar, year: ndt.year, month: ndt.month, day: ndt.day, hour: ndt.hour,
                   minute: ndt.minute, second: ndt.second, microsecond: Calendar.truncate(microsecond, precision)}
  end

  def compare(%{calendar: calendar1} = ndt1, %{calendar: calendar2} = ndt2) do
    if Calendar.compatible_calendars?(calendar1, calendar2) do
      case {to_iso_days(ndt1), to_iso_days(ndt2)} do
        {first, second} when first > second -> :gt
        {first, second} when first < second -> :lt
        _ -> :eq
      end
    else
      raise ArgumentError, "cannot compare #{inspect(ndt1)} with #{inspect(ndt2)}.\n\n" <>
        "This comparison would be ambiguous as their calendars have incompatible day rollover moments.\n" <>
        "Specify an exact time of day (using `DateTime`s) to resolve this ambiguity\n"
    end
  end

  def convert(%NaiveDateTime{calendar: calendar} = ndt, calendar), do: {:ok, ndt}
  def convert(%{calendar: calendar} = ndt, calendar) do
    {:ok, %NaiveDateTime{calendar: calendar, year: ndt.year, month: ndt.month, day: ndt.day, hour: ndt.hour,
                         minute: ndt.minute, second: ndt.second, microsecond: ndt.microsecond}}
  end
  def convert(%{calendar: ndt_calendar, microsecond: {_, precision}} = ndt, calendar) do
    if Calendar.compatible_calendars?(ndt_calendar, calendar) do
      {:ok, from_iso_days(to_iso_days(ndt), calendar, precision)}
    else
      {:error, :incompatible_calendars}
    end
  end

  def convert!(ndt, calendar) do
    case convert(ndt, calendar) do
      {:ok, value} -> value
      {:error, :incompatible_calendars} ->
        raise ArgumentError, "cannot convert #{inspect(ndt)} to target calendar #{inspect(calendar)}, " <>
          "reason: #{inspect(ndt.calendar)} and #{inspect(calendar)} " <>
          "have different day rollover moments, making this conversion ambiguous"
    end
  end
end
