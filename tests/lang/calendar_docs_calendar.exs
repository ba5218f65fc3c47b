# The iex> examples of the documentation of Calendar (Elixir 1.14, Code.fetch_docs/1),
# each expression inspected; examples needing another calendar or time zone
# database than Calendar.ISO with Calendar.UTCOnlyTimeZoneDatabase left out.
# Calendar.strftime/3
IO.inspect(Calendar.strftime(~U[2019-08-26 13:52:06.0Z], "%y-%m-%d %I:%M:%S %p"))
IO.inspect(Calendar.strftime(~U[2019-08-26 13:52:06.0Z], "%a, %B %d %Y"))
IO.inspect(Calendar.strftime(~U[2020-04-02 13:52:06.0Z], "%B %-d, %Y"))
IO.inspect(Calendar.strftime(~U[2019-08-26 13:52:06.0Z], "%c"))
IO.inspect(Calendar.strftime(~U[2019-08-26 13:52:06.0Z], "%c", preferred_datetime: "%H:%M:%S %d-%m-%y"))
IO.inspect(Calendar.strftime(
~U[2019-08-26 13:52:06.0Z],
"%A",
day_of_week_names: fn day_of_week ->
{"segunda-feira", "terça-feira", "quarta-feira", "quinta-feira",
"sexta-feira", "sábado", "domingo"}
|> elem(day_of_week - 1)
end
))
IO.inspect(Calendar.strftime(
~U[2019-08-26 13:52:06.0Z],
"%B",
month_names: fn month ->
{"январь", "февраль", "март", "апрель", "май", "июнь",
"июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"}
|> elem(month - 1)
end
))

