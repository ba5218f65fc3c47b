# Runs the doctest cases of one module and prints what each case printed.
#
#   ciex --script tests/doctests/run.exs tests/doctests/cases/Enum.exs [ID...]
#   elixir tests/doctests/run.exs tests/doctests/cases/Enum.exs [ID...]
#
# A cases file (written by extract.exs) is a list of
# {id, doc_line, skip_reason | nil, code}; code is a plain Elixir snippet
# that evaluates a doctest's expressions in order, with shared bindings,
# and prints one line per expression ("N> " and the inspect of its value,
# or of the exception it raised when the doc expects one).
#
# Each case runs in its own process, whose group leader captures what it
# (and the processes it starts) print, bounded by a timeout: a raise, an
# exit or a hang in one case does not touch the others.  Output per case:
#
#   == ID
#   <the case's lines>
#
# and "== ID skipped: REASON" for a case the extractor marked as skipped.
defmodule DocTestRun do
  @timeout 5000

  def main([file | ids]) do
    {cases, _} = Code.eval_string(File.read!(file), [], file: file)

    for {id, _line, skip, code} <- cases, ids == [] or id in ids do
      if skip do
        IO.puts("== #{id} skipped: #{skip}")
      else
        IO.write("== #{id}\n" <> run_case(code))
      end
    end
  end

  def main(_) do
    IO.puts(:stderr, "usage: run.exs CASES_FILE [ID...]")
    System.halt(2)
  end

  # the case's captured output, always ending with a newline
  defp run_case(code) do
    capture = spawn(fn -> capture_loop([]) end)

    {pid, ref} =
      spawn_monitor(fn ->
        Process.group_leader(self(), capture)
        eval_case(code)
      end)

    ending =
      receive do
        {:DOWN, ^ref, :process, ^pid, :normal} -> ""
        {:DOWN, ^ref, :process, ^pid, reason} -> "** (EXIT) #{inspect(reason)}\n"
      after
        @timeout ->
          Process.exit(pid, :kill)

          receive do
            {:DOWN, ^ref, :process, ^pid, _} -> :ok
          end

          "** timeout after #{@timeout} ms\n"
      end

    send(capture, {:get, self()})

    text =
      receive do
        {:captured, text} -> text
      end

    Process.exit(capture, :kill)
    text = text <> ending
    if text == "" or String.ends_with?(text, "\n"), do: text, else: text <> "\n"
  end

  # an error the doc does not expect (or a compile error) ends the case
  defp eval_case(code) do
    try do
      Code.eval_string(code, [], file: "doctest")
    rescue
      error -> IO.puts("** (#{inspect(error.__struct__)}) #{Exception.message(error)}")
    catch
      kind, reason -> IO.puts("** (#{kind}) #{inspect(reason)}")
    end
  end

  # a group leader that keeps what it is asked to print
  defp capture_loop(acc) do
    receive do
      {:io_request, from, reply_as, request} ->
        {reply, acc} = io_request(request, acc)
        send(from, {:io_reply, reply_as, reply})
        capture_loop(acc)

      {:get, from} ->
        send(from, {:captured, acc |> Enum.reverse() |> IO.iodata_to_binary()})
        capture_loop(acc)

      _ ->
        capture_loop(acc)
    end
  end

  defp io_request({:put_chars, chars}, acc), do: put_chars(chars, acc)
  defp io_request({:put_chars, _encoding, chars}, acc), do: put_chars(chars, acc)

  defp io_request({:put_chars, _encoding, m, f, a}, acc), do: put_chars(apply(m, f, a), acc)

  defp io_request({:requests, requests}, acc) do
    Enum.reduce(requests, {:ok, acc}, fn request, {_, acc} -> io_request(request, acc) end)
  end

  defp io_request({:getopts}, acc), do: {[binary: true, encoding: :unicode], acc}
  defp io_request({:setopts, _}, acc), do: {:ok, acc}
  defp io_request({:get_line, _, _}, acc), do: {:eof, acc}
  defp io_request({:get_chars, _, _, _}, acc), do: {:eof, acc}
  defp io_request({:get_until, _, _, _, _, _}, acc), do: {:eof, acc}
  defp io_request(_, acc), do: {{:error, :request}, acc}

  defp put_chars(chars, acc) do
    {:ok, [IO.chardata_to_string(chars) | acc]}
  rescue
    _ -> {{:error, :put_chars}, acc}
  end
end

DocTestRun.main(System.argv())
