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

  def h() do
    IEx.Introspection.print_doc("IEx.Helpers", IEx.Docs.moduledoc(IEx.Helpers))
    IEx.dont_display_result()
  end

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
    print_entry("Schedulers", "1")
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
  # h/1 and h/3: the built-in docs of IEx.Docs, printed as iex prints
  # Markdown docs: raw on a pipe, rendered (titles, code in cyan,
  # paragraphs re-wrapped to 80 columns) on a terminal.

  def h(module) do
    case :ciex.shell_module_exists(module) do
      false -> IO.puts("Could not load module " <> inspect(module) <> ", got: nofile")
      true ->
        case IEx.Docs.moduledoc(module) do
          nil -> print_user_moduledoc(module)
          doc -> print_doc(inspect(module), doc)
        end
    end
    IEx.dont_display_result()
  end

  def h(module, fun, arity) do
    case :ciex.shell_module_exists(module) do
      false -> IO.puts("Could not load module " <> inspect(module) <> ", got: nofile")
      true ->
        docs = IEx.Docs.fundocs(module, fun) |> Enum.filter(fn doc -> arity_matches?(doc, arity) end)
        cond do
          docs != [] ->
            Enum.each(docs, fn {_, heading, spec, doc} -> print_doc(heading, spec, doc) end)
          not documented?(module) ->
            IO.puts(inspect(module) <> " was not compiled with docs")
          true ->
            IO.puts("No documentation for " <> format_mfa(module, fun, arity) <> " was found")
        end
    end
    IEx.dont_display_result()
  end

  # f(a, b \\\\ 1) documents f/1 as well as f/2, as in iex
  defp arity_matches?(_, nil), do: true
  defp arity_matches?({max, heading, _, _}, arity) do
    defaults = length(String.split(heading, "\\\\")) - 1
    arity <= max and arity >= max - defaults
  end

  defp documented?(module) do
    IEx.Docs.moduledoc(module) != nil or :ciex.shell_module_source(module) == :builtin or
      is_binary(:ciex.module_attribute(module, :moduledoc))
  end

  defp format_mfa(module, fun, nil), do: inspect(module) <> "." <> Atom.to_string(fun)
  defp format_mfa(module, fun, arity), do: format_mfa(module, fun, nil) <> "/" <> Integer.to_string(arity)

  # A module of the user's: its @moduledoc, if it has one.
  defp print_user_moduledoc(module) do
    case :ciex.module_attribute(module, :moduledoc) do
      doc when is_binary(doc) -> print_doc(inspect(module), doc)
      _ -> IO.puts(inspect(module) <> " was not compiled with docs")
    end
  end

  def print_doc(heading, doc), do: print_doc(heading, nil, doc)

  def print_doc(heading, spec, doc) do
    ansi = :ciex.shell_ansi()
    IO.write(title(heading, ansi))
    case spec do
      nil -> :ok
      _ -> IO.write(spec_line(spec, ansi))
    end
    IO.write(body(doc, ansi))
  end

  defp title(heading, false), do: "\n" <> String.duplicate(" ", div(80 - String.length(heading), 2)) <> heading <> "\n\n"
  defp title(heading, true) do
    left = div(80 - String.length(heading), 2)
    line = String.pad_trailing(String.duplicate(" ", left) <> heading, 80)
    "\e[0m\n" <> IEx.color(:doc_title, line) <> "\n\e[0m\n"
  end

  defp spec_line(spec, false), do: "  " <> spec <> "\n\n"
  defp spec_line("@spec" <> rest, true), do: "  " <> IEx.color(:doc_code, "@spec") <> rest <> "\n\n"

  defp body(doc, false), do: String.trim_trailing(doc) <> "\n\n"
  defp body(doc, true) do
    doc
    |> String.trim_trailing()
    |> String.split("\n\n")
    |> Enum.map_join("", &render_block/1)
  end

  defp render_block("## " <> _ = heading), do: IEx.color(:doc_headings, heading) <> "\n\e[0m\n"
  defp render_block("    " <> _ = code), do: IEx.color(:doc_code, code) <> "\n\e[0m\n"
  defp render_block("  * " <> _ = list) do
    list
    |> String.split("\n  * ")
    |> Enum.map_join("", fn item -> "  • " <> wrap(String.replace_prefix(item, "  * ", ""), 76, "    ") <> "\n" end)
    |> Kernel.<>("\e[0m\n")
  end
  defp render_block(paragraph), do: wrap(paragraph, 80, "") <> "\n\e[0m\n"

  # Re-wraps text to `width` visible columns, as IO.ANSI.Docs does: its
  # lines joined, runs of spaces kept, `code` in cyan (backticks dropped).
  defp wrap(text, width, indent) do
    words =
      text
      |> String.split("\n")
      |> Enum.map_join(" ", &String.trim_leading/1)
      |> String.split(" ")
    {lines, current, _, _} =
      Enum.reduce(words, {[], "", -1, false}, fn word, {lines, current, length, in_code} ->
        {shown, visible, in_code} = code_spans(word, in_code)
        cond do
          length < 0 -> {lines, shown, visible, in_code}
          length + 1 + visible > width -> {[current | lines], shown, visible, in_code}
          true -> {lines, current <> " " <> shown, length + 1 + visible, in_code}
        end
      end)
    Enum.join(Enum.reverse([current | lines]), "\n" <> indent)
  end

  # A word's text with its code spans coloured; a span may run over
  # several words.
  defp code_spans(word, in_code) do
    parts = String.split(word, "`")
    {shown, visible, in_code, _} =
      Enum.reduce(parts, {"", 0, in_code, true}, fn part, {acc, length, in_code, first} ->
        in_code = if first, do: in_code, else: not in_code
        shown = if in_code and part != "", do: IEx.color(:doc_code, part), else: part
        {acc <> shown, length + String.length(part), in_code, false}
      end)
    {shown, visible, in_code}
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
