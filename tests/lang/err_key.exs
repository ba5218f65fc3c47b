# Uncaught KeyError from Map.fetch!/2.
m = Enum.at([%{a: 1, b: 2}], 0)
IO.inspect(Map.fetch!(m, :a), label: "present key")
_ = Map.fetch!(m, :c)
IO.puts("never printed")
