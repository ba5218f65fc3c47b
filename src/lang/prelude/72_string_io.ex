# StringIO: an IO device (a process speaking the io protocol) that reads
# its input from a string and collects its output in another, as Elixir's
# does: IO.gets/read/binread take from the input, IO.puts/write/inspect and
# :io.format add to the output.
#
# The device has an encoding (:unicode by default, or :latin1).  Output
# sent as :unicode or :latin1 is converted to it; input is handed out as it
# is stored, and a :unicode request for input that is not UTF-8 gets
# {:error, :collect_line} (get_line) or {:error, :invalid_unicode}.
defmodule StringIO do
  use GenServer

  def open(string, options_or_function \\ [])

  def open(string, options) when is_binary(string) and is_list(options) do
    GenServer.start(__MODULE__, {string, options}, [])
  end

  def open(string, function) when is_binary(string) and is_function(function, 1) do
    open(string, [], function)
  end

  def open(string, options, function) when is_binary(string) and is_list(options) and is_function(function, 1) do
    {:ok, pid} = GenServer.start(__MODULE__, {string, options}, [])
    try do
      {:ok, function.(pid)}
    after
      {:ok, {_input, _output}} = close(pid)
    end
  end

  def contents(pid) when is_pid(pid), do: GenServer.call(pid, :contents)
  def flush(pid) when is_pid(pid), do: GenServer.call(pid, :flush)
  def close(pid) when is_pid(pid), do: GenServer.call(pid, :close)

  @impl true
  def init({string, options}) do
    capture_prompt = Keyword.get(options, :capture_prompt, false)
    encoding = Keyword.get(options, :encoding, :unicode)
    {:ok, %{input: string, output: "", capture_prompt: capture_prompt, encoding: encoding}}
  end

  @impl true
  def handle_info({:io_request, from, reply_as, request}, state) do
    {reply, state} = io_request(request, state)
    send(from, {:io_reply, reply_as, reply})
    {:noreply, state}
  end

  def handle_info(_message, state), do: {:noreply, state}

  @impl true
  def handle_call(:contents, _from, %{input: input, output: output} = state) do
    {:reply, {input, output}, state}
  end

  def handle_call(:flush, _from, %{output: output} = state) do
    {:reply, output, %{state | output: ""}}
  end

  def handle_call(:close, _from, %{input: input, output: output} = state) do
    {:stop, :normal, {:ok, {input, output}}, state}
  end

  # ---- the io protocol ----

  defp io_request({:put_chars, chars} = req, state), do: put_chars(:latin1, chars, req, state)
  defp io_request({:put_chars, mod, fun, args} = req, state), do: put_chars(:latin1, apply(mod, fun, args), req, state)
  defp io_request({:put_chars, encoding, chars} = req, state), do: put_chars(encoding, chars, req, state)
  defp io_request({:put_chars, encoding, mod, fun, args} = req, state) do
    put_chars(encoding, apply(mod, fun, args), req, state)
  end

  defp io_request({:get_chars, prompt, count}, state), do: io_request({:get_chars, :latin1, prompt, count}, state)
  defp io_request({:get_chars, encoding, prompt, count}, state) when is_integer(count) and count >= 0 do
    get_chars(encoding, count, prompt(encoding, prompt, state))
  end

  defp io_request({:get_line, prompt}, state), do: io_request({:get_line, :latin1, prompt}, state)
  defp io_request({:get_line, encoding, prompt}, state), do: get_line(encoding, prompt(encoding, prompt, state))

  defp io_request({:get_password, encoding}, state), do: get_line(encoding, state)

  defp io_request({:setopts, [encoding: encoding]}, state) when encoding in [:latin1, :unicode] do
    {:ok, %{state | encoding: encoding}}
  end
  defp io_request({:setopts, _opts}, state), do: {{:error, :enotsup}, state}
  defp io_request(:getopts, state), do: {[binary: true, encoding: state.encoding], state}
  defp io_request({:get_geometry, _}, state), do: {{:error, :enotsup}, state}

  defp io_request({:requests, requests}, state) do
    Enum.reduce_while(requests, {:ok, state}, fn request, {_reply, state} ->
      case io_request(request, state) do
        {:ok, state} -> {:cont, {:ok, state}}
        other -> {:halt, other}
      end
    end)
  end

  defp io_request(_request, state), do: {{:error, :request}, state}

  # ---- output ----

  defp put_chars(encoding, chars, req, state) do
    case to_device(encoding, chars, state.encoding) do
      {:ok, bin} -> {:ok, %{state | output: state.output <> bin}}
      :error -> {{:error, req}, state}
    end
  end

  # the prompt of a read goes to the output when capture_prompt is set
  defp prompt(encoding, prompt, %{capture_prompt: true} = state) do
    case to_device(encoding, prompt, state.encoding) do
      {:ok, bin} -> %{state | output: state.output <> bin}
      :error -> state
    end
  end
  defp prompt(_encoding, _prompt, state), do: state

  # chardata sent as `from` (unicode: code points; latin1: bytes), as
  # bytes of the device's encoding
  defp to_device(from, chars, to) do
    try do
      codepoints =
        case from do
          :unicode ->
            case :unicode.characters_to_list(chars) do
              list when is_list(list) -> list
              _ -> throw(:invalid)
            end
          _ ->
            :erlang.binary_to_list(:erlang.iolist_to_binary(chars))
        end
      case to do
        :unicode -> {:ok, :unicode.characters_to_binary(codepoints)}
        _ ->
          if Enum.all?(codepoints, &(&1 < 256)), do: {:ok, :erlang.list_to_binary(codepoints)}, else: :error
      end
    catch
      :invalid -> :error
    rescue
      ArgumentError -> :error
    end
  end

  # ---- input ----

  defp get_line(_encoding, %{input: ""} = state), do: {:eof, state}
  defp get_line(encoding, %{input: input} = state) do
    {line, rest} =
      case :binary.split(input, "\n") do
        [line, rest] -> {line <> "\n", rest}
        [line] -> {line, ""}
      end
    line = if String.ends_with?(line, "\r\n"), do: binary_part(line, 0, byte_size(line) - 2) <> "\n", else: line
    if encoding == :unicode and not String.valid?(line) do
      {{:error, :collect_line}, state}
    else
      {line, %{state | input: rest}}
    end
  end

  defp get_chars(_encoding, _count, %{input: ""} = state), do: {:eof, state}
  defp get_chars(:unicode, count, %{input: input} = state) do
    case take_codepoints(input, count, 0) do
      :error ->
        {{:error, :invalid_unicode}, state}
      size ->
        <<chars::binary-size(size), rest::binary>> = input
        {chars, %{state | input: rest}}
    end
  end
  defp get_chars(_latin1, count, %{input: input} = state) do
    size = min(count, byte_size(input))
    <<chars::binary-size(size), rest::binary>> = input
    {chars, %{state | input: rest}}
  end

  # the byte size of the first `count` code points
  defp take_codepoints(_input, 0, size), do: size
  defp take_codepoints(input, count, size) do
    case input do
      <<>> -> size
      <<c::utf8, _::binary>> ->
        n = byte_size(<<c::utf8>>)
        take_codepoints(binary_part(input, n, byte_size(input) - n), count - 1, size + n)
      _ -> :error
    end
  end
end
