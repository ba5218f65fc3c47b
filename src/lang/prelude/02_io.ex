# IO: output goes to the process's group leader with the io protocol.
defmodule IO do
  def puts(item), do: puts(:stdio, item)
  def puts(device, item), do: put_chars(device, [to_chardata(item), ?\n])
  def write(item), do: write(:stdio, item)
  def write(device, item), do: put_chars(device, to_chardata(item))
  def binwrite(item), do: binwrite(:stdio, item)
  def binwrite(device, iodata), do: request(io_device(device), {:put_chars, :latin1, :erlang.iolist_to_binary(iodata)})

  def inspect(item, opts \\ []), do: inspect(:stdio, item, opts)

  # A line from a device (the group leader for :stdio), with its newline;
  # :eof at the end of the input.
  def gets(prompt), do: gets(:stdio, prompt)
  def gets(device, prompt), do: get_line(device, prompt)

  def getn(prompt, count \\ 1)
  def getn(prompt, :eof), do: getn(:stdio, prompt, :eof)
  def getn(prompt, count) when is_integer(count) and count > 0, do: getn(:stdio, prompt, count)
  def getn(device, prompt) when not is_integer(prompt), do: getn(device, prompt, 1)
  def getn(device, prompt, :eof), do: getn_eof(io_device(device), prompt, [])
  def getn(device, prompt, count) when is_integer(count) and count > 0 do
    request(io_device(device), {:get_chars, :unicode, :ciex.chardata_to_binary(to_chardata(prompt)), count})
  end

  defp getn_eof(device, prompt, acc) do
    case request(device, {:get_line, :unicode, :ciex.chardata_to_binary(to_chardata(prompt))}) do
      line when is_binary(line) -> getn_eof(device, "", [line | acc])
      :eof -> if acc == [], do: :eof, else: :erlang.iolist_to_binary(:lists.reverse(acc))
      other -> other
    end
  end

  def read(:line), do: read(:stdio, :line)
  def read(device, :line), do: get_line(device, "")
  def read(device, :eof), do: read_all(device, [])
  def read(device, count) when is_integer(count) and count >= 0 do
    request(io_device(device), {:get_chars, :unicode, "", count})
  end

  # bytes (the io protocol's latin1): a line, a count, or all that is left
  def binread(device \\ :stdio, what)
  def binread(device, :line), do: request(io_device(device), {:get_line, :latin1, ""})
  def binread(device, :eof), do: binread_all(io_device(device), [])
  def binread(device, count) when is_integer(count) and count >= 0 do
    request(io_device(device), {:get_chars, :latin1, "", count})
  end

  defp binread_all(device, acc) do
    case request(device, {:get_chars, :latin1, "", 4096}) do
      :eof -> if acc == [], do: :eof, else: :erlang.iolist_to_binary(:lists.reverse(acc))
      {:error, _} = error -> error
      data -> binread_all(device, [data | acc])
    end
  end

  defp read_all(device, acc) do
    case get_line(device, "") do
      :eof -> if acc == [], do: :eof, else: :erlang.iolist_to_binary(:lists.reverse(acc))
      {:error, _} = error -> error
      line -> read_all(device, [line | acc])
    end
  end

  defp get_line(device, prompt) do
    request(io_device(device), {:get_line, :unicode, :ciex.chardata_to_binary(to_chardata(prompt))})
  end

  defp io_device(:stdio), do: Process.group_leader()
  defp io_device(:standard_io), do: Process.group_leader()
  defp io_device(device), do: device

  def inspect(device, item, opts) when is_list(opts) do
    text = Kernel.inspect(item, Keyword.put_new(opts, :pretty, true))
    case Keyword.get(opts, :label) do
      nil -> put_chars(device, [text, ?\n])
      label -> put_chars(device, [to_chardata(label), ": ", text, ?\n])
    end
    item
  end

  # warning: text, the stack trace indented by two, a blank line.  Without
  # a stack trace, the caller's (what ciex knows of it: no elixir internals).
  def warn(message) do
    stack =
      try do
        :erlang.throw(:stack)
      catch
        :throw, :stack -> __STACKTRACE__
      end
    warn(message, Enum.reject(stack, fn {m, _, _, _} -> m in [IO, :ciex_boot] end))
  end

  def warn(message, stacktrace) when is_list(stacktrace) do
    trace = for entry <- stacktrace, do: ["  ", Exception.format_stacktrace_entry(entry), ?\n]
    put_chars(:stderr, ["warning: ", to_chardata(message), ?\n, trace, ?\n])
    :ok
  end

  def chardata_to_string(data) when is_binary(data), do: data
  def chardata_to_string(data) when is_list(data), do: List.to_string(data)

  def iodata_to_binary(data), do: :erlang.iolist_to_binary(data)
  def iodata_length(data), do: :erlang.iolist_size(data)

  defp to_chardata(item) when is_binary(item), do: item
  defp to_chardata(item) when is_list(item), do: item
  defp to_chardata(item), do: to_string(item)

  # Writes chardata to a device: :stdio (the group leader), :stderr, a pid
  # or a registered name.
  def __put_chars__(device, chars), do: put_chars(device, chars)

  defp put_chars(:stderr, chars) do
    :ciex.write_stderr(:ciex.chardata_to_binary(chars))
    :ok
  end
  defp put_chars(:standard_error, chars), do: put_chars(:stderr, chars)
  defp put_chars(:stdio, chars), do: put_chars(Process.group_leader(), chars)
  defp put_chars(:standard_io, chars), do: put_chars(:stdio, chars)
  defp put_chars(device, chars) do
    request(device, {:put_chars, :unicode, :ciex.chardata_to_binary(chars)})
  end

  # A request of the io protocol: {:io_request, from, ref, request}.
  def __request__(device, req), do: request(io_device(device), req)

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

# :io, the Erlang side of the same: format/put_chars on the group leader.
defmodule :io do
  def format(format), do: format(:standard_io, format, [])
  def format(format, args), do: format(:standard_io, format, args)
  def format(device, format, args) do
    IO.__put_chars__(device, :ciex.format_to_binary(format, args))
  end
  def fwrite(format), do: format(format)
  def fwrite(format, args), do: format(format, args)
  def fwrite(device, format, args), do: format(device, format, args)
  def put_chars(chars), do: IO.__put_chars__(:standard_io, chars)
  def put_chars(device, chars), do: IO.__put_chars__(device, chars)
  def nl(), do: put_chars("\n")
  def nl(device), do: put_chars(device, "\n")
  def write(term), do: put_chars(:io_lib.write(term))
  def write(device, term), do: put_chars(device, :io_lib.write(term))
  def get_line(prompt), do: get_line(:standard_io, prompt)
  def get_line(device, prompt), do: IO.__request__(device, {:get_line, :unicode, prompt})
  def get_chars(prompt, count), do: get_chars(:standard_io, prompt, count)
  def get_chars(device, prompt, count), do: IO.__request__(device, {:get_chars, :unicode, prompt, count})
  def getopts(), do: getopts(:standard_io)
  def getopts(device), do: IO.__request__(device, :getopts)
  def setopts(opts), do: setopts(:standard_io, opts)
  def setopts(device, opts), do: IO.__request__(device, {:setopts, opts})
  def columns(), do: columns(:standard_io)
  def columns(device), do: geometry(device, :columns)
  def rows(), do: rows(:standard_io)
  def rows(device), do: geometry(device, :rows)

  defp geometry(device, what) do
    case IO.__request__(device, {:get_geometry, what}) do
      n when is_integer(n) and n > 0 -> {:ok, n}
      _ -> {:error, :enotsup}
    end
  end
end

# The console: the group leader of local processes writes what it is sent.
defmodule :ciex_console do
  def start() do
    # a shell on another node links itself to its group leader (ciex
    # --remsh): its exit must not take the console down
    pid = spawn(fn ->
      :erlang.process_flag(:trap_exit, true)
      loop()
    end)
    :erlang.register(:user, pid)
    pid
  end

  defp loop() do
    receive do
      {:io_request, from, ref, {:put_chars, _enc, chars}} ->
        :ciex.console_write(:ciex.chardata_to_binary(chars))
        send(from, {:io_reply, ref, :ok})
      {:io_request, from, ref, {:put_chars, _enc, m, f, a}} ->
        :ciex.console_write(:ciex.chardata_to_binary(apply(m, f, a)))
        send(from, {:io_reply, ref, :ok})
      {:io_request, from, ref, {:get_line, _enc, prompt}} ->
        # the answer comes from the shell (or stdin) as {:io_reply, ref, line}
        :ciex.console_get_line(from, ref, :ciex.chardata_to_binary(prompt))
      {:io_request, from, ref, {:get_line, prompt}} ->
        :ciex.console_get_line(from, ref, :ciex.chardata_to_binary(prompt))
      # a shell on another node (`ciex --remsh`) sets and reads its options
      {:io_request, from, ref, {:setopts, _opts}} ->
        send(from, {:io_reply, ref, :ok})
      {:io_request, from, ref, :getopts} ->
        send(from, {:io_reply, ref, [binary: true, encoding: :unicode, echo: true]})
      {:io_request, from, ref, {:get_geometry, :columns}} ->
        send(from, {:io_reply, ref, 80})
      {:io_request, from, ref, {:get_geometry, :rows}} ->
        send(from, {:io_reply, ref, 24})
      {:io_request, from, ref, {:requests, requests}} ->
        Enum.each(requests, fn
          {:put_chars, _enc, chars} -> :ciex.console_write(:ciex.chardata_to_binary(chars))
          {:put_chars, _enc, m, f, a} -> :ciex.console_write(:ciex.chardata_to_binary(apply(m, f, a)))
          _ -> :ok
        end)
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
