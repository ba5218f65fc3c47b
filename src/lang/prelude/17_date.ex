# Date: a calendar date, Elixir 1.14's API on Calendar.ISO.  Like Elixir's,
# the functions take any map with the date fields (a NaiveDateTime or a
# DateTime too).  ~D[...] is built by the compiler; inspect prints it back.
defmodule Date do
  defstruct [:year, :month, :day, calendar: Calendar.ISO]

  def new(year, month, day, calendar \\ Calendar.ISO) do
    if calendar.valid_date?(year, month, day) do
      {:ok, %Date{year: year, month: month, day: day, calendar: calendar}}
    else
      {:error, :invalid_date}
    end
  end

  def new!(year, month, day, calendar \\ Calendar.ISO) do
    case new(year, month, day, calendar) do
      {:ok, date} -> date
      {:error, reason} -> raise ArgumentError, "cannot build date, reason: #{inspect(reason)}"
    end
  end

  def utc_today(calendar \\ Calendar.ISO) do
    {:ok, {year, month, day}, _, _} = Calendar.ISO.from_unix(:os.system_time(:second), :second)
    convert!(%Date{year: year, month: month, day: day}, calendar)
  end

  def leap_year?(%{calendar: calendar, year: year}), do: calendar.leap_year?(year)
  def days_in_month(%{calendar: calendar, year: year, month: month}), do: calendar.days_in_month(year, month)
  def months_in_year(%{calendar: calendar, year: year}), do: calendar.months_in_year(year)

  def to_string(%{calendar: calendar, year: year, month: month, day: day}),
    do: calendar.date_to_string(year, month, day)

  def from_iso8601(string, calendar \\ Calendar.ISO) do
    with {:ok, {year, month, day}} <- Calendar.ISO.parse_date(string) do
      convert(%Date{year: year, month: month, day: day}, calendar)
    end
  end

  def from_iso8601!(string, calendar \\ Calendar.ISO) do
    case from_iso8601(string, calendar) do
      {:ok, date} -> date
      {:error, reason} -> raise ArgumentError, "cannot parse #{inspect(string)} as date, reason: #{inspect(reason)}"
    end
  end

  def to_iso8601(date, format \\ :extended)
  def to_iso8601(%{calendar: Calendar.ISO, year: y, month: m, day: d}, format) when format in [:basic, :extended],
    do: Calendar.ISO.date_to_string(y, m, d, format)
  def to_iso8601(%{calendar: _} = date, format) when format in [:basic, :extended],
    do: to_iso8601(convert!(date, Calendar.ISO), format)

  def to_erl(date) do
    %{year: year, month: month, day: day} = convert!(date, Calendar.ISO)
    {year, month, day}
  end

  def from_erl(tuple, calendar \\ Calendar.ISO)
  def from_erl({year, month, day}, calendar) do
    with {:ok, date} <- new(year, month, day, Calendar.ISO), do: convert(date, calendar)
  end

  def from_erl!(tuple, calendar \\ Calendar.ISO) do
    case from_erl(tuple, calendar) do
      {:ok, date} -> date
      {:error, reason} -> raise ArgumentError, "cannot convert #{inspect(tuple)} to date, reason: #{inspect(reason)}"
    end
  end

  def from_gregorian_days(days, calendar \\ Calendar.ISO) when is_integer(days) do
    {year, month, day} = Calendar.ISO.date_from_iso_days(days)
    convert!(%Date{year: year, month: month, day: day}, calendar)
  end

  def to_gregorian_days(date) do
    {days, _} = to_iso_days(date)
    days
  end

  def to_iso_days(%{calendar: Calendar.ISO, year: year, month: month, day: day}),
    do: {Calendar.ISO.date_to_iso_days(year, month, day), {0, 86_400_000_000}}
  def to_iso_days(%{calendar: calendar, year: year, month: month, day: day}),
    do: calendar.naive_datetime_to_iso_days(year, month, day, 0, 0, 0, {0, 0})

  def compare(%{calendar: calendar} = date1, %{calendar: calendar} = date2) do
    case {{date1.year, date1.month, date1.day}, {date2.year, date2.month, date2.day}} do
      {first, second} when first > second -> :gt
      {first, second} when first < second -> :lt
      _ -> :eq
    end
  end
  def compare(%{calendar: calendar1} = date1, %{calendar: calendar2} = date2) do
    if Calendar.compatible_calendars?(calendar1, calendar2) do
      case {to_iso_days(date1), to_iso_days(date2)} do
        {first, second} when first > second -> :gt
        {first, second} when first < second -> :lt
        _ -> :eq
      end
    else
      raise ArgumentError, "cannot compare #{inspect(date1)} with #{inspect(date2)}.\n\n" <>
        "This comparison would be ambiguous as their calendars have incompatible day rollover moments.\n" <>
        "Specify an exact time of day (using DateTime) to resolve this ambiguity\n"
    end
  end

  def convert(%{calendar: calendar, year: year, month: month, day: day}, calendar),
    do: {:ok, %Date{calendar: calendar, year: year, month: month, day: day}}
  def convert(%{calendar: calendar} = date, target) do
    if Calendar.compatible_calendars?(calendar, target) do
      {year, month, day, _, _, _, _} = target.naive_datetime_from_iso_days(to_iso_days(date))
      {:ok, %Date{calendar: target, year: year, month: month, day: day}}
    else
      {:error, :incompatible_calendars}
    end
  end

  def convert!(date, calendar) do
    case convert(date, calendar) do
      {:ok, value} -> value
      {:error, reason} ->
        raise ArgumentError, "cannot convert #{inspect(date)} to target calendar #{inspect(calendar)}, " <>
          "reason: #{inspect(date.calendar)} and #{inspect(calendar)} have different day rollover moments, " <>
          "making this conversion ambiguous"
        reason
    end
  end

  def add(%{calendar: Calendar.ISO} = date, days) do
    {year, month, day} = Calendar.ISO.date_from_iso_days(to_gregorian_days(date) + days)
    %Date{calendar: Calendar.ISO, year: year, month: month, day: day}
  end

  def diff(%{calendar: Calendar.ISO} = date1, %{calendar: Calendar.ISO} = date2),
    do: to_gregorian_days(date1) - to_gregorian_days(date2)
  def diff(%{calendar: calendar1} = date1, %{calendar: calendar2} = date2) do
    if Calendar.compatible_calendars?(calendar1, calendar2) do
      to_gregorian_days(date1) - to_gregorian_days(date2)
    else
      raise ArgumentError, "cannot calculate the difference between #{inspect(date1)} and #{inspect(date2)} " <>
        "because their calendars are not compatible and thus the result would be ambiguous"
    end
  end

  def day_of_week(%{calendar: calendar, year: year, month: month, day: day}, starting_on \\ :default) do
    {dow, _, _} = calendar.day_of_week(year, month, day, starting_on)
    dow
  end

  def beginning_of_week(%{calendar: Calendar.ISO, year: y, month: m, day: d} = date, starting_on \\ :default) do
    case day_of_week(date, starting_on) do
      1 -> %Date{year: y, month: m, day: d}
      dow -> add(date, 1 - dow)
    end
  end

  def end_of_week(%{calendar: Calendar.ISO, year: y, month: m, day: d} = date, starting_on \\ :default) do
    case day_of_week(date, starting_on) do
      7 -> %Date{year: y, month: m, day: d}
      dow -> add(date, 7 - dow)
    end
  end

  def day_of_year(%{calendar: calendar, year: year, month: month, day: day}),
    do: calendar.day_of_year(year, month, day)
  def quarter_of_year(%{calendar: calendar, year: year, month: month, day: day}),
    do: calendar.quarter_of_year(year, month, day)
  def year_of_era(%{calendar: calendar, year: year, month: month, day: day}),
    do: calendar.year_of_era(year, month, day)
  def day_of_era(%{calendar: calendar, year: year, month: month, day: day}),
    do: calendar.day_of_era(year, month, day)

  def beginning_of_month(%{year: year, month: month, calendar: calendar}),
    do: %Date{year: year, month: month, day: 1, calendar: calendar}
  def end_of_month(%{year: year, month: month, calendar: calendar}),
    do: %Date{year: year, month: month, day: calendar.days_in_month(year, month), calendar: calendar}

  def range(%{calendar: calendar} = first, %{calendar: calendar} = last) do
    first_days = to_gregorian_days(first)
    last_days = to_gregorian_days(last)
    make_range(first, first_days, last, last_days, calendar, if(first_days <= last_days, do: 1, else: -1))
  end
  def range(%{calendar: _, year: _, month: _, day: _}, %{calendar: _, year: _, month: _, day: _}) do
    raise ArgumentError, "both dates must have matching calendars"
  end

  def range(%{calendar: calendar} = first, %{calendar: calendar} = last, step) when is_integer(step) and step != 0,
    do: make_range(first, to_gregorian_days(first), last, to_gregorian_days(last), calendar, step)
  def range(%{calendar: _, year: _, month: _, day: _} = first, %{calendar: _, year: _, month: _, day: _} = last, step) do
    raise ArgumentError, "both dates must have matching calendar and the step must be a " <>
      "non-zero integer, got: #{inspect(first)}, #{inspect(last)}, #{step}"
  end

  defp make_range(first, first_days, last, last_days, calendar, step) do
    %Date.Range{
      first: %Date{calendar: calendar, year: first.year, month: first.month, day: first.day},
      last: %Date{calendar: calendar, year: last.year, month: last.month, day: last.day},
      first_in_iso_days: first_days,
      last_in_iso_days: last_days,
      step: step
    }
  end
end

# Date.Range: what Date.range/2,3 returns, enumerable as Elixir's
# Enumerable implementation makes it (Enumerable calls reduce/3, count/1
# and member?/2 of a struct's module) and printed as Date.range(...).
defmodule Date.Range do
  defstruct [:first, :last, :first_in_iso_days, :last_in_iso_days, :step]

  @doc false
  def reduce(%Date.Range{first_in_iso_days: first, last_in_iso_days: last, step: step, first: %{calendar: c}},
             acc, fun),
    do: reduce(first, last, acc, fun, step, c)

  defp reduce(_first, _last, {:halt, acc}, _fun, _step, _c), do: {:halted, acc}
  defp reduce(first, last, {:suspend, acc}, fun, step, c),
    do: {:suspended, acc, &reduce(first, last, &1, fun, step, c)}
  defp reduce(first, last, {:cont, acc}, fun, step, c)
       when (step > 0 and first <= last) or (step < 0 and first >= last),
    do: reduce(first + step, last, fun.(date(first, c), acc), fun, step, c)
  defp reduce(_, _, {:cont, acc}, _fun, _step, _c), do: {:done, acc}

  defp date(days, Calendar.ISO) do
    {year, month, day} = Calendar.ISO.date_from_iso_days(days)
    %Date{year: year, month: month, day: day, calendar: Calendar.ISO}
  end
  defp date(days, calendar) do
    {year, month, day, _, _, _, _} = calendar.naive_datetime_from_iso_days({days, {0, 86_400_000_000}})
    %Date{year: year, month: month, day: day, calendar: calendar}
  end

  @doc false
  def count(range), do: {:ok, size(range)}

  @doc false
  def member?(%Date.Range{first: %{calendar: c}, first_in_iso_days: first, last_in_iso_days: last, step: step} = range,
              %Date{calendar: c} = date) do
    days = Date.to_gregorian_days(date)
    cond do
      size(range) == 0 -> {:ok, false}
      first <= last -> {:ok, first <= days and days <= last and rem(days - first, step) == 0}
      true -> {:ok, last <= days and days <= first and rem(days - first, step) == 0}
    end
  end
  def member?(%Date.Range{}, _), do: {:ok, false}

  defp size(%Date.Range{first_in_iso_days: first, last_in_iso_days: last, step: step}) when step > 0 and first > last,
    do: 0
  defp size(%Date.Range{first_in_iso_days: first, last_in_iso_days: last, step: step}) when step < 0 and first < last,
    do: 0
  defp size(%Date.Range{first_in_iso_days: first, last_in_iso_days: last, step: step}),
    do: abs(div(last - first, step)) + 1
end
