# Uncaught BadMapError from map update syntax on a non-map.
not_a_map = Enum.at([[a: 1]], 0)
IO.puts("updating")
_ = %{not_a_map | a: 2}
IO.puts("never printed")
