# Time: a time of day with microseconds and their precision, Elixir 1.14's
# API on Calendar.ISO.  ~T[...] is built by the compiler.
defmodule Time do
  @enforce_keys [:hour, :minute, :second]
  defstruct [:hour, :minute, :second, microsecond: {0, 0}, calendar: Calendar.ISO]

  @parts_per_day 86_400_000_000

  def utc_now(calendar \\ Calendar.ISO) do
    {:ok, _, {hour, minute, second}, microsecond} =
      Calendar.ISO.from_unix(:os.system_time(:microsecond), :microsecond)
    convert!(%Time{hour: hour, minute: minute, second: second, microsecond: microsecond}, calendar)
  end

  def new(hour, minute, second, microsecond \\ {0, 0}, calendar \\ Calendar.ISO)
  def new(hour, minute, second, microsecond, calendar) when is_integer(microsecond),
    do: new(hour, minute, second, {microsecond, 6}, calendar)
  def new(hour, minute, second, {microsecond, precision}, calendar)
      when is_integer(hour) and is_integer(minute) and is_integer(second) and is_integer(microsecond) and
             is_integer(precision) do
    if calendar.valid_time?(hour, minute, second, {microsecond, precision}) do
      {:ok, %Time{hour: hour, minute: minute, second: second, microsecond: {microsecond, precision}, calendar: calendar}}
    else
      {:error, :invalid_time}
    end
  end

  def new!(hour, minute, second, microsecond \\ {0, 0}, calendar \\ Calendar.ISO) do
    case new(hour, minute, second, microsecond, calendar) do
      {:ok, time} -> time
      {:error, reason} -> raise ArgumentError, "cannot build time, reason: #{inspect(reason)}"
    end
  end

  def to_string(%{hour: hour, minute: minute, second: second, microsecond: microsecond, calendar: calendar}),
    do: calendar.time_to_string(hour, minute, second, microsecond)

  def from_iso8601(string, calendar \\ Calendar.ISO) do
    with {:ok, {hour, minute, second, microsecond}} <- Calendar.ISO.parse_time(string) do
      convert(%Time{hour: hour, minute: minute, second: second, microsecond: microsecond}, calendar)
    end
  end

  def from_iso8601!(string, calendar \\ Calendar.ISO) do
    case from_iso8601(string, calendar) do
      {:ok, time} -> time
      {:error, reason} -> raise ArgumentError, "cannot parse #{inspect(string)} as time, reason: #{inspect(reason)}"
    end
  end

  def to_iso8601(time, format \\ :extended)
  def to_iso8601(%{calendar: Calendar.ISO} = time, format) when format in [:extended, :basic] do
    %{hour: hour, minute: minute, second: second, microsecond: microsecond} = time
    Calendar.ISO.time_to_string(hour, minute, second, microsecond, format)
  end
  def to_iso8601(%{calendar: _} = time, format) when format in [:extended, :basic],
    do: to_iso8601(convert!(time, Calendar.ISO), format)

  def to_erl(time) do
    %{hour: hour, minute: minute, second: second} = convert!(time, Calendar.ISO)
    {hour, minute, second}
  end

  def from_erl(tuple, microsecond \\ {0, 0}, calendar \\ Calendar.ISO)
  def from_erl({hour, minute, second}, microsecond, calendar) do
    with {:ok, time} <- new(hour, minute, second, microsecond, Calendar.ISO), do: convert(time, calendar)
  end

  def from_erl!(tuple, microsecond \\ {0, 0}, calendar \\ Calendar.ISO) do
    case from_erl(tuple, microsecond, calendar) do
      {:ok, time} -> time
      {:error, reason} -> raise ArgumentError, "cannot convert #{inspect(tuple)} to time, reason: #{inspect(reason)}"
    end
  end

  def from_seconds_after_midnight(seconds, microsecond \\ {0, 0}, calendar \\ Calendar.ISO)
      when is_integer(seconds) do
    {hour, minute, second, _} =
      calendar.time_from_day_fraction({Integer.mod(seconds, 86400), 86400})
    %Time{hour: hour, minute: minute, second: second, microsecond: microsecond, calendar: calendar}
  end

  def to_seconds_after_midnight(%{microsecond: {microsecond, _}} = time),
    do: {Calendar.ISO.iso_days_to_unit({0, to_day_fraction(time)}, :second), microsecond}

  def add(time, amount_to_add, unit \\ :second)
  def add(time, amount_to_add, :hour) when is_integer(amount_to_add), do: add(time, amount_to_add * 3600, :second)
  def add(time, amount_to_add, :minute) when is_integer(amount_to_add), do: add(time, amount_to_add * 60, :second)
  def add(%{calendar: calendar, microsecond: {_, precision}} = time, amount_to_add, unit)
      when is_integer(amount_to_add) do
    total = Calendar.ISO.iso_days_to_unit({0, to_day_fraction(time)}, :microsecond) +
      System.convert_time_unit(amount_to_add, unit, :microsecond)
    {hour, minute, second, {microsecond, _}} =
      calendar.time_from_day_fraction({Integer.mod(total, @parts_per_day), @parts_per_day})
    %Time{hour: hour, minute: minute, second: second, microsecond: {microsecond, precision}, calendar: calendar}
  end

  def compare(%{calendar: calendar} = time1, %{calendar: calendar} = time2) do
    %{hour: h1, minute: m1, second: s1, microsecond: {us1, _}} = time1
    %{hour: h2, minute: m2, second: s2, microsecond: {us2, _}} = time2
    case {{h1, m1, s1, us1}, {h2, m2, s2, us2}} do
      {first, second} when first > second -> :gt
      {first, second} when first < second -> :lt
      _ -> :eq
    end
  end
  def compare(time1, time2) do
    {parts1, ppd1} = to_day_fraction(time1)
    {parts2, ppd2} = to_day_fraction(time2)
    case {parts1 * ppd2, parts2 * ppd1} do
      {first, second} when first > second -> :gt
      {first, second} when first < second -> :lt
      _ -> :eq
    end
  end

  def convert(%Time{calendar: calendar} = time, calendar), do: {:ok, time}
  def convert(%{calendar: calendar, hour: h, minute: m, second: s, microsecond: us}, calendar),
    do: {:ok, %Time{calendar: calendar, hour: h, minute: m, second: s, microsecond: us}}
  def convert(%{microsecond: {_, precision}} = time, calendar) do
    {hour, minute, second, {microsecond, _}} = calendar.time_from_day_fraction(to_day_fraction(time))
    {:ok, %Time{calendar: calendar, hour: hour, minute: minute, second: second, microsecond: {microsecond, precision}}}
  end

  def convert!(time, calendar) do
    case convert(time, calendar) do
      {:ok, value} -> value
      {:error, reason} ->
        raise ArgumentError, "cannot convert #{inspect(time)} to target calendar #{inspect(calendar)}, " <>
          "reason: #{inspect(reason)}"
    end
  end

  def diff(time1, time2, unit \\ :second)
  def diff(time1, time2, :hour), do: div(diff(time1, time2, :second), 3600)
  def diff(time1, time2, :minute), do: div(diff(time1, time2, :second), 60)
  # (Elixir 1.14's Calendar.ISO shortcut never matches: each time is
  # converted to the unit before the subtraction)
  def diff(time1, time2, unit) do
    Calendar.ISO.iso_days_to_unit({0, to_day_fraction(time1)}, unit) -
      Calendar.ISO.iso_days_to_unit({0, to_day_fraction(time2)}, unit)
  end

  def truncate(%Time{microsecond: microsecond} = time, precision),
    do: %{time | microsecond: Calendar.truncate(microsecond, precision)}

  defp to_day_fraction(%{hour: hour, minute: minute, second: second, microsecond: {_, _} = us, calendar: calendar}),
    do: calendar.time_to_day_fraction(hour, minute, second, us)
end
