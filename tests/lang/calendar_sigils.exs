# ~D ~T ~N ~U: the forms Calendar.ISO parses, inspect and to_string of the
# structs they build, and the sigils as patterns.
IO.inspect ~D[2024-01-02]
IO.inspect ~D[-0099-01-31]
IO.inspect ~D[+2024-02-29]
IO.inspect ~T[10:00:00]
IO.inspect ~T[10:00:00.123]
IO.inspect ~T[10:00:00,5]
IO.inspect ~T[23:59:59.123456789]
IO.inspect ~T[T10:00:00Z]
IO.inspect ~T[10:00:00+02:00]
IO.inspect ~N[2024-01-02 03:04:05]
IO.inspect ~N[2024-01-02T03:04:05.000001]
IO.inspect ~N[2024-01-02 03:04:05-02:30]
IO.inspect ~U[2024-01-02 03:04:05Z]
IO.inspect ~U[2024-01-02T03:04:05.120+00:00]
IO.inspect ~U[2024-01-02 03:04:05.1+0000]
IO.inspect [~D[2024-01-02], ~T[10:00:00.123], ~N[2024-01-02 03:04:05.000001], ~U[2024-01-02 03:04:05Z]]
IO.inspect %{date: ~D[2024-01-02], time: {~T[00:00:00], :ok}}
IO.inspect ~D[2024-01-02], structs: false
IO.inspect ~U[2024-01-02 03:04:05Z], structs: false
d = ~D[2024-01-02]
IO.inspect {d.year, d.month, d.day, d.calendar}
t = ~T[10:20:30.40]
IO.inspect {t.hour, t.minute, t.second, t.microsecond}
u = ~U[2024-01-02 03:04:05Z]
IO.inspect {u.time_zone, u.zone_abbr, u.utc_offset, u.std_offset, u.microsecond}
IO.puts to_string(~D[2024-01-02])
IO.puts to_string(~T[10:00:00.123])
IO.puts to_string(~N[2024-01-02 03:04:05])
IO.puts to_string(~U[2024-01-02 03:04:05.120Z])
IO.puts "today is #{~D[2024-01-02]} at #{~T[09:30:00]}"
IO.puts "#{~N[2024-01-02 03:04:05.5]} and #{~U[2024-01-02 03:04:05Z]}"
IO.inspect ~D[2024-01-02] == Date.new!(2024, 1, 2)
IO.inspect ~T[10:00:00.123] == Time.new!(10, 0, 0, {123_000, 3})
IO.inspect ~T[10:00:00.123] == Time.new!(10, 0, 0, 123_000)

defmodule Holidays do
  def name(~D[2024-12-25]), do: "Christmas"
  def name(~D[2024-01-01]), do: "New Year"
  def name(%Date{}), do: "a working day"

  def noon?(~T[12:00:00]), do: true
  def noon?(_), do: false
end

IO.puts Holidays.name(Date.add(~D[2024-12-24], 1))
IO.puts Holidays.name(~D[2024-01-01])
IO.puts Holidays.name(~D[2024-03-01])
IO.inspect Holidays.noon?(Time.new!(12, 0, 0))
IO.inspect Holidays.noon?(~T[12:00:00.000])

case DateTime.from_unix(0) do
  {:ok, ~U[1970-01-01 00:00:00Z]} -> IO.puts "epoch"
  other -> IO.inspect other
end
~N[2024-01-02 03:04:05] = NaiveDateTime.new!(~D[2024-01-02], ~T[03:04:05])
IO.puts "matched"

defmodule Epoch do
  @epoch ~D[1970-01-01]
  @noon ~T[12:00:00]
  def epoch, do: @epoch
  def noon?(t) when t == @noon, do: true
  def noon?(_), do: false
end

IO.inspect Epoch.epoch()
IO.inspect {Epoch.noon?(~T[12:00:00]), Epoch.noon?(~T[12:00:01])}
IO.inspect String.Chars.to_string(~D[2024-01-01])
IO.inspect Enum.join([~D[2024-01-01], ~T[10:00:00]], ", ")
IO.inspect [~D(2024-01-01), ~D"2024-01-02", ~D{2024-01-03}, ~D|2024-01-04|, ~D<2024-01-05>, ~T/10:00:00/, ~U'2024-01-01 00:00:00Z']
