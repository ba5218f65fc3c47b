# Base: the encodings of RFC 4648 (base 16, 32, "extended hex" 32, 64 and
# URL-safe 64) with Elixir's options and error messages.
#
# Decoding follows Elixir's order of checks: the string is cut into a
# main part of whole 8-character blocks and a last block of 1 to 8
# characters; the main part's characters are checked first, then the last
# block's shape (its padding), then its characters.
defmodule Base do
  @b16_upper "0123456789ABCDEF"
  @b16_lower "0123456789abcdef"
  @b32_upper "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
  @b32_lower "abcdefghijklmnopqrstuvwxyz234567"
  @hex32_upper "0123456789ABCDEFGHIJKLMNOPQRSTUV"
  @hex32_lower "0123456789abcdefghijklmnopqrstuv"
  @b64 "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
  @b64url "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

  # ---- encoding ----

  def encode16(data, opts \\ []) when is_binary(data) do
    encode(data, 4, alphabet16(Keyword.get(opts, :case, :upper)), false)
  end

  def encode32(data, opts \\ []) when is_binary(data) do
    abc = if Keyword.get(opts, :case, :upper) == :lower, do: @b32_lower, else: @b32_upper
    encode(data, 5, abc, Keyword.get(opts, :padding, true))
  end

  def hex_encode32(data, opts \\ []) when is_binary(data) do
    abc = if Keyword.get(opts, :case, :upper) == :lower, do: @hex32_lower, else: @hex32_upper
    encode(data, 5, abc, Keyword.get(opts, :padding, true))
  end

  def encode64(data, opts \\ []) when is_binary(data), do: encode(data, 6, @b64, Keyword.get(opts, :padding, true))
  def url_encode64(data, opts \\ []) when is_binary(data), do: encode(data, 6, @b64url, Keyword.get(opts, :padding, true))

  # Characters of `width` bits; the last one is completed with zero bits,
  # then padded with "=" to a whole group (8 characters for base 32,
  # 4 for base 64).
  defp encode(data, width, abc, padding) do
    extra = rem(bit_size(data), width)
    bits = if extra == 0, do: data, else: <<data::bitstring, 0::size(width - extra)>>
    chars = for <<c::size(width) <- bits>>, into: "", do: <<:binary.at(abc, c)>>
    group = if width == 5, do: 8, else: 4
    if padding and rem(byte_size(chars), group) != 0 do
      chars <> :binary.copy("=", group - rem(byte_size(chars), group))
    else
      chars
    end
  end

  defp alphabet16(:lower), do: @b16_lower
  defp alphabet16(_), do: @b16_upper

  # ---- decoding ----

  def decode16(string, opts \\ []), do: ok_or_error(fn -> decode16!(string, opts) end)
  def decode32(string, opts \\ []), do: ok_or_error(fn -> decode32!(string, opts) end)
  def hex_decode32(string, opts \\ []), do: ok_or_error(fn -> hex_decode32!(string, opts) end)
  def decode64(string, opts \\ []), do: ok_or_error(fn -> decode64!(string, opts) end)
  def url_decode64(string, opts \\ []), do: ok_or_error(fn -> url_decode64!(string, opts) end)

  def decode16!(string, opts \\ [])
  def decode16!(string, opts) when is_binary(string) and rem(byte_size(string), 2) == 0 do
    values = for <<c <- string>>, do: value16(c, Keyword.get(opts, :case, :upper))
    for v <- values, into: <<>>, do: <<v::4>>
  end
  def decode16!(string, _opts) when is_binary(string) do
    raise ArgumentError,
          "string given to decode has wrong length. An even number of bytes was expected, got: " <>
            "#{byte_size(string)}. Double check your string for unwanted characters or pad it accordingly"
  end

  def decode32!(string, opts \\ []) when is_binary(string) do
    decode(string, 5, case_alphabets(Keyword.get(opts, :case, :upper), @b32_upper, @b32_lower), Keyword.get(opts, :padding, true))
  end

  def hex_decode32!(string, opts \\ []) when is_binary(string) do
    decode(string, 5, case_alphabets(Keyword.get(opts, :case, :upper), @hex32_upper, @hex32_lower), Keyword.get(opts, :padding, true))
  end

  def decode64!(string, opts \\ []) when is_binary(string) do
    decode(ignore(string, opts), 6, [@b64], Keyword.get(opts, :padding, true))
  end

  def url_decode64!(string, opts \\ []) when is_binary(string) do
    decode(ignore(string, opts), 6, [@b64url], Keyword.get(opts, :padding, true))
  end

  defp ok_or_error(fun) do
    try do
      {:ok, fun.()}
    rescue
      ArgumentError -> :error
    end
  end

  defp ignore(string, opts) do
    case Keyword.get(opts, :ignore) do
      :whitespace -> for <<c <- string>>, c not in [?\s, ?\t, ?\r, ?\n], into: <<>>, do: <<c>>
      _ -> string
    end
  end

  defp case_alphabets(:lower, _upper, lower), do: [lower]
  defp case_alphabets(:mixed, upper, lower), do: [upper, lower]
  defp case_alphabets(_, upper, _lower), do: [upper]

  defp value16(c, kase) do
    case kase do
      :lower -> value(c, [@b16_lower])
      :mixed -> value(c, [@b16_upper, @b16_lower])
      _ -> value(c, [@b16_upper])
    end
  end

  defp decode(<<>>, _width, _abcs, _padding), do: <<>>
  defp decode(string, width, abcs, padding) do
    main_size = (div(byte_size(string) + 7, 8) - 1) * 8
    <<main::binary-size(main_size), last::binary>> = string
    main_values = for <<c <- main>>, do: value(c, abcs)
    data = last_block_data(last, width, padding)
    values = main_values ++ for <<c <- data>>, do: value(c, abcs)
    bits = for v <- values, into: <<>>, do: <<v::size(width)>>
    <<bytes::binary-size(div(bit_size(bits), 8)), _::bitstring>> = bits
    bytes
  end

  # The characters of the last block that carry data, after the shapes
  # Elixir accepts: padded to a whole group, or (without padding) cut short
  # where whole bytes end.
  defp last_block_data(last, width, padding) do
    size = byte_size(last)
    {padded, unpadded} =
      if width == 5, do: {[{2, 8}, {4, 8}, {5, 8}, {7, 8}, {8, 8}], [2, 4, 5, 7]},
      else: {[{2, 4}, {3, 4}, {4, 4}, {6, 8}, {7, 8}, {8, 8}], [2, 3, 6, 7]}
    shape =
      Enum.find(padded, fn {data, total} ->
        total == size and binary_part(last, data, total - data) == :binary.copy("=", total - data)
      end)
    cond do
      shape != nil -> binary_part(last, 0, elem(shape, 0))
      not padding and size in unpadded -> last
      true -> raise ArgumentError, "incorrect padding"
    end
  end

  defp value(c, [abc | more]) do
    case :binary.match(abc, <<c>>) do
      {i, 1} -> i
      :nomatch -> value(c, more)
    end
  end
  defp value(c, []) do
    shown = if c < 128, do: inspect(<<c>>), else: "\"\\x" <> Integer.to_string(c, 16) <> "\""
    raise ArgumentError, "non-alphabet character found: #{shown} (byte #{c})"
  end
end
