# Float rounding on exact decimals, Integer helpers, :erlang.float_to_binary/2, :io_lib.format, ETF, :binary, bitstring segments (signed, little, utf16/32, big integers), Base 16/64.
IO.inspect [Float.round(1.005, 2), Float.round(2.675, 2), Float.round(0.125, 2), Float.round(-2.5), Float.round(5.5e-10, 10), Float.ceil(-0.5), Float.floor(-0.0), Float.round(-0.4), Float.ceil(3.001,1), Float.floor(3.999, 2), Float.round(123.456, 0), Float.ceil(-1.23, 1), Float.round(1.0e300, 2)]
IO.inspect [Float.ceil(-0.01, 1), Float.floor(0.01, 1), Float.round(-0.001, 2), Float.ceil(12.34, 15), Float.round(9.999, 2), Float.floor(-9.999, 2)]
IO.inspect Float.ratio(3.14)
IO.inspect Float.ratio(-0.5)
IO.inspect Float.ratio(1.0e20)
IO.inspect Integer.digits(-123)
IO.inspect Integer.digits(0)
IO.inspect Integer.digits(255, 16)
IO.inspect Integer.undigits([1, 15], 16)
IO.inspect Integer.to_string(-255, 16)
IO.inspect Integer.pow(-2, 63)
IO.inspect Integer.gcd(-12, 18)
IO.inspect Integer.mod(5, -3)
IO.inspect Integer.floor_div(5, -3)
IO.inspect Integer.extended_gcd(240, 46)
IO.inspect Integer.parse("1_000")
IO.inspect Integer.parse("0x1A", 16)
IO.inspect Integer.parse("Z", 36)
IO.inspect :erlang.float_to_binary(0.1, [{:decimals, 20}])
IO.inspect :erlang.float_to_binary(123.456, [{:scientific, 3}])
IO.inspect :erlang.float_to_list(1.0)
IO.inspect :erlang.float_to_binary(1.0e-10, [:short])
IO.inspect :erlang.float_to_binary(100.0, [{:decimals, 3}, :compact])
IO.inspect :math.sqrt(2) * :math.sqrt(2)
IO.inspect :math.log2(8)
IO.inspect :math.floor(-1.5)
IO.inspect [1 ** 2, 2 ** 0.5, 2.0 ** 2]
IO.inspect :io_lib.format('~p', [[1, 2, "x", {:a, 'b'}]]) |> List.flatten() |> to_string()
IO.inspect :io_lib.format('~w ~s ~ts', [[97], "ab", "é"]) |> IO.chardata_to_string()
IO.inspect :io_lib.format('~.2f ~8.3f ~e ~g', [1.5, -2.0, 12345.678, 0.5]) |> to_string()
IO.inspect :io_lib.format('~-8s| ~8s|', ['ab', 'cd']) |> to_string()
IO.inspect :io_lib.format('~c~c ~5c ~.16B ~.2b', [?a, ?b, ?x, 255, 5]) |> to_string()
IO.inspect :io_lib.format('~p', [%{a: <<1, 2>>, b: <<"str">>}]) |> to_string()
IO.inspect :erlang.term_to_binary({:a, [1, 2.5, "x"]})
IO.inspect :erlang.binary_to_term(:erlang.term_to_binary(%{1 => {:x, self() == self()}}))
IO.inspect :binary.split("a,b,c", ",", [:global])
IO.inspect :binary.split("a,,b,,", ",", [:global, :trim])
IO.inspect :binary.split("a,,b,,", ",", [:global, :trim_all])
IO.inspect :binary.matches("abcabc", ["b", "bc"])
IO.inspect :binary.replace("abcabc", "b", "[]", [:global, {:insert_replaced, 1}])
IO.inspect :binary.decode_unsigned(<<1, 0>>)
IO.inspect :binary.encode_unsigned(256, :little)
IO.inspect :binary.longest_common_prefix(["abc", "abd", "ab"])
IO.inspect <<-1::16-little-signed>>
<<a::4, b::12>> = <<0xAB, 0xCD>>
IO.inspect {a, b}
<<x::float-32>> = <<1.5::float-32>>
IO.inspect x
IO.inspect <<1::3, 2::5, "x", 300::16-little>>
IO.inspect <<0x1F600::utf16, 0x41::utf32-little>>
<<u::utf16, rest::binary>> = <<0x1F600::utf16, "z">>
IO.inspect {u, rest}
<<big::128>> = <<255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255>>
IO.inspect big
<<sbig::signed-96>> = <<255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 254>>
IO.inspect sbig
IO.inspect <<(-2)::96-signed>>
IO.inspect <<1234567890123456789012345678901234567890::160>>
IO.inspect :erlang.phash2({1, 2}, 10) < 10
IO.inspect is_integer(System.unique_integer([:positive]))
IO.inspect Base.encode16(<<255, 1>>, case: :lower)
IO.inspect Base.decode16("FF01")
IO.inspect Base.decode16("ff01", case: :lower)
IO.inspect Base.decode16("F")
for s <- ["", "f", "fo", "foo", "foob", "fooba", "foobar", <<255, 254, 253>>] do
  e = Base.encode64(s)
  IO.inspect {e, Base.decode64(e), Base.encode64(s, padding: false), Base.url_encode64(s)}
end
IO.inspect Base.decode64("Zm9v!")
IO.inspect Base.decode64("Zm9vYg")
IO.inspect Base.decode64("Zm9vYg", padding: false)
IO.inspect Base.decode64!("Zm9vYmFy")
