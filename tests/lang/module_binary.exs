# defmodule returns {:module, Name, binary, last}: the binary is a .beam
# container ("FOR1" ... "BEAM") whose atom table ("AtU8") starts with the
# module's name and then :__info__, as the Elixir compiler writes it.
{:module, Demo.Bin, bin, last} =
  defmodule Demo.Bin do
    def f(x), do: x * 2
    def g, do: :ok
  end

IO.inspect(last)
<<form::binary-size(4), size::32, kind::binary-size(4), chunk::binary-size(4), _::32, _count::32, rest::binary>> = bin
IO.inspect({form, kind, chunk})
IO.inspect(size == byte_size(bin) - 8)
<<n1, first::binary-size(n1), n2, second::binary-size(n2), _::binary>> = rest
IO.inspect({first, second})
IO.inspect(is_binary(bin) and byte_size(bin) > 24)
