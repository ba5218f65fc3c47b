# Logger and the reports of OTP processes, as Elixir 1.14 prints them.
#
# A log line is written by the process that logs, synchronously, as
#
#   "\n" <> "HH:MM:SS.mmm [level] " <> message <> "\n"
#
# to the console device :user (stdout), like Elixir 1.14's console backend;
# Logger.configure_backend(:console, device: :standard_error) sends it to
# stderr instead.  The level (default :debug, as in Elixir 1.14) and the
# device live in the :ciex_logger process.
#
# The report texts are those of Logger.Translator for OTP's reports:
# {gen_server, terminate} ("GenServer ... terminating"), Task's
# {Task.Supervisor, :terminating}, and the emulator's "Error in process"
# ("Process #PID<...> raised an exception").  Supervisor and proc_lib crash
# reports are SASL reports, which Elixir does not print by default.
defmodule :ciex_log do
  @levels [:emergency, :alert, :critical, :error, :warning, :notice, :info, :debug]

  def error(message), do: log(:error, message)
  def warning(message), do: log(:warning, message)
  def info(message), do: log(:info, message)

  def log(level, message) do
    {min_level, device} = config()
    case compare_levels(level, min_level) != :lt do
      true -> write(device, "\n" <> timestamp() <> " [" <> :erlang.atom_to_binary(level) <> "] " <> to_binary(message) <> "\n")
      false -> :ok
    end
  end

  def level() do
    {level, _device} = config()
    level
  end

  def compare_levels(a, b) do
    ia = level_index(a)
    ib = level_index(b)
    cond do
      ia < ib -> :gt
      ia > ib -> :lt
      true -> :eq
    end
  end

  defp level_index(:all), do: 7
  defp level_index(:none), do: -1
  defp level_index(level), do: index_of(level, @levels, 0)
  defp index_of(x, [x | _], i), do: i
  defp index_of(x, [_ | t], i), do: index_of(x, t, i + 1)
  defp index_of(_x, [], i), do: i

  defp to_binary(message) when is_binary(message), do: message
  defp to_binary(message), do: :ciex.chardata_to_binary(message)

  defp config() do
    case :erlang.whereis(:ciex_logger) do
      :undefined -> {:debug, :user}
      pid ->
        try do
          :gen_server.call(pid, :config, :infinity)
        catch
          :exit, _ -> {:debug, :user}
        end
    end
  end

  defp write(:standard_error, text), do: :ciex.write_stderr(text)

  defp write(device, text) do
    target =
      case device do
        :user -> :erlang.whereis(:user)
        pid when is_pid(pid) -> pid
        name when is_atom(name) -> :erlang.whereis(name)
      end
    case target do
      :undefined -> :ciex.write_stderr(text)
      pid when pid == self() -> :ciex.console_write(text)
      pid -> io_write(pid, text)
    end
  end

  # A put_chars request of the io protocol, waited for so that the line is
  # out before the logging process goes on (or exits).
  defp io_write(pid, text) do
    ref = :erlang.monitor(:process, pid)
    :erlang.send(pid, {:io_request, self(), ref, {:put_chars, :unicode, text}})
    receive do
      {:io_reply, ^ref, _} -> :erlang.demonitor(ref, [:flush])
      {:DOWN, ^ref, _, _, _} -> :ok
    end
    :ok
  end

  # "HH:MM:SS.mmm", the local wall-clock time.
  def timestamp() do
    ms = rem(:erlang.system_time(:millisecond), 1000)
    {_date, {h, m, s}} = :erlang.localtime()
    pad2(h) <> ":" <> pad2(m) <> ":" <> pad2(s) <> "." <> pad3(ms)
  end

  defp pad2(n) when n < 10, do: "0" <> :erlang.integer_to_binary(n)
  defp pad2(n), do: :erlang.integer_to_binary(n)
  defp pad3(n) when n < 10, do: "00" <> :erlang.integer_to_binary(n)
  defp pad3(n) when n < 100, do: "0" <> :erlang.integer_to_binary(n)
  defp pad3(n), do: :erlang.integer_to_binary(n)

  # ---- reports ----

  # {gen_server, terminate}, as Logger.Translator's
  # report_gen_server_terminate: the State and client lines come at the
  # :debug level only (Elixir 1.14's default).
  def gen_server_terminate(%{name: name, last_message: last, state: state, reason: reason, client_info: client}) do
    formatted = format_reason(reason)
    head = ["GenServer ", inspect(name), " terminating", formatted, "\nLast message", format_from(client), ": ", inspect(last)]
    msg =
      case level() do
        :debug -> [head, "\nState: ", inspect(state) | format_client(client)]
        _ -> head
      end
    error(msg)
  end

  defp format_from({_, {name, _}}), do: [" (from ", inspect(name), ")"]
  defp format_from({from, _}), do: [" (from ", inspect(from), ")"]
  defp format_from(_), do: []

  defp format_client({from, :dead}), do: ["\nClient ", inspect(from), " is dead"]
  defp format_client({from, :remote}), do: ["\nClient ", inspect(from), " is remote on node ", inspect(node(from))]
  defp format_client({_, {name, stack}}), do: ["\nClient ", inspect(name), " is alive\n" | format_stacktrace(stack)]
  defp format_client(_), do: []

  # {Task.Supervisor, :terminating}
  def task_terminating(name, starter, function, args, reason) do
    error([
      "Task ", inspect(name), " started from ", inspect(starter), " terminating",
      format_reason(reason),
      "\nFunction: ", inspect(function),
      "\n    Args: ", inspect(args)
    ])
  end

  # The emulator's report for a process that did not catch an error (not
  # started by proc_lib): the VM should call this when such a process dies
  # of an uncaught :error or :throw.
  def process_crashed(pid, kind, reason, stack) do
    {reason, stack} =
      case kind do
        :throw -> {{:nocatch, reason}, stack}
        _ -> {reason, stack}
      end
    exception = Exception.normalize(:error, reason, stack)
    # the emulator names the node once the node is distributed
    where = if :erlang.is_alive(), do: [" on node ", inspect(node())], else: []
    error(["Process ", inspect(pid), where, " raised an exception\n", Exception.format_banner(:error, exception, stack) | format_stacktrace(stack)])
  end

  # format_reason/1 of Logger.Translator: an {exception, stacktrace} pair
  # is printed as the exception and its stack, anything else as a stop.
  def format_reason({maybe_exception, [_ | _] = maybe_stack} = reason) do
    case stacktrace?(maybe_stack) do
      true -> [normalize_banner(maybe_exception, maybe_stack) | format_stacktrace(maybe_stack)]
      false -> format_stop(reason)
    end
  end

  def format_reason(reason), do: format_stop(reason)

  defp format_stop(reason), do: ["\n** (stop) ", Exception.format_exit(reason)]

  defp normalize_banner(reason, stack) do
    case reason do
      %{__exception__: true} ->
        ["\n", Exception.format_banner(:error, reason, stack)]
      _ ->
        case Exception.normalize(:error, reason, stack) do
          %{__struct__: ErlangError} -> format_stop(reason)
          exception -> ["\n", Exception.format_banner(:error, exception, stack)]
        end
    end
  end

  defp stacktrace?([]), do: true
  defp stacktrace?([{m, f, a, loc} | rest]) when is_atom(m) and is_atom(f) and (is_integer(a) or is_list(a)) and is_list(loc), do: stacktrace?(rest)
  defp stacktrace?([{f, a, loc} | rest]) when is_function(f) and (is_integer(a) or is_list(a)) and is_list(loc), do: stacktrace?(rest)
  defp stacktrace?(_), do: false

  defp format_stacktrace(stack) do
    for entry <- stack, do: ["\n    ", format_entry(entry)]
  end

  defp format_entry(entry) do
    try do
      Exception.format_stacktrace_entry(entry)
    catch
      _, _ -> inspect(entry)
    end
  end
end

# The logger's configuration: level and console device.
defmodule :ciex_logger do
  def start() do
    :gen_server.start({:local, :ciex_logger}, :ciex_logger, [], [])
  end

  def init([]), do: {:ok, %{level: :debug, device: :user}}

  def handle_call(:config, _from, state), do: {:reply, {state.level, state.device}, state}
  def handle_call({:level, level}, _from, state), do: {:reply, :ok, %{state | level: level}}
  def handle_call({:device, device}, _from, state), do: {:reply, :ok, %{state | device: device}}
  def handle_call(_other, _from, state), do: {:reply, {:error, :unknown}, state}
end

# Logger: Elixir's Logger API.  The level functions are macros in Elixir;
# here they are functions taking the same arguments.
defmodule Logger do
  def emergency(message, metadata \\ []), do: log(:emergency, message, metadata)
  def alert(message, metadata \\ []), do: log(:alert, message, metadata)
  def critical(message, metadata \\ []), do: log(:critical, message, metadata)
  def error(message, metadata \\ []), do: log(:error, message, metadata)
  def warning(message, metadata \\ []), do: log(:warning, message, metadata)
  def warn(message, metadata \\ []), do: log(:warning, message, metadata)
  def notice(message, metadata \\ []), do: log(:notice, message, metadata)
  def info(message, metadata \\ []), do: log(:info, message, metadata)
  def debug(message, metadata \\ []), do: log(:debug, message, metadata)

  def log(level, message, _metadata \\ []) do
    level = normalize_level(level)
    case :ciex_log.compare_levels(level, :ciex_log.level()) != :lt do
      true ->
        case evaluate(message) do
          nil -> :ok
          text -> :ciex_log.log(level, text)
        end
      false ->
        :ok
    end
    :ok
  end

  defp normalize_level(:warn), do: :warning
  defp normalize_level(level), do: level

  defp evaluate(fun) when is_function(fun, 0) do
    case fun.() do
      {text, _metadata} -> text
      :skip -> nil
      text -> text
    end
  end

  defp evaluate(text) when is_binary(text) or is_list(text), do: text
  defp evaluate(other), do: Kernel.to_string(other)

  def level(), do: :ciex_log.level()

  def compare_levels(a, b), do: :ciex_log.compare_levels(normalize_level(a), normalize_level(b))

  def configure(options) do
    case :lists.keyfind(:level, 1, options) do
      {:level, level} -> :gen_server.call(:ciex_logger, {:level, normalize_level(level)})
      false -> :ok
    end
    :ok
  end

  def configure_backend(_backend, options) do
    case :lists.keyfind(:device, 1, options) do
      {:device, device} -> :gen_server.call(:ciex_logger, {:device, device})
      false -> :ok
    end
    :ok
  end

  def flush(), do: :ok
  def metadata(), do: []
  def metadata(_keyword), do: :ok
  def enable(_pid), do: :ok
  def disable(_pid), do: :ok
end

:ciex_logger.start()
