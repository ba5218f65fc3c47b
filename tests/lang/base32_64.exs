# Base: every encoding, its options, and the errors of the bang decoders.
IO.inspect Base.decode16("666F6F626172")
IO.inspect Base.decode16("666f6f626172", case: :lower)
IO.inspect Base.decode16("666f6F626172", case: :mixed)
IO.inspect Base.decode16!("666F6F626172")
IO.inspect Base.decode16!("666f6f626172", case: :lower)
IO.inspect Base.decode16!("666f6F626172", case: :mixed)
IO.inspect Base.decode32("MZXW6YTBOI======")
IO.inspect Base.decode32("mzxw6ytboi======", case: :lower)
IO.inspect Base.decode32("mzXW6ytBOi======", case: :mixed)
IO.inspect Base.decode32("MZXW6YTBOI", padding: false)
IO.inspect Base.decode32!("MZXW6YTBOI======")
IO.inspect Base.decode32!("mzxw6ytboi======", case: :lower)
IO.inspect Base.decode32!("mzXW6ytBOi======", case: :mixed)
IO.inspect Base.decode32!("MZXW6YTBOI", padding: false)
IO.inspect Base.decode64("Zm9vYmFy")
IO.inspect Base.decode64("Zm9vYmFy\n", ignore: :whitespace)
IO.inspect Base.decode64("Zm9vYg==")
IO.inspect Base.decode64("Zm9vYg", padding: false)
IO.inspect Base.decode64!("Zm9vYmFy")
IO.inspect Base.decode64!("Zm9vYmFy\n", ignore: :whitespace)
IO.inspect Base.decode64!("Zm9vYg==")
IO.inspect Base.decode64!("Zm9vYg", padding: false)
IO.inspect Base.encode16("foobar")
IO.inspect Base.encode16("foobar", case: :lower)
IO.inspect Base.encode32("foobar")
IO.inspect Base.encode32("foobar", case: :lower)
IO.inspect Base.encode32("foobar", padding: false)
IO.inspect Base.encode64("foobar")
IO.inspect Base.encode64("foob")
IO.inspect Base.encode64("foob", padding: false)
IO.inspect Base.hex_decode32("CPNMUOJ1E8======")
IO.inspect Base.hex_decode32("cpnmuoj1e8======", case: :lower)
IO.inspect Base.hex_decode32("cpnMuOJ1E8======", case: :mixed)
IO.inspect Base.hex_decode32("CPNMUOJ1E8", padding: false)
IO.inspect Base.hex_decode32!("CPNMUOJ1E8======")
IO.inspect Base.hex_decode32!("cpnmuoj1e8======", case: :lower)
IO.inspect Base.hex_decode32!("cpnMuOJ1E8======", case: :mixed)
IO.inspect Base.hex_decode32!("CPNMUOJ1E8", padding: false)
IO.inspect Base.hex_encode32("foobar")
IO.inspect Base.hex_encode32("foobar", case: :lower)
IO.inspect Base.hex_encode32("foobar", padding: false)
IO.inspect Base.url_decode64("_3_-_A==")
IO.inspect Base.url_decode64("_3_-_A==\n", ignore: :whitespace)
IO.inspect Base.url_decode64("_3_-_A", padding: false)
IO.inspect Base.url_decode64!("_3_-_A==")
IO.inspect Base.url_decode64!("_3_-_A==\n", ignore: :whitespace)
IO.inspect Base.url_decode64!("_3_-_A", padding: false)
IO.inspect Base.url_encode64(<<255, 127, 254, 252>>)
IO.inspect Base.url_encode64(<<255, 127, 254, 252>>, padding: false)

# every length round-trips, padded and not
for n <- 0..11 do
  data = :binary.list_to_bin(Enum.to_list(250..(250 - n + 1)//-1))
  for {enc, dec} <- [{:encode16, :decode16}, {:encode32, :decode32}, {:hex_encode32, :hex_decode32},
                     {:encode64, :decode64}, {:url_encode64, :url_decode64}],
      opts <- [[], [padding: false], [case: :lower]] do
    e = apply(Base, enc, [data, opts])
    {:ok, ^data} = apply(Base, dec, [e, opts])
  end
  IO.puts "#{n}: #{Base.encode32(data)} #{Base.hex_encode32(data, case: :lower, padding: false)} #{Base.url_encode64(data)}"
end

# padded input is also accepted with padding: false; trailing bits are ignored
IO.inspect Base.decode64("Zm9vYg==", padding: false)
IO.inspect Base.decode32("MZXW6===", padding: false)
IO.inspect Base.decode64("Zm9vYh==")
IO.inspect Base.decode64("Zm9v YmFy", ignore: :whitespace)
IO.inspect Base.decode64("")
IO.inspect Base.decode32("")

# errors
for {f, a} <- [{:decode16!, ["abc"]}, {:decode16!, ["zz"]}, {:decode16!, ["ab"]}, {:decode16!, ["AB", [case: :lower]]},
               {:decode32!, ["MZXW6YQ"]}, {:decode32!, ["MZXW6YQ1"]}, {:decode32!, ["mzxw6yq="]},
               {:decode32!, ["MZXW6==="]}, {:decode32!, ["MZX====="]}, {:hex_decode32!, ["CPNMUOJW"]},
               {:decode32!, ["MZXW6", [padding: false]]}, {:decode32!, ["MZX", [padding: false]]},
               {:decode64!, ["Zm9vYg"]}, {:decode64!, ["Zm9vY!=="]}, {:url_decode64!, ["_-8"]},
               {:url_decode64!, ["_+8="]}, {:decode64!, ["Z==="]}, {:decode64!, ["Zm9vYg="]},
               {:decode64!, ["Zm9vY", [padding: false]]}, {:decode64!, ["Zm!vYg==Zm9vYg="]},
               {:decode64!, ["Zm9v\tYg==\r\n"]}, {:decode64!, ["Zm9v\tYg==\r\n", [ignore: :whitespace]]}] do
  try do
    IO.inspect apply(Base, f, a)
  rescue
    e in ArgumentError -> IO.puts "#{f} #{inspect(a)}: #{e.message}"
  end
end
IO.inspect Base.decode16("zz")
IO.inspect Base.decode32("MZXW6YQ")
IO.inspect Base.url_decode64("_+8=")
