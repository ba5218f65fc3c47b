# Node A: echoes whatever B sends, and tells what it received: big
# binaries (frames of many reads, frames that fill the output buffer) and
# maps of many keys (which a BEAM node sends in its hash order).
Process.register(self(), :echo)
IO.puts("READY")
defmodule Echo do
  def loop do
    receive do
      {:echo, from, term} ->
        send(from, {:back, term})
        loop()
      {:describe, from, term} ->
        send(from, {:described, describe(term)})
        loop()
      {:bye, from} ->
        send(from, :bye)
    end
  end

  defp describe(b) when is_binary(b), do: {:binary, byte_size(b), :erlang.phash2(b)}
  defp describe(m) when is_map(m), do: {:map, map_size(m), :erlang.phash2(Enum.sort(Map.to_list(m)))}
end
Echo.loop()
