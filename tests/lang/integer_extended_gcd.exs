# Integer.extended_gcd/2: the gcd is not negative, s * a + t * b == gcd,
# and a zero argument gives the other one as it is.
IO.inspect(Integer.extended_gcd(240, 46))
IO.inspect(Integer.extended_gcd(46, 240))
IO.inspect(Integer.extended_gcd(-46, 240))
IO.inspect(Integer.extended_gcd(-46, -240))
IO.inspect(Integer.extended_gcd(14, 21))
IO.inspect(Integer.extended_gcd(10, 0))
IO.inspect(Integer.extended_gcd(0, 10))
IO.inspect(Integer.extended_gcd(0, 0))
IO.inspect(Integer.extended_gcd(-7, 0))
IO.inspect(Integer.extended_gcd(0, -7))
IO.inspect(Integer.extended_gcd(12345678901234567890, 987654321987654321))

results = for a <- -12..12, b <- -12..12, do: Integer.extended_gcd(a, b)
IO.inspect(results, limit: :infinity)

try do
  Integer.extended_gcd(1.0, 2)
rescue
  e -> IO.puts(inspect(e.__struct__))
end
