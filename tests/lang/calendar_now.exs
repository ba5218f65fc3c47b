# The clock readers: their shape and sanity, not their value.
now = DateTime.utc_now()
IO.inspect {now.__struct__, now.time_zone, now.zone_abbr, now.utc_offset, now.std_offset, now.calendar}
IO.inspect {now.year >= 2024, elem(now.microsecond, 1)}
IO.inspect String.starts_with?(inspect(now), "~U[") and String.ends_with?(inspect(now), "Z]")
IO.inspect String.length(inspect(now)) == String.length("~U[2024-01-02 03:04:05.123456Z]")
later = DateTime.utc_now()
IO.inspect DateTime.compare(later, now) in [:gt, :eq]
IO.inspect DateTime.diff(later, now, :microsecond) in 0..5_000_000
IO.inspect abs(DateTime.to_unix(now) - System.os_time(:second)) <= 5
IO.inspect abs(DateTime.to_unix(now) - :os.system_time(:second)) <= 5
IO.inspect abs(DateTime.to_unix(now, :millisecond) - System.system_time(:millisecond)) <= 5000
{:ok, utc} = DateTime.now("Etc/UTC")
IO.inspect {utc.time_zone, DateTime.diff(utc, now) in 0..5}
IO.inspect DateTime.now!("Etc/UTC").time_zone
IO.inspect DateTime.now("Europe/Paris")

naive = NaiveDateTime.utc_now()
IO.inspect {naive.__struct__, elem(naive.microsecond, 1), String.starts_with?(inspect(naive), "~N[")}
IO.inspect abs(NaiveDateTime.diff(naive, DateTime.to_naive(now))) <= 5
local = NaiveDateTime.local_now()
IO.inspect {local.__struct__, local.microsecond}

today = Date.utc_today()
IO.inspect {today.__struct__, Date.diff(today, DateTime.to_date(now)) in 0..1}
shape = fn string -> String.replace(string, ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], "d") end
IO.inspect shape.(Date.to_string(today))

time = Time.utc_now()
IO.inspect {time.__struct__, elem(time.microsecond, 1), time.hour in 0..23}
IO.inspect shape.(Time.to_string(time))
