# Calendar.strftime/2,3: every conversion, padding and width modifiers,
# the preferred formats and the name options.
dt = ~U[2019-08-26 13:52:06.012345Z]
for f <- ~w(%a %A %b %B %c %d %f %H %I %j %m %M %p %P %q %S %u %x %X %y %Y %z %Z %%) do
  IO.puts "#{f} -> [#{Calendar.strftime(dt, f)}]"
end
IO.puts Calendar.strftime(~U[2019-08-26 13:52:06.0Z], "%y-%m-%d %I:%M:%S %p")
IO.puts Calendar.strftime(~U[2020-04-02 13:52:06.0Z], "%B %-d, %Y")
IO.puts Calendar.strftime(~N[2024-01-02 00:05:09], "%-H:%-M:%-S %-I %P")
IO.puts Calendar.strftime(~N[2024-01-02 00:05:09], "[%5d] [%_5d] [%05d] [%-5d] [%10A] [%-10A] [%010A]")
IO.puts Calendar.strftime(~N[2024-01-02 00:05:09], "[%3Y] [%8Y] [%_8Y] [%3j] [%8j] [%2f] [%10%]")
IO.puts Calendar.strftime(~D[0042-03-04], "%Y %y %j %q %u %a")
IO.puts Calendar.strftime(~T[09:08:07.5], "%H %I %M %S %f %p %z %Z.")
IO.puts Calendar.strftime(~T[12:00:00], "%I %p")
IO.puts Calendar.strftime(~D[2024-07-14], "%x|%12x|%c", preferred_date: "%d/%m/%Y", preferred_datetime: "%x")
IO.puts Calendar.strftime(~T[18:30:00], "%X", preferred_time: "%I:%M %p")
IO.puts Calendar.strftime(~U[2019-08-26 13:52:06.0Z], "%c", preferred_datetime: "%H:%M:%S %d-%m-%y")
paris = %DateTime{year: 2024, month: 7, day: 14, hour: 22, minute: 0, second: 0, microsecond: {0, 0},
                  time_zone: "Europe/Paris", zone_abbr: "CEST", utc_offset: 3600, std_offset: 3600}
IO.puts Calendar.strftime(paris, "%z %Z %8z %_8z %-z")
IO.puts Calendar.strftime(%{paris | utc_offset: -16200, std_offset: 0}, "%z")
IO.puts Calendar.strftime(~U[2019-08-26 13:52:06.0Z], "%A",
  day_of_week_names: fn day_of_week ->
    {"segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo"}
    |> elem(day_of_week - 1)
  end)
IO.puts Calendar.strftime(~U[2019-08-26 13:52:06.0Z], "%B %b %a",
  month_names: fn _ -> "Agosto" end,
  abbreviated_month_names: fn _ -> "ago" end,
  abbreviated_day_of_week_names: fn _ -> "seg" end,
  am_pm_names: fn _ -> "x" end)
IO.puts Calendar.strftime(~T[13:00:00], "%p %P", am_pm_names: fn :am -> "a.m."; :pm -> "p.m." end)
IO.puts Calendar.strftime(~D[2024-01-02], "no conversions")
IO.puts Calendar.strftime(~D[2024-01-02], "")
