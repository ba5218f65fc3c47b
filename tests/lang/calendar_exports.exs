# The public functions of the calendar modules are exactly Elixir 1.14's.
for m <- [Calendar, Calendar.ISO, Date, Time, NaiveDateTime, DateTime, Calendar.UTCOnlyTimeZoneDatabase] do
  IO.puts "#{inspect m}: " <> (m.__info__(:functions) |> Enum.reject(fn {f, _} -> f in [:__struct__] end) |> Enum.sort() |> Enum.map(fn {f,a} -> "#{f}/#{a}" end) |> Enum.join(" "))
end
