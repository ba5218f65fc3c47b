# Collectable: what Enum.into/2 and `for ... into:` put values into.
# Lists, maps, binaries and MapSets are collected by Enum.into directly; a
# value with a defimpl (Collectable.Mod) goes through its into/1:
# {initial, fun}, fun.(acc, {:cont, x}) for each value, then
# fun.(acc, :done) (fun.(acc, :halt) when the enumeration raises).
defmodule Collectable do
  def into(collectable) do
    case :ciex.protocol_impl(Collectable, collectable, false) do
      nil -> builtin_into(collectable)
      impl -> impl.into(collectable)
    end
  end

  defp builtin_into(list) when is_list(list) do
    {[], fn
      acc, {:cont, x} -> [x | acc]
      acc, :done -> list ++ :lists.reverse(acc)
      _, :halt -> :ok
    end}
  end
  defp builtin_into(%{__struct__: MapSet} = set) do
    {set, fn
      acc, {:cont, x} -> MapSet.put(acc, x)
      acc, :done -> acc
      _, :halt -> :ok
    end}
  end
  defp builtin_into(%{__struct__: _} = other) do
    :erlang.error(Protocol.UndefinedError.exception(protocol: Collectable, value: other))
  end
  defp builtin_into(map) when is_map(map) do
    {map, fn
      acc, {:cont, {k, v}} -> :maps.put(k, v, acc)
      acc, :done -> acc
      _, :halt -> :ok
    end}
  end
  defp builtin_into(bin) when is_binary(bin) do
    {[bin], fn
      acc, {:cont, x} when is_binary(x) -> [acc | x]
      acc, :done -> :erlang.iolist_to_binary(acc)
      _, :halt -> :ok
    end}
  end
  defp builtin_into(other) do
    :erlang.error(Protocol.UndefinedError.exception(protocol: Collectable, value: other))
  end

  defp builtin, do: [List, Map, BitString, MapSet]
  def impl_for(value), do: Protocol.__impl_for__(Collectable, value, builtin())
  def impl_for!(value), do: Protocol.__impl_for__!(Collectable, value, builtin())
  def __protocol__(:module), do: Collectable
  def __protocol__(:functions), do: [into: 1]
  def __protocol__(:consolidated?), do: false
  def __protocol__(:impls), do: :not_consolidated

  # Enum.into(enum, value) for a value with a defimpl
  def __collect__(enum, collectable) do
    case :ciex.protocol_impl(Collectable, collectable, false) do
      nil -> :erlang.error(Protocol.UndefinedError.exception(protocol: Collectable, value: collectable))
      impl ->
        {acc, fun} = impl.into(collectable)
        acc =
          try do
            Enum.reduce(enum, acc, fn x, acc -> fun.(acc, {:cont, x}) end)
          catch
            kind, reason ->
              fun.(acc, :halt)
              :erlang.raise(kind, reason, __STACKTRACE__)
          end
        fun.(acc, :done)
    end
  end
end
