# IO: output goes to the process's group leader with the io protocol.
defmodule IO do
  def puts(item), do: put_chars(:stdio, [to_chardata(item), ?\n])
  def puts(device, item), do: put_chars(device, [to_chardata(item), ?\n])
  def write(item), do: put_chars(:stdio, to_chardata(item))
  def write(device, item), do: put_chars(device, to_chardata(item))

  def inspect(item, opts \\ []) do
    inspect(:stdio, item, opts)
  end

  def inspect(device, item, opts) do
    text = Kernel.inspect(item, Keyword.put_new(opts, :pretty, true))
    case Keyword.get(opts, :label) do
      nil -> put_chars(device, [text, ?\n])
      label -> put_chars(device, [to_chardata(label), ": ", text, ?\n])
    end
    item
  end

  def chardata_to_string(data), do: :ciex.chardata_to_binary(data)
  def iodata_to_binary(data), do: :erlang.iolist_to_binary(data)

  defp to_chardata(item) when is_binary(item), do: item
  defp to_chardata(item) when is_list(item), do: item
  defp to_chardata(item), do: to_string(item)

  defp put_chars(:stderr, chars) do
    :ciex.write_stderr(:ciex.chardata_to_binary(chars))
    :ok
  end
  defp put_chars(:stdio, chars), do: put_chars(Process.group_leader(), chars)
  defp put_chars(device, chars) do
    request(device, {:put_chars, :unicode, :ciex.chardata_to_binary(chars)})
  end

  # A request of the io protocol: {:io_request, from, ref, request}.
  defp request(device, req) do
    ref = :erlang.monitor(:process, device)
    send(device, {:io_request, self(), ref, req})
    receive do
      {:io_reply, ^ref, reply} ->
        :erlang.demonitor(ref, [:flush])
        reply
      {:DOWN, ^ref, _, _, _} ->
        {:error, :terminated}
    end
  end
end

# The console: the group leader of local processes writes what it is sent.
defmodule :ciex_console do
  def start() do
    pid = spawn(fn -> loop() end)
    :erlang.register(:user, pid)
    pid
  end

  defp loop() do
    receive do
      {:io_request, from, ref, {:put_chars, _enc, chars}} ->
        :ciex.console_write(chars)
        send(from, {:io_reply, ref, :ok})
      {:io_request, from, ref, {:put_chars, _enc, m, f, a}} ->
        :ciex.console_write(:ciex.chardata_to_binary(apply(m, f, a)))
        send(from, {:io_reply, ref, :ok})
      {:io_request, from, ref, _other} ->
        send(from, {:io_reply, ref, {:error, :request}})
      _ ->
        :ok
    end
    loop()
  end
end
:ciex_console.start()
