# The shell in the language: the evaluator process and the helpers
# imported at the prompt, after Elixir 1.14's IEx.  The C side
# (shell/repl.c) reads lines, decides when an input is complete, and
# keeps the counter; everything printed about an input (results, errors,
# helper output) is printed here, with iex's words and colours.

defmodule IEx do
  # IEx.Config's default colours, used only when the shell runs on a
  # terminal (IO.ANSI.enabled? in iex).
  def color(key, text) do
    colors = Keyword.get(configuration(), :colors, [])
    case Keyword.get(colors, :enabled, :ciex.shell_ansi()) do
      true ->
        case Keyword.fetch(colors, key) do
          {:ok, custom} -> IO.ANSI.format_fragment(List.wrap(custom), true) |> IO.iodata_to_binary() |> Kernel.<>(text <> "\e[0m")
          :error -> color_code(key) <> text <> "\e[0m"
        end
      _ -> text
    end
  end

  # IEx.configure/1 and IEx.configuration/0, with IEx.Config's keys,
  # checks and merging (colors and inspect merge, the rest replace); the
  # shell keeps them (shell/repl.c: prompts) for as long as it runs.
  # the order in which iex's application environment (an ETS set) lists them
  @config_order [:default_prompt, :continuation_prompt, :parser, :width, :colors, :inspect,
                 :alive_prompt, :alive_continuation_prompt, :history_size]

  def configure(options) do
    Enum.each(options, &validate_option/1)
    configuration()
    |> Keyword.merge(options, &merge_option/3)
    |> :ciex.shell_config()
  end

  def configuration() do
    case :ciex.shell_config() do
      [] -> [default_prompt: "%prefix(%counter)>", colors: [], inspect: [pretty: true],
             alive_prompt: "%prefix(%node)%counter>", history_size: 20]
      config -> for key <- @config_order, Keyword.has_key?(config, key), do: {key, Keyword.fetch!(config, key)}
    end
  end


  defp merge_option(:colors, old, new) when is_list(new), do: Keyword.merge(old, new)
  defp merge_option(:inspect, old, new) when is_list(new), do: Keyword.merge(old, new)
  defp merge_option(_key, _old, new), do: new

  defp validate_option({:colors, new}) when is_list(new), do: :ok
  defp validate_option({:inspect, new}) when is_list(new), do: :ok
  defp validate_option({:history_size, new}) when is_integer(new), do: :ok
  defp validate_option({:default_prompt, new}) when is_binary(new), do: :ok
  defp validate_option({:continuation_prompt, new}) when is_binary(new), do: :ok
  defp validate_option({:alive_prompt, new}) when is_binary(new), do: :ok
  defp validate_option({:alive_continuation_prompt, new}) when is_binary(new), do: :ok
  defp validate_option({:width, new}) when is_integer(new), do: :ok
  defp validate_option({:parser, tuple}) when tuple_size(tuple) == 3, do: :ok
  defp validate_option(option), do: raise(ArgumentError, "invalid configuration " <> inspect(option))

  defp color_code(:eval_result), do: "\e[33m"
  defp color_code(:eval_interrupt), do: "\e[33m"
  defp color_code(:eval_error), do: "\e[31m"
  defp color_code(:stack_info), do: "\e[31m"
  defp color_code(:eval_info), do: "\e[22m"
  defp color_code(:doc_title), do: "\e[7m\e[33m"
  defp color_code(:doc_code), do: "\e[36m"
  defp color_code(:doc_headings), do: "\e[33m"
  defp color_code(:ls_directory), do: "\e[34m"
  defp color_code(:ls_device), do: "\e[32m"

  # What a helper returns when it printed everything itself.
  def dont_display_result(), do: :"do not show this result in output"

  def started?(), do: :ciex.shell_ansi() in [true, false]

  # What `iex --remsh THIS_NODE` calls here through :rpc, in a process
  # whose group leader is the terminal's group on the calling node: a
  # shell served to that terminal (IEx.Server in 97_iex_remsh.ex).
  def start(opts \\ [], mfa \\ {IEx, :dont_display_result, []}) do
    spawn(fn -> IEx.Server.run_from_shell(opts, mfa) end)
  end
end

defmodule IEx.Evaluator do
  # The evaluator process: one per shell session, whose pid stays the same
  # across inputs, errors and exits raised by the code it runs.  It holds
  # the binding (the variables bound at the prompt) and the history read
  # by v/1.  The shell starts it with what to announce first: nothing, a
  # respawn (a blank line and the banner, as iex's rerun), the exit of the
  # previous evaluator, or an interrupted evaluation.
  @history_size 20

  def start(dot_iex, announce) do
    IEx.Helpers.__mix_loaded__()
    announce(announce)
    Process.put(:iex_history, [])
    binding = load_dot_iex(dot_iex, %{})
    :ciex.shell_done(:init, Map.keys(binding))
    loop(binding)
  end

  defp announce(nil), do: :ok
  defp announce(:respawn) do
    IO.puts("")
    IO.puts(:ciex.shell_banner())
  end
  defp announce(:interrupted), do: IO.puts(IEx.color(:eval_error, "** (EXIT) interrupted"))
  defp announce({:exit, pid, reason}) do
    IO.puts(IEx.color(:eval_error, "** (EXIT from " <> inspect(pid) <> ") shell process exited with reason: " <>
      Exception.format_exit(reason)))
    announce(:respawn)
  end

  # .iex.exs: {absolute path, name for messages, source}.  Its results
  # are not printed; an error leaves the binding as it was, as in iex.
  defp load_dot_iex(nil, binding), do: binding
  defp load_dot_iex({path, name, source}, binding) do
    case :ciex.shell_compile(source, Map.keys(binding), 1, name) do
      {:ok, code} ->
        case run(code, binding) do
          {:ok, _value, new_binding} -> new_binding
          {:error, kind, reason, stack} ->
            dot_iex_failed(path)
            # iex's trace here always holds erl_eval's frames, never the
            # blank line of an empty one
            print_error(kind, reason, stack, false)
            binding
        end
      {:error, text} ->
        dot_iex_failed(path)
        print_error_text(text)
        binding
    end
  end

  defp dot_iex_failed(path), do: IO.puts(IEx.color(:eval_result, "Error while evaluating: " <> path))

  defp loop(binding) do
    receive do
      {:"$ciex_eval", source, counter} ->
        {status, binding} = eval(source, counter, binding)
        :ciex.shell_done(status, Map.keys(binding))
        loop(binding)
      # from IEx.Server, for a terminal on another node
      {:"$ciex_eval", from, source, counter} ->
        {status, binding} = eval(source, counter, binding)
        send(from, {:"$ciex_evaled", self(), status})
        loop(binding)
    end
  end

  # The evaluator of a shell served to another node's terminal: no .iex.exs
  # (iex --remsh passes dot_iex_path: nil), and what it prints goes to its
  # group leader, that terminal.
  def serve(announce) do
    announce(announce)
    Process.put(:iex_history, [])
    loop(%{})
  end

  # iex turns the input into a charlist before it parses it: input that is
  # not UTF-8 fails there, with String.to_charlist's error
  defp eval(source, counter, binding) do
    case String.valid?(source) do
      true -> compile_and_run(source, counter, binding)
      false ->
        {:error, kind, reason, stack} = run(fn b -> {String.to_charlist(source), b} end, binding)
        print_error(kind, reason, stack)
        {:error, binding}
    end
  end

  defp compile_and_run(source, counter, binding) do
    case :ciex.shell_compile(source, Map.keys(binding), counter, "iex") do
      {:ok, code} ->
        case run(code, binding) do
          {:ok, value, new_binding} ->
            print_result(value)
            add_history(counter, value)
            {:ok, new_binding}
          {:error, kind, reason, stack} ->
            print_error(kind, reason, stack)
            {:error, binding}
        end
      {:error, text} ->
        print_error_text(text)
        {:error, binding}
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

  # The processes the input made ready to run go first, as they do on the
  # BEAM's other schedulers while iex inspects the result: a spawned
  # process's line, or the receiver's of a send, comes before the result.
  defp print_result(value) do
    :erlang.yield()
    case value == IEx.dont_display_result() do
      true -> :ok
      false -> IO.puts(IEx.color(:eval_result, inspect_result(value)))
    end
  end

  # iex's defaults unless IEx.configure set inspect options or a width
  defp inspect_result(value) do
    config = :ciex.shell_config()
    case config == [] or (Keyword.get(config, :inspect) == [pretty: true] and not Keyword.has_key?(config, :width)) do
      true -> shell_inspect(value)
      false ->
        opts = Keyword.get(config, :inspect, [])
        opts = Keyword.put_new(opts, :width, min(Keyword.get(config, :width, 80), 80))
        opts = Keyword.put_new(opts, :syntax_colors, if(:ciex.shell_ansi(), do: [number: :yellow], else: []))
        inspect(value, opts)
    end
  end

  # a struct with an Inspect implementation of its own prints as it says
  defp shell_inspect(value) do
    case Inspect.__rendered__(value, pretty: true) do
      nil -> :ciex.shell_inspect(value)
      rendered -> :ciex.shell_inspect(value, rendered)
    end
  end

  defp add_history(counter, value) do
    history = Process.get(:iex_history, [])
    size = Keyword.get(IEx.configuration(), :history_size, @history_size)
    Process.put(:iex_history, Enum.take([{counter, value} | history], max(size, 0)))
  end

  # A syntax or compile error, already in Elixir's words.
  def print_error_text(text) do
    # a macro's error carries its stack ("    expanding macro: ..."); others have none
    case :binary.split(text, "\n    expanding macro: ") do
      [banner, stack] ->
        IO.write(IEx.color(:eval_error, banner) <> "\n" <> IEx.color(:stack_info, "    expanding macro: " <> stack <> "\n"))
      [_] -> IO.write(IEx.color(:eval_error, text) <> "\n" <> IEx.color(:stack_info, "\n"))
    end
  end

  # iex's print_error: the banner (with the blame of a FunctionClauseError),
  # then the stack trace without the shell's own frames.
  def print_error(kind, reason, stack, blank_when_empty \\ true) do
    {blamed, stack} = Exception.blame(kind, reason, stack)
    banner =
      case blamed do
        %FunctionClauseError{} ->
          IEx.color(:eval_error, Exception.format_banner(kind, reason, stack)) <>
            pad(FunctionClauseError.blame(blamed, &inspect/1, &inspect/1))
        _ ->
          IEx.color(:eval_error, Exception.format_banner(kind, blamed, stack))
      end
    stack = prune_stacktrace(stack)
    trace = if stack == [] and not blank_when_empty, do: "", else: Exception.format_stacktrace(stack)
    IO.write(banner <> "\n" <> IEx.color(:stack_info, trace))
  end

  defp pad(text), do: "    " <> String.replace(text, "\n", "\n    ")

  # From the bottom of the stack: the evaluator's frames, then the frames
  # of the code typed at the prompt itself (ciex's :elixir_eval stands
  # where the BEAM shows :erl_eval); and ciex's own primitives (:ciex.dot
  # for map.field...), which are the BEAM's instructions, not calls.
  def prune_stacktrace(stack) do
    stack
    |> Enum.reverse()
    |> Enum.drop_while(fn entry -> elem(entry, 0) == IEx.Evaluator end)
    |> Enum.drop_while(fn entry -> elem(entry, 0) in [:elixir_eval, :erl_eval, :ciex_boot] end)
    |> Enum.reverse()
    |> Enum.reject(fn entry -> elem(entry, 0) == :ciex end)
  end
end

defmodule IEx.Helpers do
  # The functions imported at the prompt.  h/1 is a macro in iex; the
  # shell rewrites `h Mod.fun` and `h Mod.fun/1` into __h__/3 calls.

  def h(), do: IEx.Introspection.h(IEx.Helpers)

  def h(module) when is_atom(module), do: IEx.Introspection.h(module)
  def h(other) do
    IO.puts("The \"h\" helper expects a Module, Module.fun or Module.fun/arity, got: " <> inspect(other))
    IO.puts("If instead of accessing documentation you would like more information about a value " <>
      "or about the result of an expression, use the \"i\" helper instead")
    IEx.dont_display_result()
  end

  def __h__(nil, fun, arity) do
    module = if :erlang.function_exported(IEx.Helpers, fun, arity || 0) or helper?(fun), do: IEx.Helpers, else: Kernel
    IEx.Introspection.h(module, fun, arity)
  end
  def __h__(module, fun, arity), do: IEx.Introspection.h(module, fun, arity)

  # t, b and open are macros in iex too: `t Mod.type` is rewritten into
  # __t__(Mod, :type, arity), `t Mod` into t(Mod); the same for b and open.
  def t(module) when is_atom(module), do: IEx.Introspection.t(module)
  def __t__(module, type, arity), do: IEx.Introspection.t(module, type, arity)
  def b(module) when is_atom(module), do: IEx.Introspection.b(module)
  def __b__(module, fun, arity), do: IEx.Introspection.b(module, fun, arity)
  def open(module) when is_atom(module), do: IEx.Introspection.open(module)
  def __open__(module, fun, arity), do: IEx.Introspection.open(module, fun, arity)

  defp helper?(fun), do: Enum.any?(:ciex.shell_exports(IEx.Helpers), fn {name, _} -> name == fun end)

  def i(), do: i(v(-1))
  def i(term) do
    IEx.Info.print(term)
    IEx.dont_display_result()
  end

  def v(n \\ -1) do
    history = Process.get(:iex_history, [])
    found =
      case n < 0 do
        true -> Enum.at(history, -n - 1)
        false -> Enum.find(history, fn {counter, _} -> counter == n end)
      end
    case found do
      {_, value} -> value
      nil -> raise RuntimeError, "v(" <> Integer.to_string(n) <> ") is out of bounds"
    end
  end

  def flush() do
    receive do
      msg ->
        IO.inspect(msg)
        flush()
    after
      0 -> :ok
    end
  end

  def clear() do
    case :ciex.shell_ansi() do
      true ->
        IO.write("\e[H\e[2J")
        IEx.dont_display_result()
      false ->
        IO.puts("Cannot clear the screen because ANSI escape codes are not enabled on this shell")
        IEx.dont_display_result()
    end
  end

  def respawn() do
    :ciex.shell_respawn()
    IEx.dont_display_result()
  end

  def pid(text) when is_binary(text), do: :ciex.shell_pid(text)
  def pid(a, b, c) when is_integer(a) and is_integer(b) and is_integer(c) do
    :ciex.shell_pid(Enum.join([a, b, c], "."))
  end

  def ref(text) when is_binary(text), do: :ciex.shell_ref(text)
  def ref(a, b, c, d), do: :ciex.shell_ref(Enum.join([a, b, c, d], "."))

  def exports(module \\ Kernel) do
    :ciex.shell_exports(module)
    |> exported(module, :ciex.shell_module_source(module))
    |> Enum.map(fn {name, arity} -> Atom.to_string(name) <> "/" <> Integer.to_string(arity) end)
    |> print_table()
    IEx.dont_display_result()
  end

  # The prelude's own helpers (__name__) stay out of sight; a user's module
  # lists all it exports but __info__/1, __struct__/0,1 included, as in iex
  defp exported(funs, _module, :builtin) do
    Enum.reject(funs, fn {name, _} -> String.starts_with?(Atom.to_string(name), "_") end)
  end
  defp exported(funs, module, _source) do
    funs = Enum.reject(funs, &(&1 == {:__info__, 1}))
    case :ciex.struct_fields(module) do
      nil -> funs
      _ -> Enum.sort([{:__struct__, 0}, {:__struct__, 1} | funs])
    end
  end

  # iex's print_table: columns of the widest entry (at most 30) plus 4.
  defp print_table([]), do: :ok
  defp print_table(list) do
    width = min(Enum.max(Enum.map(list, &String.length/1)), 30) + 4
    Enum.reduce(list, 0, fn item, length ->
      length =
        case length >= 80 do
          true ->
            IO.puts("")
            0
          false -> length
        end
      printed = String.pad_trailing(item, width)
      IO.write(printed <> " ")
      length + String.length(printed) + 1
    end)
    IO.puts("")
  end

  # c/1: compiles and loads files; returns the modules they define.
  def c(files, _path \\ :in_memory) do
    files = List.wrap(files)
    missing = Enum.reject(files, &:ciex.shell_file_exists/1)
    case missing do
      [] -> Enum.flat_map(files, &compile_file/1)
      _ -> raise ArgumentError, "could not find files " <> Enum.join(missing, ", ")
    end
  end

  defp compile_file(file) do
    case :ciex.shell_compile_file(file) do
      {:ok, code, modules} ->
        code.(%{})
        modules
      {:error, text} ->
        IO.puts("\n== Compilation error in file " <> file <> " ==")
        IEx.Evaluator.print_error_text(text)
        raise CompileError
    end
  end

  # r/1: recompiles the source file of a module.
  def r(module) when is_atom(module) do
    source =
      case :ciex.shell_module_source(module) do
        nil -> raise ArgumentError, "could not load nor find module: " <> inspect(module)
        :builtin -> raise ArgumentError, "could not find source (built into ciex) for module: " <> inspect(module)
        path -> path
      end
    {:reloaded, c(source)}
  end

  # recompile/0: with -S mix, what Mix's compile does in iex: the files of
  # lib/**/*.ex whose contents changed since they were loaded (or since the
  # last recompile) are compiled again, quietly replacing their modules;
  # :noop when none changed, and "Generated APP app" when the set of
  # modules changed.
  def recompile(_options \\ []) do
    case :ciex.shell_mix_files() do
      nil ->
        IO.puts(IEx.color(:eval_error, "Mix is not running. Please start IEx with: iex -S mix"))
        :error
      files ->
        known = mix_digests()
        changed = Enum.filter(files, fn file -> Map.get(known, file) != file_digest(file) end)
        case changed do
          [] -> :noop
          _ ->
            count = length(changed)
            IO.puts("Compiling " <> Integer.to_string(count) <> if(count == 1, do: " file (.ex)", else: " files (.ex)"))
            :ciex.shell_reloading(true)
            try do
              Enum.each(changed, &compile_file/1)
            after
              :ciex.shell_reloading(false)
            end
            record_digests(files)
            app = mix_app()
            if app && Enum.any?(changed, &(not Map.has_key?(known, &1))), do: IO.puts("Generated " <> app <> " app")
            :ok
        end
    end
  end

  # the digests of lib/'s files as -S mix loaded them: taken when the
  # first evaluator starts, just after the loading
  def __mix_loaded__() do
    case :persistent_term.get(:ciex_mix_digests, nil) == nil and :ciex.shell_mix_files() do
      files when is_list(files) -> record_digests(files)
      _ -> :ok
    end
  end

  defp mix_digests(), do: :persistent_term.get(:ciex_mix_digests, %{})

  defp record_digests(files) do
    digests = Map.new(files, &{&1, file_digest(&1)})
    :persistent_term.put(:ciex_mix_digests, digests)
    digests
  end

  defp file_digest(file) do
    case File.read(file) do
      {:ok, text} -> {byte_size(text), :erlang.phash2(text)}
      _ -> nil
    end
  end

  defp mix_app() do
    with {:ok, text} <- File.read("mix.exs"),
         [_, app] <- Regex.run(~r/app:\s*:(\w+)/, text) do
      app
    else
      _ -> nil
    end
  end

  # ls/1 and cd/1, after iex's: a table of the sorted entries,
  # directories coloured on a terminal.
  def ls(path \\ ".") when is_binary(path) do
    path = expand_home(path)
    case File.ls(path) do
      {:ok, items} ->
        printer = fn item, width -> ls_item(Path.join(path, item), String.pad_trailing(item, width)) end
        ls_table(Enum.sort(items), printer)
      {:error, :enoent} ->
        IO.puts(IEx.color(:eval_error, "No such file or directory " <> path))
      {:error, :enotdir} ->
        IO.puts(IEx.color(:eval_info, Path.absname(path)))
      {:error, _} ->
        IO.puts(IEx.color(:eval_error, "No such file or directory " <> path))
    end
    IEx.dont_display_result()
  end

  def cd(directory) when is_binary(directory) do
    case File.cd(expand_home(directory)) do
      :ok -> pwd()
      {:error, _} -> IO.puts(IEx.color(:eval_error, "No directory " <> directory))
    end
    IEx.dont_display_result()
  end

  defp expand_home("~" <> rest), do: (System.get_env("HOME") || "") <> rest
  defp expand_home(other), do: other

  defp ls_item(path, text) do
    case File.dir?(path) do
      true -> IEx.color(:ls_directory, text)
      false -> text
    end
  end

  # two columns at worst: the widest entry (at most 30) plus 4, a new line
  # once 80 columns are reached
  defp ls_table([], _printer), do: :ok
  defp ls_table(items, printer) do
    offset = min(Enum.reduce(items, 0, &max(String.length(&1), &2)), 30) + 4
    Enum.reduce(items, 0, fn item, length ->
      length = if length >= 80, do: (IO.puts(""); 0), else: length
      printed = printer.(item, offset)
      IO.write(printed <> " ")
      length + String.length(item |> String.pad_trailing(offset)) + 1
    end)
    IO.puts("")
  end

  def pwd() do
    IO.puts(IEx.color(:eval_info, :ciex.shell_cwd()))
    IEx.dont_display_result()
  end

  def runtime_info(), do: runtime_info([:system, :memory, :limits])
  def runtime_info(topic) when is_atom(topic), do: runtime_info([topic])
  def runtime_info(topics) when is_list(topics) do
    info = :ciex.shell_runtime_info()
    IO.puts("")
    Enum.each(topics, fn topic ->
      print_runtime_info(topic, info)
      IO.puts("")
    end)
    IO.write(pad_key("Showing topics"))
    IO.puts(inspect(topics))
    IO.write(pad_key("Additional topics"))
    IO.puts(inspect([:system, :memory, :limits] -- topics))
    IO.puts("")
    IO.puts("To view a specific topic call runtime_info(topic)")
    IO.puts("")
    IEx.dont_display_result()
  end

  defp print_runtime_info(:system, info) do
    print_pane("System and architecture")
    print_entry("ciex version", info.version)
    print_entry("Elixir version", "1.14 (the subset ciex runs)")
    print_entry("Distribution", "Erlang/OTP 25 protocol (version 6)")
    print_entry("Compiled for", info.arch)
    print_entry("Schedulers", Integer.to_string(:erlang.system_info(:schedulers)))
    print_entry("Schedulers online", Integer.to_string(:erlang.system_info(:schedulers_online)))
    print_entry("Node", inspect(node()))
  end
  defp print_runtime_info(:memory, info) do
    print_pane("Memory")
    print_entry("Total", format_bytes(info.memory))
    print_entry("Peak", format_bytes(info.peak_memory))
  end
  defp print_runtime_info(:limits, info) do
    print_pane("Statistics / limits")
    print_entry("Uptime", format_uptime(info.uptime_ms))
    print_entry("Processes", Integer.to_string(length(:erlang.processes())))
    print_entry("Modules", Integer.to_string(info.modules))
    print_entry("Connected nodes", Integer.to_string(length(Node.list())) <> " " <> inspect(Node.list()))
  end
  defp print_runtime_info(_, _), do: :ok

  defp print_pane(title) do
    IO.puts(IEx.color(:eval_result, "## " <> title <> " \n"))
  end

  defp print_entry(key, value), do: IO.puts(pad_key(key) <> value)

  defp pad_key(key), do: String.pad_trailing(key <> ":", 20, " ")

  defp format_bytes(bytes) when bytes >= 1024 * 1024 * 1024, do: Integer.to_string(div(bytes, 1024 * 1024 * 1024)) <> " GB"
  defp format_bytes(bytes) when bytes >= 1024 * 1024, do: Integer.to_string(div(bytes, 1024 * 1024)) <> " MB"
  defp format_bytes(bytes) when bytes >= 1024, do: Integer.to_string(div(bytes, 1024)) <> " KB"
  defp format_bytes(bytes), do: Integer.to_string(bytes) <> " B"

  defp format_uptime(ms) do
    seconds = div(ms, 1000)
    {d, h, m, s} = {div(seconds, 86400), rem(div(seconds, 3600), 24), rem(div(seconds, 60), 60), rem(seconds, 60)}
    parts = [{d, "days"}, {h, "hours"}, {m, "minutes"}] |> Enum.drop_while(fn {n, _} -> n == 0 end)
    Enum.map_join(parts ++ [{s, "seconds"}], ", ", fn {n, unit} -> Integer.to_string(n) <> " " <> unit end)
  end
end

defmodule IEx.Introspection do
  # h, t, b and open: the documentation, types and callbacks of a module
  # as Code.fetch_docs/1 and Code.Typespec give them (the installed
  # Elixir's, or ciex's own for IEx.Helpers), printed by IO.ANSI.Docs as
  # iex prints them: Markdown on a pipe, rendered on a terminal.

  def h(module) do
    case docs(module) do
      {:docs_v1, _, _, format, %{"en" => doc}, metadata, _} ->
        print_doc(inspect(module), [], format, doc, metadata)
      {:docs_v1, _, _, _, _, _, _} -> user_moduledoc(module, false)
      {:error, :no_elixir} -> no_elixir(inspect(module))
      {:error, :chunk_not_found} -> user_moduledoc(module, true)
      {:error, :module_not_found} -> not_loaded(module)
    end
    IEx.dont_display_result()
  end

  def h(module, fun, arity) do
    case docs(module) do
      {:docs_v1, _, _, format, _, _, entries} ->
        found =
          for {{kind, name, a}, _, signature, doc, metadata} <- entries, kind in [:function, :macro],
              name == fun, arity_matches?(a, metadata, arity), doc != :hidden do
            {kind, a, signature, doc, metadata}
          end
        cond do
          found != [] ->
            erlang = format == "application/erlang+html"
            specs = if erlang, do: [], else: fetched(Code.Typespec.fetch_specs(module))
            Enum.each(found, fn {kind, a, signature, doc, metadata} ->
              # an Erlang function's signature is its name/arity, its specs in the metadata
              heading = if erlang, do: signature, else: Enum.map(signature, fn sig -> def_kind(kind) <> " " <> sig end)
              specs = if erlang, do: erlang_specs(Map.get(metadata, :signature, [])), else: specs
              print_doc(heading, spec_lines(specs, kind, fun, a), format, text(doc), Map.delete(metadata, :signature))
            end)
          callback?(entries, fun, arity) ->
            IO.puts("No documentation for function " <> format_mfa(module, fun, arity) <>
              " was found, but there is a callback with the same name.\n" <>
              "You can view callback documentation with the b/1 helper.\n")
          true -> IO.puts("No documentation for " <> format_mfa(module, fun, arity) <> " was found")
        end
      {:error, :no_elixir} -> no_elixir(format_mfa(module, fun, arity || single_arity(module, fun)))
      {:error, :module_not_found} -> not_loaded(module)
      {:error, _} -> IO.puts(inspect(module) <> " was not compiled with docs")
    end
    IEx.dont_display_result()
  end

  # t Mod, t Mod.type, t Mod.type/arity
  def t(module, type \\ nil, arity \\ nil) do
    cond do
      not :ciex.shell_module_exists(module) -> not_loaded(module)
      true ->
        case Code.Typespec.fetch_types(module) do
          :error when type == nil -> no_elixir_or(module, "No type information for " <> inspect(module) <> " was found")
          :error -> no_elixir_or(module, "No type information for " <> format_mfa(module, type, arity) <> " was found or " <>
                      format_mfa(module, type, arity) <> " is private")
          {:ok, types} ->
            types =
              for {kind, {name, _, args} = t} <- types, type == nil or name == type,
                  arity == nil or length(args) == arity do
                {kind, name, t}
              end
            case types do
              [] when type == nil -> IO.puts("No type information for " <> inspect(module) <> " was found")
              [] -> IO.puts("No type information for " <> format_mfa(module, type, arity) <> " was found or " <>
                      format_mfa(module, type, arity) <> " is private")
              types ->
                docs = type_docs(module)
                Enum.each(Enum.sort_by(types, fn {_, name, {_, _, args}} -> {name, length(args)} end), fn {kind, name, t} ->
                  IO.puts(typespec_line(kind, Code.Typespec.type_to_quoted(t)))
                  IO.puts("")
                  case type != nil and Map.get(docs, {name, length(elem(t, 2))}) do
                    doc when is_binary(doc) -> IO.ANSI.Docs.print(doc, "text/markdown", enabled: :ciex.shell_ansi())
                    _ -> :ok
                  end
                end)
            end
        end
    end
    IEx.dont_display_result()
  end

  # b Mod, b Mod.callback, b Mod.callback/arity
  def b(module, fun \\ nil, arity \\ nil) do
    cond do
      not :ciex.shell_module_exists(module) -> not_loaded(module)
      true ->
        case Code.Typespec.fetch_callbacks(module) do
          :error -> no_elixir_or(module, "No callbacks for " <> inspect(module) <> " were found")
          {:ok, callbacks} ->
            selected =
              for {{name, a}, specs} <- Enum.sort(callbacks), fun == nil or name == fun, arity == nil or a == arity do
                {name, a, specs}
              end
            case selected do
              [] when fun == nil -> IO.puts("No callbacks for " <> inspect(module) <> " were found")
              [] -> IO.puts("No documentation for " <> format_mfa(module, fun, arity) <> " was found")
              _ when fun == nil ->
                Enum.each(selected, fn {name, _, specs} ->
                  Enum.each(specs, &IO.puts(typespec_line(:callback, Code.Typespec.spec_to_quoted(name, &1))))
                  IO.puts("")
                end)
                case Code.Typespec.fetch_optional_callbacks(module) do
                  {:ok, [_ | _] = optional} ->
                    IO.puts(optional_callbacks_line(optional))
                    IO.puts("")
                  _ -> :ok
                end
              _ ->
                docs = callback_docs(module)
                Enum.each(selected, fn {name, a, specs} ->
                  Enum.each(specs, &IO.puts(typespec_line(:callback, Code.Typespec.spec_to_quoted(name, &1))))
                  IO.puts("")
                  case Map.get(docs, {name, a}) do
                    doc when is_binary(doc) -> IO.ANSI.Docs.print(doc, "text/markdown", enabled: :ciex.shell_ansi())
                    _ -> :ok
                  end
                end)
            end
        end
    end
    IEx.dont_display_result()
  end

  # open Mod, open Mod.fun: the source file (and line) in the editor of
  # ELIXIR_EDITOR or EDITOR; without one, where it is.
  def open(module, fun \\ nil, arity \\ nil) do
    case source(module, fun, arity) do
      nil when fun == nil -> IO.puts("Could not open: " <> inspect(module) <> ". Module is not available.")
      nil -> IO.puts("Could not open: " <> format_mfa(module, fun, arity) <> ". Function/macro is not available.")
      {file, line} ->
        editor = System.get_env("ELIXIR_EDITOR") || System.get_env("EDITOR")
        cond do
          not File.regular?(file) -> IO.puts("Could not open: " <> inspect(file) <> ". File is not available.")
          editor == nil or editor == "" ->
            IO.puts("Could not open: " <> inspect(file) <> ":" <> Integer.to_string(line) <> ". " <>
              "Please set the ELIXIR_EDITOR or EDITOR environment variables with the " <>
              "command line invocation of your favorite EDITOR.")
          true ->
            command =
              if String.contains?(editor, "__FILE__"),
                do: editor |> String.replace("__FILE__", inspect(file)) |> String.replace("__LINE__", Integer.to_string(line)),
                else: editor <> " " <> inspect(file) <> ":" <> Integer.to_string(line)
            IO.write(IEx.color(:eval_info, :ciex.os_cmd(command)))
        end
    end
    IEx.dont_display_result()
  end

  # {file, line} of a module or function: a user module's source file;
  # a standard-library module's source in the installed Elixir.
  defp source(module, fun, arity) do
    case :ciex.shell_module_exists(module) and :ciex.shell_module_source(module) do
      file when is_binary(file) ->
        if fun == nil or Enum.any?(module.__info__(:functions) ++ module.__info__(:macros), fn {name, a} -> name == fun and (arity == nil or a == arity) end),
          do: {Path.expand(file), 1}
      :builtin ->
        case Code.__installed_chunk__(module, 'Dbgi') do
          {:debug_info_v1, _, {:elixir_v1, map, _}} ->
            file = Path.join(elixir_lib(module), map[:relative_file] || "")
            line =
              if fun == nil,
                do: map[:line] || 1,
                else: Enum.find_value(map[:definitions] || [], fn {{name, a}, _, meta, _} ->
                  if name == fun and (arity == nil or a == arity), do: Keyword.get(meta, :line, 1)
                end)
            if line, do: {file, line}
          _ -> nil
        end
      _ -> nil
    end
  end

  # @optional_callbacks a: 1, b: 2 -- one a line under the first when too long
  defp optional_callbacks_line(optional) do
    prefix = "@optional_callbacks "
    items = Enum.map(optional, fn {name, a} -> Atom.to_string(name) <> ": " <> Integer.to_string(a) end)
    line = prefix <> Enum.join(items, ", ")
    if String.length(line) <= 80,
      do: line,
      else: prefix <> Enum.join(items, ",\n" <> String.duplicate(" ", String.length(prefix)))
  end

  # ELIXIR_HOME/bin/../lib/APP of the application holding the module, as
  # iex names its sources
  defp elixir_lib(module) do
    with exe when is_binary(exe) <- System.find_executable("elixir"),
         {:ok, real} <- :ciex.file_realpath(exe) do
      app =
        Enum.find([:elixir, :iex, :logger, :eex, :ex_unit, :mix], :elixir, fn app ->
          dir = :code.lib_dir(app, :ebin)
          is_list(dir) and File.regular?(Path.join(List.to_string(dir), Atom.to_string(module) <> ".beam"))
        end)
      Path.dirname(real) <> "/../lib/" <> Atom.to_string(app)
    else
      _ -> ""
    end
  end

  defp docs(module) do
    case Code.fetch_docs(module) do
      {:error, :module_not_found} ->
        # a module ciex does not have (Kernel.SpecialForms): the installed Elixir's docs of it
        cond do
          :ciex.shell_module_exists(module) -> {:error, :chunk_not_found}
          (docs = Code.__installed_chunk__(module, 'Docs')) != nil -> docs
          true -> {:error, :module_not_found}
        end
      {:error, :chunk_not_found} = error ->
        if :ciex.shell_module_source(module) == :builtin and not elixir_installed?(), do: {:error, :no_elixir}, else: error
      docs -> docs
    end
  end

  defp elixir_installed?(), do: is_list(:code.lib_dir(:elixir, :ebin))

  defp no_elixir(what), do: IO.puts("ciex has no docs for " <> what <> ": install elixir to read them")

  # no debug info: a module of the user's has none (as a module defined
  # in iex), the standard library's is the installed Elixir's
  defp no_elixir_or(module, message) do
    cond do
      :ciex.shell_module_source(module) != :builtin ->
        IO.puts("Beam code not available for " <> inspect(module) <> " or debug info is missing, cannot load typespecs")
      not elixir_installed?() -> no_elixir(inspect(module))
      true -> IO.puts(message)
    end
  end

  defp not_loaded(module), do: IO.puts("Could not load module " <> inspect(module) <> ", got: nofile")

  defp single_arity(module, fun) do
    case for({name, a} <- module.__info__(:functions) ++ module.__info__(:macros), name == fun, do: a) do
      [a] -> a
      _ -> nil
    end
  end

  defp erlang_specs(forms), do: for({:attribute, _, :spec, spec} <- forms, do: spec)

  defp fetched({:ok, list}), do: list
  defp fetched(:error), do: []

  defp text(%{"en" => doc}), do: doc
  defp text(_), do: nil

  defp def_kind(:macro), do: "defmacro"
  defp def_kind(_), do: "def"

  defp callback?(entries, fun, arity) do
    Enum.any?(entries, fn {{kind, name, a}, _, _, _, _} ->
      kind in [:callback, :macrocallback] and name == fun and (arity == nil or a == arity)
    end)
  end

  defp type_docs(module), do: kind_docs(module, [:type])
  defp callback_docs(module), do: kind_docs(module, [:callback, :macrocallback])

  defp kind_docs(module, kinds) do
    case Code.fetch_docs(module) do
      {:docs_v1, _, _, _, _, _, entries} ->
        for {{kind, name, a}, _, _, %{"en" => doc}, _} <- entries, kind in kinds, into: %{}, do: {{name, a}, doc}
      _ -> %{}
    end
  end

  # f(a, b \\ 1) documents f/1 as well as f/2, as in iex
  defp arity_matches?(_, _, nil), do: true
  defp arity_matches?(a, metadata, arity), do: arity <= a and arity >= a - Map.get(metadata, :defaults, 0)

  # The @spec lines of a function (a macro's specs are its MACRO- function's
  # without the caller argument).
  defp spec_lines(_specs, :macro, _fun, _arity), do: []
  defp spec_lines(specs, _kind, fun, arity) do
    for {{^fun, ^arity}, forms} <- specs, form <- forms do
      typespec_line(:spec, Code.Typespec.spec_to_quoted(fun, form))
    end
  end

  defp typespec_line(kind, quoted, width \\ 80) do
    attribute = "@" <> Atom.to_string(kind)
    "@" <> rest = typespec_layout(attribute <> " ", quoted, width)
    if :ciex.shell_ansi(), do: IEx.color(:doc_code, attribute) <> String.replace_prefix(rest, Atom.to_string(kind), ""), else: "@" <> rest
  end

  # A typespec laid out as Elixir's formatter lays it out in `width`
  # columns: on one line when it fits; else its `when` guards on a line of
  # their own under the name, then the result under `::`, indented by 2,
  # one union member a line (`| member`), a member too long broken after
  # the elements of its tuple that fit.
  defp typespec_layout(prefix, {:when, _, [spec, guards]}, width) do
    guards = "when " <> Enum.map_join(guards, ", ", fn {var, type} -> Atom.to_string(var) <> ": " <> type_text(type) end)
    one_line = typespec_layout(prefix, spec, :infinity) <> " " <> guards
    if String.length(one_line) <= width,
      do: one_line,
      else: typespec_layout(prefix, spec, width) <> "\n" <> String.duplicate(" ", String.length(prefix)) <> guards
  end
  defp typespec_layout(prefix, {:"::", _, [head, result]} = quoted, width) do
    one_line = prefix <> type_text(quoted)
    head_line = prefix <> call_line(head) <> " ::"
    cond do
      width == :infinity or String.length(one_line) <= width -> one_line
      String.length(head_line) > width -> long_head(prefix, head, result, width)
      true -> long_result(prefix, head, result, width)
    end
  end
  defp typespec_layout(prefix, quoted, _width), do: prefix <> type_text(quoted)

  defp call_line({name, _, args}) when is_atom(name) and is_list(args),
    do: Atom.to_string(name) <> "(" <> Enum.map_join(args, ", ", &type_text/1) <> ")"
  defp call_line(head), do: type_text(head)

  # name(\n args, one a line, a long union one member a line\n) :: result
  defp long_head(prefix, {name, _, args}, result, width) do
    column = String.length(prefix) + 2
    pad = String.duplicate(" ", column)
    lines =
      Enum.map_join(args, ",\n", fn arg ->
        text = type_text(arg)
        if column + String.length(text) < width,
          do: pad <> text,
          else: pad <> Enum.map_join(union_members(arg), "\n" <> pad <> "| ", &member_text/1)
      end)
    prefix <> Atom.to_string(name) <> "(\n" <> lines <> "\n" <>
      String.duplicate(" ", String.length(prefix)) <> ") :: " <> type_text(result)
  end

  defp long_result(prefix, head, result, width) do
    column = String.length(prefix) + 2
    members = union_members(result)
    whole = type_text(result)
    body =
      if column + String.length(whole) <= width do
        whole
      else
        members
        |> Enum.with_index()
        |> Enum.map_join("\n" <> String.duplicate(" ", column), fn {member, i} ->
          lead = if i == 0, do: "", else: "| "
          lead <> member_layout(member, column + String.length(lead), width)
        end)
      end
    prefix <> call_line(head) <> " ::\n" <> String.duplicate(" ", column) <> body
  end

  # Macro.to_string/1 of a type, binaries written as Elixir writes them (<<_::_*8>>)
  defp type_text(quoted), do: quoted |> Macro.to_string() |> String.replace("_::_ * ", "_::_*")

  # a member of a union: an annotated type in parentheses, as | binds tighter than ::
  defp member_text({:"::", _, _} = member), do: "(" <> type_text(member) <> ")"
  defp member_text(member), do: type_text(member)

  defp union_members({:|, _, [left, right]}), do: [left | union_members(right)]
  defp union_members(type), do: [type]

  # A tuple member too long for its line: its elements packed, the line
  # broken after a comma, the next lines under the first element.
  defp member_layout(member, column, width) do
    text = member_text(member)
    elements =
      case member do
        {:{}, _, elements} -> elements
        {a, b} -> [a, b]
        _ -> nil
      end
    if elements == nil or column + String.length(text) <= width do
      text
    else
      inner = column + 1
      {lines, line} =
        elements
        |> Enum.map(&type_text/1)
        |> Enum.reduce({[], nil}, fn element, {lines, line} ->
          cond do
            line == nil -> {lines, element}
            inner + String.length(line) + 2 + String.length(element) + 2 <= width -> {lines, line <> ", " <> element}
            true -> {[line <> "," | lines], element}
          end
        end)
      "{" <> Enum.join(Enum.reverse([line | lines]), "\n" <> String.duplicate(" ", inner)) <> "}"
    end
  end

  defp format_mfa(module, fun, nil), do: inspect(module) <> "." <> Atom.to_string(fun)
  defp format_mfa(module, fun, arity), do: format_mfa(module, fun, nil) <> "/" <> Integer.to_string(arity)

  # A module of the user's: its @moduledoc, if it has one.
  defp user_moduledoc(module, chunk_missing) do
    case :ciex.module_attribute(module, :moduledoc) do
      doc when is_binary(doc) -> print_doc(inspect(module), [], "text/markdown", doc, %{})
      _ when chunk_missing -> IO.puts(inspect(module) <> " was not compiled with docs")
      _ -> IO.puts("No documentation for " <> inspect(module) <> " was found")
    end
  end

  def print_doc(heading, doc), do: print_doc(heading, [], "text/markdown", doc, %{})

  def print_doc(heading, specs, format, doc, metadata) do
    options = [enabled: :ciex.shell_ansi() == true]
    IO.ANSI.Docs.print_headings(List.wrap(heading), options)
    if specs != [] do
      Enum.each(specs, fn spec -> IO.puts("  " <> String.replace(spec, "\n", "\n  ")) end)
      IO.puts("")
    end
    IO.ANSI.Docs.print_metadata(metadata, options)
    if is_binary(doc) or is_list(doc), do: IO.ANSI.Docs.print(doc, format, options)
  end
end

defmodule IEx.Info do
  # i/1: what iex's IEx.Info protocol says about a value.

  def print(term) do
    info = [{"Term", inspect(term)}, {"Data type", data_type(term)}] ++ details(term)
    Enum.each(info, fn {key, value} ->
      IO.puts(IEx.color(:eval_result, key))
      IO.puts(IEx.color(:eval_info, "  " <> String.replace(value, "\n", "\n  ")))
    end)
  end

  defp data_type(term) when is_integer(term), do: "Integer"
  defp data_type(term) when is_float(term), do: "Float"
  defp data_type(term) when is_atom(term), do: "Atom"
  defp data_type(term) when is_binary(term), do: "BitString"
  defp data_type(term) when is_bitstring(term), do: "BitString"
  defp data_type(term) when is_list(term), do: "List"
  defp data_type(term) when is_tuple(term), do: "Tuple"
  defp data_type(%{__struct__: module}) when is_atom(module), do: inspect(module)
  defp data_type(term) when is_map(term), do: "Map"
  defp data_type(term) when is_pid(term), do: "PID"
  defp data_type(term) when is_reference(term), do: "Reference"
  defp data_type(term) when is_function(term), do: "Function"
  defp data_type(term) when is_port(term), do: "Port"

  @printable_protocols "IEx.Info, Inspect, List.Chars, String.Chars"

  defp details(term) when is_integer(term), do: [refs("Integer"), protocols(@printable_protocols)]
  defp details(term) when is_float(term), do: [refs("Float"), protocols(@printable_protocols)]
  defp details(:"do not show this result in output") do
    [{"Description", "This atom is returned by IEx when a function that should not print its\n" <>
       "return value on screen is executed."}, refs("Atom"), protocols(@printable_protocols)]
  end
  defp details(term) when is_atom(term) do
    case :ciex.shell_module_source(term) do
      nil -> [refs("Atom"), protocols(@printable_protocols)]
      source -> module_details(term, source)
    end
  end
  defp details(term) when is_binary(term) do
    [{"Byte size", Integer.to_string(byte_size(term))}] ++ string_details(term) ++
      [refs("String, :binary"), protocols("Collectable, IEx.Info, Inspect, List.Chars, String.Chars")]
  end
  defp details(term) when is_bitstring(term) do
    [{"Bits size", Integer.to_string(bit_size(term))}, refs(":binary"), protocols("IEx.Info, Inspect")]
  end
  defp details(term) when is_list(term) do
    description =
      cond do
        term != [] and List.ascii_printable?(term) ->
          [{"Description", "This is a list of integers that is printed as a sequence of characters\n" <>
             "delimited by single quotes because all the integers in it represent printable\n" <>
             "ASCII characters. Conventionally, a list of Unicode code points is known as a\n" <>
             "charlist and a list of ASCII characters is a subset of it."},
           {"Raw representation", inspect(term, charlists: :as_lists)}]
        term != [] and Keyword.keyword?(term) ->
          [{"Description", "This is what is referred to as a \"keyword list\". A keyword list is a list\n" <>
             "of two-element tuples where the first element of each tuple is an atom."}]
        true -> []
      end
    modules = if description != [] and Keyword.keyword?(term), do: "Keyword, List", else: "List"
    description ++ [refs(modules), protocols("Collectable, Enumerable, IEx.Info, Inspect, List.Chars, String.Chars")]
  end
  defp details(term) when is_tuple(term), do: [refs("Tuple"), protocols("IEx.Info, Inspect")]
  defp details(%{__struct__: module} = value) when module == Date or module == Time or module == NaiveDateTime do
    {sigil, repr, fields} =
      case module do
        Date -> {"D", "date", [:year, :month, :day, :calendar]}
        Time -> {"T", "time", [:hour, :minute, :second, :microsecond, :calendar]}
        NaiveDateTime ->
          {"N", ~S{"naive" datetime (that is, a datetime without a time zone)},
           [:year, :month, :day, :hour, :minute, :second, :microsecond, :calendar]}
      end
    raw = "%" <> inspect(module) <> "{" <>
      Enum.map_join(fields, ", ", fn f -> "#{f}: " <> inspect(Map.get(value, f), width: :infinity) end) <> "}"
    [{"Description", "This is a struct representing a #{repr}. It is commonly\n" <>
       "represented using the `~#{sigil}` sigil syntax, that is\n" <>
       "defined in the `Kernel.sigil_#{sigil}/2` macro."},
     {"Raw representation", raw},
     refs(inspect(module) <> ", Calendar, Map"), protocols("IEx.Info, Inspect, String.Chars")]
  end
  defp details(%{__struct__: module}) when module == DateTime or module == Date.Range do
    [{"Description", "This is a struct. Structs are maps with a __struct__ key."},
     refs(inspect(module) <> ", Map"),
     protocols(if module == DateTime, do: "IEx.Info, Inspect, String.Chars", else: "Enumerable, IEx.Info, Inspect")]
  end
  defp details(%{__struct__: module}) when is_atom(module) do
    [{"Description", "This is a struct. Structs are maps with a __struct__ key."},
     refs(inspect(module) <> ", Map"), protocols(struct_protocols(module))]
  end
  defp details(term) when is_map(term), do: [refs("Map"), protocols("Collectable, Enumerable, IEx.Info, Inspect")]
  defp details(term) when is_pid(term) do
    keys = [:registered_name, :links, :message_queue_len]
    # as :rpc.pinfo/2: a process of another node is asked there
    info =
      if node(term) == node(), do: Process.info(term, keys),
      else: nillify_badrpc(:rpc.call(node(term), Process, :info, [term, keys]))
    case info do
      nil -> [{"Alive", "false"}, refs("Process, Node"), protocols("IEx.Info, Inspect")]
      info ->
        name = case Keyword.get(info, :registered_name) do
          [] -> "not registered"
          nil -> "not registered"
          name -> inspect(name)
        end
        links = case Keyword.get(info, :links, []) do
          [] -> "none"
          links -> Enum.map_join(links, ", ", &inspect/1)
        end
        [{"Alive", "true"}, {"Name", name}, {"Links", links},
         {"Message queue length", Integer.to_string(Keyword.get(info, :message_queue_len, 0))},
         {"Description", "Use Process.info/1 to get more info about this process"},
         refs("Process, Node"), protocols("IEx.Info, Inspect")]
    end
  end
  defp nillify_badrpc({:badrpc, _}), do: nil
  defp nillify_badrpc(info), do: info
  defp details(term) when is_reference(term), do: [protocols("IEx.Info, Inspect")]
  defp details(term) when is_function(term) do
    info = :erlang.fun_info(term)
    type = Keyword.get(info, :type, :local)
    [{"Type", Atom.to_string(type)}, {"Arity", Integer.to_string(Keyword.get(info, :arity, 0))}] ++
      (if type == :local, do: [{"Description", "This is an anonymous function."}], else: []) ++
      [protocols("Enumerable, IEx.Info, Inspect")]
  end
  defp details(_), do: [protocols("IEx.Info, Inspect")]

  defp string_details(term) do
    case String.printable?(term) do
      true ->
        [{"Description", "This is a string: a UTF-8 encoded binary. It's printed surrounded by\n" <>
           "\"double quotes\" because all UTF-8 encoded code points in it are printable."},
         {"Raw representation", inspect(term, binaries: :as_binaries)}]
      false ->
        [{"Description", "This is a binary: a collection of bytes. It's printed with the `<<>>`\n" <>
           "syntax (as opposed to double quotes) because it is not a UTF-8 encoded\n" <>
           "binary (the first invalid byte being `<<" <> first_invalid(term) <> ">>`)"}]
    end
  end

  defp first_invalid(<<>>), do: ""
  defp first_invalid(binary) do
    case String.next_codepoint(binary) do
      {cp, rest} when cp != "" -> if String.printable?(cp), do: first_invalid(rest), else: Integer.to_string(:binary.first(cp))
      _ -> Integer.to_string(:binary.first(binary))
    end
  end

  defp module_details(module, source) do
    source_entry = if is_binary(source), do: [{"Source", source}], else: [{"Source", "built into ciex"}]
    source_entry ++
      [{"Description", "Use h(" <> inspect(module) <> ") to access its documentation.\n" <>
         "Call exports(" <> inspect(module) <> ") to list its functions."},
       {"Raw representation", ":" <> inspect(Atom.to_string(module))},
       refs("Module, Atom"), protocols(@printable_protocols)]
  end

  defp refs(modules), do: {"Reference modules", modules}
  defp protocols(list), do: {"Implemented protocols", list}

  # IEx.Info and Inspect (Any's), and each protocol a defimpl implements for it
  defp struct_protocols(module) do
    names = for p <- :ciex.protocols_for(module), p != Inspect, do: inspect(p)
    Enum.join(Enum.sort(["IEx.Info", "Inspect" | names]), ", ")
  end
end
