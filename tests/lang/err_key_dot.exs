# Uncaught KeyError from map.key dot access on a missing key.
m = Enum.at([%{name: "kv"}], 0)
IO.inspect(m.name, label: "present key")
IO.inspect(m.size)
IO.puts("never printed")
