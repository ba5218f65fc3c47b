# Binaries and bitstrings: construction, size/type modifiers, matching.
IO.inspect(<<1, 2, 3>>, label: "bytes")
IO.inspect(<<"abc", 0>>, label: "string segment")
IO.inspect(<<256>>, label: "truncated to 8 bits")
IO.inspect(<<1::size(16)>>, label: "size 16")
IO.inspect(<<1::16-little>>, label: "16 little")
IO.inspect(<<-1::32-signed>>, label: "signed -1")
IO.inspect(<<3::4, 1::4>>, label: "nibbles")
IO.inspect(<<1::1, 0::1>>, label: "bitstring")
IO.inspect(<<1.5::float>>, label: "float 64")
IO.inspect(<<1.5::float-32>>, label: "float 32")
IO.inspect(<<"é"::utf8>>, label: "utf8 segment")
IO.inspect(<<233::utf8>>, label: "utf8 codepoint")
x = "xyz"
IO.inspect(<<x::binary, "!">>, label: "binary var")
IO.inspect(byte_size(<<1, 2, 3>>), label: "byte_size")
IO.inspect(bit_size(<<1::3>>), label: "bit_size")
<<a, b, rest::binary>> = "hello"
IO.inspect({a, b, rest}, label: "head bytes and rest")
<<len::8, payload::binary-size(len), tail::binary>> = <<3, "abcdef">>
IO.inspect({len, payload, tail}, label: "length-prefixed")
<<n::16, _::binary>> = <<1, 2, 99>>
IO.inspect(n, label: "16-bit big-endian")
<<m::little-16>> = <<1, 2>>
IO.inspect(m, label: "16-bit little")
<<s::signed-8>> = <<255>>
IO.inspect(s, label: "signed byte")
<<f::float>> = <<64, 9, 33, 251, 84, 68, 45, 24>>
IO.inspect(f, label: "float decode")
"prefix" <> suffix = "prefix-rest"
IO.inspect(suffix, label: "prefix match")
case "GET /index" do
  "GET " <> path -> IO.inspect(path, label: "case prefix")
  _ -> :no
end
<<c::utf8, more::binary>> = "éa"
IO.inspect({c, more}, label: "utf8 match")
<<bits::bitstring-size(3), _::bitstring>> = <<0b10100000>>
IO.inspect(bits, label: "3 bits")
IO.inspect(is_bitstring(<<1::3>>), label: "is_bitstring")
IO.inspect(is_binary(<<1::3>>), label: "is_binary of 3 bits")
IO.inspect(:binary.part("abcdef", 1, 3), label: ":binary.part")
IO.inspect(:binary.bin_to_list("ab"), label: "bin_to_list")
IO.inspect(<<0::size(2)-unit(8)>>, label: "unit")
IO.inspect(<<"a", "b">> == "ab", label: "concat equality")
IO.inspect(binary_part("hello", 0, 2), label: "binary_part")
