# The shell's evaluator and the helpers imported at the prompt.
defmodule IEx.Evaluator do
  # The evaluator process: it compiles and runs each input with the
  # variables bound so far, prints the result or the error as iex does, and
  # tells the shell when it is done.  Its pid stays the same across inputs,
  # also after an error.
  def loop_start(), do: loop(%{})

  defp loop(binding) do
    receive do
      {:eval, source, counter} ->
        loop(eval(source, counter, binding))
    end
  end

  defp eval(source, counter, binding) do
    case :ciex.compile_eval(source, :maps.keys(binding), counter) do
      {:ok, code} ->
        case run(code, binding) do
          {:ok, value, new_binding} ->
            Process.put({:iex_result, counter}, value)
            Process.put(:iex_last, counter)
            IO.puts(:ciex.shell_result(value))
            :ciex.shell_done(:ok)
            new_binding
          {:error, kind, reason, stack} ->
            IO.write(IEx.Evaluator.format_error(kind, reason, stack))
            :ciex.shell_done(:error)
            binding
        end
      {:incomplete} ->
        :ciex.shell_done(:incomplete)
        binding
      {:error, text} ->
        IO.write(text <> "\n\n")
        :ciex.shell_done(:error)
        binding
    end
  end

  defp run(code, binding) do
    try do
      {value, new_binding} = code.(binding)
      {:ok, value, new_binding}
    catch
      kind, reason -> {:error, kind, reason, __STACKTRACE__}
    end
  end

  # "** (RuntimeError) boom" and the stack trace without the shell's own
  # frames; iex leaves a blank line when nothing is left of the trace.
  def format_error(kind, reason, stack) do
    stack = Enum.reject(stack, fn {m, _, _, _} -> m in [:elixir_eval, IEx.Evaluator, :erl_eval] end)
    banner = Exception.format_banner(kind, reason, stack)
    case stack do
      [] -> banner <> "\n\n"
      _ -> banner <> "\n" <> Exception.format_stacktrace(stack)
    end
  end
end

defmodule IEx.Helpers do
  # flush/0: prints every message in the shell's mailbox.
  def flush() do
    receive do
      msg ->
        IO.inspect(msg)
        flush()
    after
      0 -> :ok
    end
  end

  def v(), do: v(-1)
  def v(n) when n < 0, do: Process.get({:iex_result, Process.get(:iex_last, 0) + n + 1})
  def v(n), do: Process.get({:iex_result, n})

  def pid(text) when is_binary(text), do: :ciex.pid_from_string(text)
  def pid(a, b, c), do: :ciex.pid_from_string(Enum.join([a, b, c], "."))

  def clear() do
    IO.write("\e[H\e[2J")
    :ok
  end

  def h() do
    IO.puts("""
    ciex: an iex-like shell whose nodes are Erlang distribution peers.

    Helpers available at the prompt:
      flush/0  print the messages in the shell's mailbox
      v/0,1    a previous result
      pid/1,3  build a pid from its text
      clear/0  clear the screen
      h/0      this help
    """)
    :ok
  end
end
