# Exception: normalizing Erlang errors into exception structs, their
# messages, and the text of uncaught errors and exits (Elixir 1.14's).
defmodule Exception do
  def exception?(%{__struct__: m, __exception__: true}) when is_atom(m), do: true
  def exception?(_), do: false

  def message(%{__struct__: mod, __exception__: true} = exception) do
    try do
      mod.message(exception)
    rescue
      caught ->
        "got " <> inspect(caught.__struct__) <> " with message " <> inspect(message(caught)) <>
          " while retrieving Exception.message/1 for " <> inspect(exception) <> ". Stacktrace:\n" <>
          format_stacktrace(__STACKTRACE__)
    else
      result when is_binary(result) -> result
      result ->
        "got " <> inspect(result) <> " while retrieving Exception.message/1 for " <>
          inspect(exception) <> " (expected a string)"
    end
  end

  def normalize(kind, payload, stacktrace \\ [])
  def normalize(:error, %{__exception__: true} = exception, _stack), do: exception
  def normalize(:error, payload, stack), do: ErlangError.normalize(payload, stack)
  def normalize(_kind, payload, _stack), do: payload

  # Lets the exception add what it learns from the stack trace: the
  # operands of ArithmeticError, the arguments of FunctionClauseError.
  def blame(:error, error, stacktrace) do
    %{__struct__: module} = struct = normalize(:error, error, stacktrace)
    case :erlang.function_exported(module, :blame, 2) do
      true -> module.blame(struct, stacktrace)
      false -> {struct, stacktrace}
    end
  end
  def blame(_kind, reason, stacktrace), do: {reason, stacktrace}

  def format(kind, payload, stacktrace \\ [])
  def format({:EXIT, _} = kind, any, _), do: format_banner(kind, any)
  def format(kind, payload, stacktrace) do
    message = format_banner(kind, payload, stacktrace)
    case stacktrace do
      [] -> message
      _ -> message <> "\n" <> format_stacktrace(stacktrace)
    end
  end

  def format_banner(kind, reason, stacktrace \\ [])
  def format_banner(:error, exception, stacktrace) do
    exception = normalize(:error, exception, stacktrace)
    "** (" <> inspect(exception.__struct__) <> ") " <> message(exception)
  end
  def format_banner(:throw, reason, _), do: "** (throw) " <> inspect(reason)
  def format_banner(:exit, reason, _), do: "** (exit) " <> format_exit(reason, "\n    ")
  def format_banner({:EXIT, pid}, reason, _) do
    "** (EXIT from " <> inspect(pid) <> ") " <> format_exit(reason, "\n    ")
  end

  def format_exit(reason), do: format_exit(reason, "\n    ")

  defp format_exit({exception, [_ | _] = maybe_stacktrace} = reason, joiner) do
    try do
      Enum.map(maybe_stacktrace, &format_stacktrace_entry/1)
    catch
      :error, _ -> format_exit_reason(reason)
    else
      formatted ->
        message = "an exception was raised:" <> joiner <> format_banner(:error, exception, maybe_stacktrace)
        Enum.join([message | formatted], joiner <> "    ")
    end
  end
  defp format_exit({:shutdown, {:failed_to_start_child, child, {:EXIT, reason}}}, joiner) do
    format_start_child(child, reason, joiner)
  end
  defp format_exit({:shutdown, {:failed_to_start_child, child, reason}}, joiner) do
    format_start_child(child, reason, joiner)
  end
  defp format_exit({reason2, {mod, fun, args}} = reason, joiner) when is_list(args) and length(args) < 256 do
    try do
      format_mfa(mod, fun, args)
    catch
      :error, _ -> format_exit_reason(reason)
    else
      mfa -> "exited in: " <> mfa <> joiner <> "** (EXIT) " <> format_exit(reason2, joiner <> "    ")
    end
  end
  defp format_exit(reason, _joiner), do: format_exit_reason(reason)

  defp format_start_child(child, reason, joiner) do
    "shutdown: failed to start child: " <> inspect(child) <> joiner <> "** (EXIT) " <>
      format_exit(reason, joiner <> "    ")
  end

  defp format_exit_reason(:normal), do: "normal"
  defp format_exit_reason(:shutdown), do: "shutdown"
  defp format_exit_reason({:shutdown, reason}), do: "shutdown: " <> inspect(reason)
  defp format_exit_reason(:calling_self), do: "process attempted to call itself"
  defp format_exit_reason(:timeout), do: "time out"
  defp format_exit_reason(:killed), do: "killed"
  defp format_exit_reason(:noconnection), do: "no connection"
  defp format_exit_reason(:noproc) do
    "no process: the process is not alive or there's no process currently associated with the given name, possibly because its application isn't started"
  end
  defp format_exit_reason({:nodedown, node}) when is_atom(node), do: "no connection to " <> to_string(node)
  defp format_exit_reason({:already_started, pid}), do: "already started: " <> inspect(pid)
  defp format_exit_reason({:bad_return_value, value}), do: "bad return value: " <> inspect(value)
  defp format_exit_reason({:bad_call, request}), do: "bad call: " <> inspect(request)
  defp format_exit_reason({:bad_cast, request}), do: "bad cast: " <> inspect(request)
  defp format_exit_reason({:bad_return, {mod, :init, value}}) when is_atom(mod) do
    format_mfa(mod, :init, 1) <> " returned a bad value: " <> inspect(value)
  end
  defp format_exit_reason({:bad_start_spec, spec}) do
    "bad child specification, invalid children: " <> inspect(spec)
  end
  defp format_exit_reason({:start_spec, spec}), do: "bad child specification, " <> format_sup_spec(spec)
  defp format_exit_reason({:supervisor_data, data}), do: "bad supervisor configuration, " <> format_sup_data(data)
  defp format_exit_reason(reason), do: inspect(reason)

  defp format_sup_spec({:duplicate_child_name, id}) do
    "more than one child specification has the id: " <> inspect(id) <>
      ".\nIf using maps as child specifications, make sure the :id keys are unique.\nIf using a module or {module, arg} as child, use Supervisor.child_spec/2 to change the :id, for example:\n\n    children = [\n      Supervisor.child_spec({MyWorker, arg}, id: :my_worker_1),\n      Supervisor.child_spec({MyWorker, arg}, id: :my_worker_2)\n    ]\n"
  end
  defp format_sup_spec({:invalid_child_spec, spec}), do: "invalid child specification: " <> inspect(spec)
  defp format_sup_spec({:invalid_child_type, type}) do
    "invalid child type: " <> inspect(type) <> ". Must be :worker or :supervisor."
  end
  defp format_sup_spec({:invalid_mfa, mfa}), do: "invalid mfa: " <> inspect(mfa)
  defp format_sup_spec({:invalid_restart_type, restart}) do
    "invalid restart type: " <> inspect(restart) <> ". Must be :permanent, :transient or :temporary."
  end
  defp format_sup_spec({:invalid_shutdown, shutdown}) do
    "invalid shutdown: " <> inspect(shutdown) <> ". Must be an integer >= 0, :infinity or :brutal_kill."
  end
  defp format_sup_spec({:invalid_module, mod}), do: "invalid module: " <> inspect(mod) <> ". Must be an atom."
  defp format_sup_spec({:invalid_modules, mods}) do
    "invalid modules: " <> inspect(mods) <> ". Must be a list of atoms or :dynamic."
  end
  defp format_sup_spec(other), do: "got: " <> inspect(other)

  defp format_sup_data({:invalid_type, type}), do: "invalid type: " <> inspect(type)
  defp format_sup_data({:invalid_strategy, strategy}), do: "invalid strategy: " <> inspect(strategy)
  defp format_sup_data({:invalid_intensity, n}), do: "invalid max_restarts (intensity): " <> inspect(n)
  defp format_sup_data({:invalid_period, n}), do: "invalid max_seconds (period): " <> inspect(n)
  defp format_sup_data({:invalid_max_children, n}), do: "invalid max_children: " <> inspect(n)
  defp format_sup_data({:invalid_extra_arguments, extra}), do: "invalid extra_arguments: " <> inspect(extra)
  defp format_sup_data(other), do: "got: " <> inspect(other)

  # ---- stack traces ----

  def format_stacktrace(trace \\ nil)
  def format_stacktrace(nil), do: "\n"
  def format_stacktrace([]), do: "\n"
  def format_stacktrace(trace) do
    "    " <> Enum.map_join(trace, "\n    ", &format_stacktrace_entry/1) <> "\n"
  end

  def format_stacktrace_entry({module, :__MODULE__, 0, location}) do
    format_location(location) <> inspect(module) <> " (module)"
  end
  def format_stacktrace_entry({_module, :__MODULE__, 1, location}), do: format_location(location) <> "(module)"
  def format_stacktrace_entry({_module, :__FILE__, 1, location}), do: format_location(location) <> "(file)"
  def format_stacktrace_entry({_module, :__FILE__, _, location}), do: format_location(location) <> "(file)"
  def format_stacktrace_entry({module, fun, arity, location}) do
    format_application(module) <> format_location(location) <> format_mfa(module, fun, arity)
  end
  def format_stacktrace_entry({fun, arity, location}) do
    format_location(location) <> format_fa(fun, arity)
  end

  # "(ciex 0.1.0) " before the library's entries, where the BEAM writes
  # "(elixir 1.14.0) "
  defp format_application(module) do
    case :application.get_application(module) do
      {:ok, app} ->
        case :application.get_key(app, :vsn) do
          {:ok, vsn} when is_list(vsn) -> "(" <> Atom.to_string(app) <> " " <> List.to_string(vsn) <> ") "
          _ -> "(" <> Atom.to_string(app) <> ") "
        end

      :undefined ->
        ""
    end
  end

  defp format_location(opts) when is_list(opts) do
    format_file_line(Keyword.get(opts, :file), Keyword.get(opts, :line), " ")
  end
  defp format_location(_), do: ""

  def format_file_line(file, line, suffix \\ "") do
    cond do
      file == nil -> ""
      line == nil or line == 0 -> to_string(file) <> ":" <> suffix
      true -> to_string(file) <> ":" <> to_string(line) <> ":" <> suffix
    end
  end

  def format_file_line_column(file, line, column, suffix \\ "") do
    cond do
      file == nil -> ""
      line == nil or line == 0 -> to_string(file) <> ":" <> suffix
      column == nil or column == 0 -> to_string(file) <> ":" <> to_string(line) <> ":" <> suffix
      true -> to_string(file) <> ":" <> to_string(line) <> ":" <> to_string(column) <> ":" <> suffix
    end
  end

  def format_mfa(module, fun, arity) when is_atom(module) and is_atom(fun) do
    case anonymous_parent(fun) do
      {outer, outer_arity} ->
        "anonymous fn" <> format_arity(arity) <> " in " <> inspect(module) <> "." <> outer <> "/" <> outer_arity
      :error ->
        inspect(module) <> "." <> fun_name(fun) <> format_arity(arity)
    end
  end

  def format_fa(fun, arity) when is_function(fun), do: inspect(fun) <> format_arity(arity)

  defp format_arity(arity) when is_list(arity) do
    "(" <> Enum.map_join(arity, ", ", &inspect/1) <> ")"
  end
  defp format_arity(arity) when is_integer(arity), do: "/" <> :erlang.integer_to_binary(arity)

  # "-name/2-fun-0-" is an anonymous function inside name/2
  defp anonymous_parent(fun) do
    case :erlang.atom_to_binary(fun) do
      "-" <> rest ->
        case :binary.split(rest, "-fun-") do
          [name_arity, _] ->
            case :binary.split(name_arity, "/", [:global]) do
              [name, arity] -> {fun_name(:erlang.binary_to_atom(name)), arity}
              _ -> :error
            end
          _ -> :error
        end
      _ -> :error
    end
  end

  # A function name as a remote call prints it: quoted when it must be.
  defp fun_name(fun) do
    case inspect(fun) do
      ":" <> plain -> plain
      other -> other
    end
  end
end

defmodule RuntimeError do
  defexception message: "runtime error"
end

defmodule ArgumentError do
  defexception message: "argument error"
end

defmodule ArithmeticError do
  defexception message: "bad argument in arithmetic expression"

  def blame(%{message: message} = exception, [{:erlang, fun, args, _} | _] = stacktrace) do
    suffix =
      case {fun, args} do
        {op, [a]} when op in [:+, :-] -> ": " <> to_string(op) <> "(" <> inspect(a) <> ")"
        {op, [a, b]} when op in [:+, :-, :*, :/] -> ": " <> inspect(a) <> " " <> to_string(op) <> " " <> inspect(b)
        {op, [a, b]} when op in [:div, :rem] -> ": " <> to_string(op) <> "(" <> inspect(a) <> ", " <> inspect(b) <> ")"
        {op, [a, b]} when op in [:band, :bor, :bxor, :bsl, :bsr] ->
          ": Bitwise." <> to_string(op) <> "(" <> inspect(a) <> ", " <> inspect(b) <> ")"
        {:bnot, [a]} -> ": Bitwise.bnot(" <> inspect(a) <> ")"
        _ -> ""
      end
    {%{exception | message: message <> suffix}, stacktrace}
  end
  def blame(exception, stacktrace), do: {exception, stacktrace}
end

defmodule SystemLimitError do
  defexception message: "a system limit has been reached"
end

defmodule MatchError do
  defexception [:term]
  def message(e), do: "no match of right hand side value: " <> inspect(e.term)
end

defmodule CaseClauseError do
  defexception [:term]
  def message(e), do: "no case clause matching: " <> inspect(e.term)
end

defmodule WithClauseError do
  defexception [:term]
  def message(e), do: "no with clause matching: " <> inspect(e.term)
end

defmodule TryClauseError do
  defexception [:term]
  def message(e), do: "no try clause matching: " <> inspect(e.term)
end

defmodule CondClauseError do
  defexception []
  def message(_), do: "no cond clause evaluated to a truthy value"
end

defmodule KeyError do
  defexception [:key, :term, :message]
  def message(%{message: nil, key: key, term: term}), do: message(key, term)
  def message(%{message: message}), do: message
  defp message(key, nil), do: "key " <> inspect(key) <> " not found"
  defp message(key, term), do: "key " <> inspect(key) <> " not found in: " <> inspect(term)
end

defmodule BadMapError do
  defexception [:term]
  def message(e), do: "expected a map, got: " <> inspect(e.term)
end

defmodule BadStructError do
  defexception [:struct, :term]
  def message(e), do: "expected a struct named " <> inspect(e.struct) <> ", got: " <> inspect(e.term)
end

defmodule BadBooleanError do
  defexception [:term, :operator]
  def message(e) do
    "expected a boolean on left-side of \"" <> to_string(e.operator) <> "\", got: " <> inspect(e.term)
  end
end

defmodule BadFunctionError do
  defexception [:term]
  def message(e), do: "expected a function, got: " <> inspect(e.term)
end

defmodule BadArityError do
  defexception [:function, :args]
  def message(e) do
    {:arity, arity} = :erlang.fun_info(e.function, :arity)
    args = Enum.map_join(e.args, ", ", &inspect/1)
    inspect(e.function) <> " with arity " <> to_string(arity) <> " called with " <> count(length(e.args), args)
  end
  defp count(0, _), do: "no arguments"
  defp count(1, args), do: "1 argument (" <> args <> ")"
  defp count(n, args), do: to_string(n) <> " arguments (" <> args <> ")"
end

defmodule FunctionClauseError do
  defexception [:module, :function, :arity, :kind, :args, :clauses]

  def message(%{function: nil}), do: "no function clause matches"
  def message(%{module: module, function: function, arity: arity} = e) do
    "no function clause matching in " <> Exception.format_mfa(module, function, arity) <>
      blame(e, &inspect/1, &inspect/1)
  end

  def blame(%{module: module, function: function, arity: arity} = exception, stacktrace) do
    case stacktrace do
      [{^module, ^function, args, meta} | rest] when length(args) == arity ->
        {%{exception | args: args, kind: :def}, [{module, function, arity, meta} | rest]}
      _ ->
        {exception, stacktrace}
    end
  end

  def blame(%{args: nil}, _, _), do: ""
  def blame(%{module: module, function: function, arity: arity, args: args}, inspect_fun, _fun) do
    mfa = Exception.format_mfa(module, function, arity)
    "\n\nThe following arguments were given to " <> mfa <> ":\n" <> format_args(args, inspect_fun)
  end

  defp format_args(args, inspect_fun) do
    Enum.with_index(args, 1)
    |> Enum.map(fn {arg, i} ->
      [pad("\n# "), :erlang.integer_to_binary(i), pad("\n"), pad(inspect_fun.(arg)), "\n"]
    end)
    |> :erlang.iolist_to_binary()
  end

  defp pad(string), do: String.replace(string, "\n", "\n    ")
end

defmodule UndefinedFunctionError do
  defexception [:module, :function, :arity, :reason, :message]

  def message(%{message: nil} = e) do
    {message, _} = message(e.reason, e.module, e.function, e.arity)
    message
  end
  def message(%{message: message}), do: message

  def blame(exception, stacktrace) do
    {message, _} = message(exception.reason, exception.module, exception.function, exception.arity)
    {%{exception | message: message}, stacktrace}
  end

  defp message(nil, module, function, arity) do
    cond do
      function == nil or arity == nil -> {"undefined function", false}
      module == nil -> {"function " <> Exception.format_mfa(module, function, arity) <> " is undefined", false}
      :ciex.module_exists(module) -> message(:"function not exported", module, function, arity)
      true -> message(:"module could not be loaded", module, function, arity)
    end
  end
  defp message(:"module could not be loaded", module, function, arity) do
    {"function " <> Exception.format_mfa(module, function, arity) <> " is undefined (module " <>
       inspect(module) <> " is not available)", false}
  end
  defp message(:"function not exported", module, function, arity) do
    if is_atom(function) and is_integer(arity) and :erlang.function_exported(module, :"MACRO-#{function}", arity + 1) do
      {"function " <> Exception.format_mfa(module, function, arity) <> " is undefined or private. However there is " <>
         "a macro with the same name and arity. Be sure to require " <> inspect(module) <> " if you intend to invoke this macro", true}
    else
      {"function " <> Exception.format_mfa(module, function, arity) <> " is undefined or private", true}
    end
  end
  defp message(reason, module, function, arity) do
    {"function " <> Exception.format_mfa(module, function, arity) <> " is undefined (" <> to_string(reason) <> ")", false}
  end
end

defmodule ErlangError do
  defexception [:original, :reason]

  def message(%{original: original, reason: nil}), do: "Erlang error: " <> inspect(original)
  def message(%{original: original, reason: reason}) do
    :erlang.iolist_to_binary(["Erlang error: ", inspect(original), reason])
  end

  # Turns an Erlang error reason into the exception struct Elixir rescues.
  def normalize(:badarg, [{:erlang, fun, args, _} | _]) when is_list(args) do
    case erts_error(fun, args) do
      nil -> ArgumentError.exception("argument error")
      {pos, text} ->
        ArgumentError.exception("errors were found at the given arguments:\n\n  * " <> ordinal(pos) <>
          " argument: " <> text <> "\n")
    end
  end
  def normalize(:badarg, [{:binary, :copy, [b, n], _} | _]) do
    text = if is_binary(b), do: (if is_integer(n), do: "2nd argument: out of range", else: "2nd argument: not an integer"), else: "1st argument: not a binary"
    ArgumentError.exception("errors were found at the given arguments:\n\n  * " <> text <> "\n")
  end
  # :ets BIFs name the cause in their error_info, as OTP's do
  def normalize(:badarg, [{:ets, fun, args, info} | _]) when is_list(args) do
    cause =
      case :lists.keyfind(:error_info, 1, info) do
        {:error_info, %{cause: cause}} -> cause
        _ -> :none
      end
    case :ciex_ets_errors.format(fun, args, cause) do
      [] -> ArgumentError.exception("argument error")
      errors ->
        ArgumentError.exception("errors were found at the given arguments:\n\n" <>
          :erlang.iolist_to_binary(for {pos, text} <- errors, do: ["  * ", ordinal(pos), " argument: ", text, "\n"]))
    end
  end
  def normalize(:badarg, [{:os, f, [_], _} | _]) when f in [:perf_counter, :system_time] do
    ArgumentError.exception("errors were found at the given arguments:\n\n  * 1st argument: invalid time unit\n")
  end
  def normalize(:badarg, [{:binary, :compile_pattern, [_], _} | _]) do
    ArgumentError.exception("errors were found at the given arguments:\n\n  * 1st argument: not a valid pattern\n")
  end
  def normalize(:badarg, _), do: ArgumentError.exception("argument error")
  def normalize(:badarith, _), do: ArithmeticError.exception("bad argument in arithmetic expression")
  def normalize(:system_limit, _), do: SystemLimitError.exception([])
  def normalize(:cond_clause, _), do: CondClauseError.exception([])
  def normalize({:badarity, {fun, args}}, _), do: BadArityError.exception(function: fun, args: args)
  def normalize({:badfun, term}, _), do: BadFunctionError.exception(term: term)
  def normalize({:badstruct, struct, term}, _), do: BadStructError.exception(struct: struct, term: term)
  def normalize({:badmatch, term}, _), do: MatchError.exception(term: term)
  def normalize({:badmap, term}, _), do: BadMapError.exception(term: term)
  def normalize({:badbool, op, term}, _), do: BadBooleanError.exception(operator: op, term: term)
  def normalize({:badbool, term}, _), do: BadBooleanError.exception(operator: :and, term: term)
  def normalize({:badkey, key}, stack) do
    term =
      case stack do
        [{Map, :get_and_update!, [map, _, _], _} | _] -> map
        [{Map, :update!, [map, _, _], _} | _] -> map
        [{:maps, :update, [_, _, map], _} | _] -> map
        [{:maps, :get, [_, map], _} | _] -> map
        [{:erlang, :map_get, [_, map], _} | _] -> map
        _ -> nil
      end
    KeyError.exception(key: key, term: term)
  end
  def normalize({:badkey, key, map}, _) when is_map(map), do: KeyError.exception(key: key, term: map)
  def normalize({:badkey, key, term}, _) do
    KeyError.exception(key: key, term: term, message:
      "key " <> inspect(key) <> " not found in: " <> inspect(term) <>
        ". If you are using the dot syntax, such as map.field, make sure the left-hand side of the dot is a map")
  end
  def normalize({:case_clause, term}, _), do: CaseClauseError.exception(term: term)
  def normalize({:with_clause, term}, _), do: WithClauseError.exception(term: term)
  def normalize({:try_clause, term}, _), do: TryClauseError.exception(term: term)
  def normalize(:undef, stack) do
    {mod, fun, arity} = from_stacktrace(stack)
    UndefinedFunctionError.exception(module: mod, function: fun, arity: arity)
  end
  def normalize(:function_clause, stack) do
    {mod, fun, arity} = from_stacktrace(stack)
    FunctionClauseError.exception(module: mod, function: fun, arity: arity)
  end
  def normalize({:badarg, payload}, _), do: ArgumentError.exception("argument error: " <> inspect(payload))
  def normalize(other, _), do: ErlangError.exception(original: other)

  # What erl_erts_errors says about a BIF's bad argument: {position, text}.
  defp erts_error(fun, args) do
    case {fun, args} do
      {f, [n, t]} when f in [:element] -> if is_tuple(t), do: int_arg(n, 1, "out of range"), else: {2, "not a tuple"}
      {:setelement, [n, t, _]} -> if is_tuple(t), do: int_arg(n, 1, "out of range"), else: {2, "not a tuple"}
      {:insert_element, [n, t, _]} -> if is_tuple(t), do: int_arg(n, 1, "out of range"), else: {2, "not a tuple"}
      {:delete_element, [n, t]} -> if is_tuple(t), do: int_arg(n, 1, "out of range"), else: {2, "not a tuple"}
      {:append_element, [_, _]} -> {1, "not a tuple"}
      {:make_tuple, [n, _]} -> int_arg(n, 1, "out of range")
      {f, [_]} when f in [:hd, :tl] -> {1, "not a nonempty list"}
      {:length, [_]} -> {1, "not a list"}
      {f, [_]} when f in [:tuple_size, :tuple_to_list] -> {1, "not a tuple"}
      {:list_to_tuple, [_]} -> {1, "not a list"}
      {f, [_ | _]} when f in [:atom_to_binary, :atom_to_list] -> {1, "not an atom"}
      {f, [b | _]} when f in [:binary_to_atom, :binary_to_existing_atom] ->
        cond do
          not is_binary(b) -> {1, "not a binary"}
          f == :binary_to_existing_atom -> {1, "not an already existing atom"}
          true -> {1, "invalid UTF8 encoding"}
        end
      {f, [b | _]} when f in [:binary_to_integer] ->
        if is_binary(b), do: {1, "not a textual representation of an integer"}, else: {1, "not a binary"}
      {f, [b | _]} when f in [:list_to_integer] ->
        if is_list(b), do: {1, "not a textual representation of an integer"}, else: {1, "not a list"}
      {:binary_to_float, [b]} ->
        if is_binary(b), do: {1, "not a textual representation of a float"}, else: {1, "not a binary"}
      {f, [i | rest]} when f in [:integer_to_binary, :integer_to_list] ->
        if is_integer(i), do: (if rest == [], do: nil, else: {2, "not an integer in the range 2 through 36"}), else: {1, "not an integer"}
      {:binary_to_list, [_]} -> {1, "not a binary"}
      # OTP 25 names the 1st argument for a bad range, and says nothing of one too large
      {f, [_, r]} when f in [:phash, :phash2] ->
        cond do
          not is_integer(r) -> {1, "not an integer"}
          r < 1 -> {1, "out of range"}
          true -> nil
        end
      {f, [_]} when f in [:byte_size, :bit_size] -> {1, "not a bitstring"}
      {:abs, [_]} -> {1, "not a number"}
      {f, [_]} when f in [:iolist_to_binary, :iolist_size] -> {1, "not an iodata term"}
      {:list_to_atom, [_]} -> {1, "not a list of characters"}
      {:binary_part, [b | _]} -> if is_binary(b), do: {2, "out of range"}, else: {1, "not a binary"}
      {f, [_, _]} when f in [:send, :!] -> {1, "invalid destination"}
      {:send, [_, _, opts]} ->
        if is_list(opts) and Enum.all?(opts, &(&1 in [:noconnect, :nosuspend])),
          do: {1, "invalid destination"}, else: {3, "invalid option in list"}
      {:unregister, [_]} -> {1, "not a pid"}
      {:is_process_alive, [_]} -> {1, "not a pid"}
      {:nodes, [k]} when is_atom(k) -> {1, "not a valid node type"}
      {:nodes, [k]} when is_list(k) -> {1, "not a list of valid node types"}
      {:nodes, [_]} -> {1, "not a valid node type or list of valid node types"}
      {:process_info, [pid | _]} when not is_pid(pid) -> {1, "not a pid"}
      {:process_info, [pid | _]} when node(pid) != node() -> {1, "not a local pid"}
      {:process_info, [_, _]} -> {2, "invalid item or item list"}
      {:process_flag, [flag, _]} ->
        if flag in [:trap_exit, :priority, :save_calls, :sensitive, :message_queue_data, :error_handler,
                    :min_heap_size, :min_bin_vheap_size, :max_heap_size],
           do: {2, "invalid value for this process flag"}, else: {1, "invalid process flag"}
      {:process_flag, [pid, flag, _]} ->
        cond do
          not is_pid(pid) -> {1, "not a pid"}
          flag != :save_calls -> {2, "invalid process flag"}
          not Process.alive?(pid) -> {1, "the pid does not refer to an existing process"}
          true -> {3, "invalid value for process flag 'save_calls'"}
        end
      {:register, [name, _]} -> if is_atom(name), do: {2, "not a pid or port"}, else: {1, "not an atom"}
      {f, [_]} when f in [:monotonic_time, :system_time, :time_offset] -> {1, "invalid time unit"}
      {:convert_time_unit, [t, from, _]} ->
        cond do
          not is_integer(t) -> {1, "not an integer"}
          not time_unit?(from) -> {2, "invalid time unit"}
          true -> {3, "invalid time unit"}
        end
      _ -> nil
    end
  end

  defp time_unit?(u) when is_integer(u), do: u > 0
  defp time_unit?(u) do
    u in [:second, :millisecond, :microsecond, :nanosecond, :native, :perf_counter,
          :seconds, :milli_seconds, :micro_seconds, :nano_seconds]
  end

  defp int_arg(n, pos, text), do: if(is_integer(n), do: {pos, text}, else: {pos, "not an integer"})

  defp ordinal(1), do: "1st"
  defp ordinal(2), do: "2nd"
  defp ordinal(3), do: "3rd"
  defp ordinal(n), do: to_string(n) <> "th"

  defp from_stacktrace([{module, function, args, _} | _]) when is_list(args), do: {module, function, length(args)}
  defp from_stacktrace([{module, function, arity, _} | _]), do: {module, function, arity}
  defp from_stacktrace(_), do: {nil, nil, nil}
end

defmodule Protocol.UndefinedError do
  defexception [:protocol, :value, description: ""]
  def message(%{protocol: protocol, value: value, description: description}) do
    "protocol " <> inspect(protocol) <> " not implemented for " <> inspect(value) <> " of type " <>
      value_type(value) <> maybe_description(description)
  end
  defp maybe_description(""), do: ""
  defp maybe_description(d), do: ", " <> d
  defp value_type(%{__struct__: s}) when is_atom(s), do: inspect(s) <> " (a struct)"
  defp value_type(v) when is_atom(v), do: "Atom"
  defp value_type(v) when is_bitstring(v), do: "BitString"
  defp value_type(v) when is_float(v), do: "Float"
  defp value_type(v) when is_function(v), do: "Function"
  defp value_type(v) when is_integer(v), do: "Integer"
  defp value_type(v) when is_list(v), do: "List"
  defp value_type(v) when is_map(v), do: "Map"
  defp value_type(v) when is_pid(v), do: "PID"
  defp value_type(v) when is_port(v), do: "Port"
  defp value_type(v) when is_reference(v), do: "Reference"
  defp value_type(v) when is_tuple(v), do: "Tuple"
end

defmodule UnicodeConversionError do
  defexception [:encoded, :message]
  def exception(opts) do
    %UnicodeConversionError{encoded: Keyword.fetch!(opts, :encoded),
      message: to_string(Keyword.fetch!(opts, :kind)) <> " " <> detail(Keyword.fetch!(opts, :rest))}
  end
  defp detail(rest) when is_binary(rest), do: "encoding starting at #{inspect(rest)}"
  defp detail([h | _]) when is_integer(h), do: "code point #{h}"
  defp detail([h | _]), do: detail(h)
end

defmodule Enum.OutOfBoundsError do
  defexception message: "out of bounds error"
end

defmodule Enum.EmptyError do
  defexception message: "empty error"
end

defmodule File.Error do
  defexception [:reason, :path, action: ""]
  # the reason as :file.format_error/1 writes it
  def message(%{action: action, reason: reason, path: path}) do
    text = if is_atom(reason), do: :ciex.posix_text(reason), else: inspect(reason)
    "could not #{action} #{inspect(path)}: #{text}"
  end
end

defmodule Inspect.Error do
  defexception [:message]
end

# The errors of compiling source (Code.eval_string raises them).
defmodule CompileError do
  defexception [:file, :line, description: "compile error"]
  def message(%{file: file, line: line, description: description}) do
    Exception.format_file_line(file, line) <> " " <> description
  end
end

defmodule SyntaxError do
  defexception [:file, :line, :column, :snippet, description: "syntax error"]
  def message(%{file: file, line: line, column: column, description: description, snippet: snippet}) do
    Exception.format_file_line_column(file, line, column) <> " " <> description <> format_snippet(snippet, line)
  end

  # The offending line under the message, a caret at the column:
  #     |
  #   1 | 1 ) 2
  #     |   ^
  def format_snippet(%{content: content, offset: offset}, line) when is_integer(line) do
    number = Integer.to_string(line)
    pad = max(2, byte_size(number))
    bar = String.duplicate(" ", pad + 2) <> "|"
    "\n" <> bar <> "\n " <> String.pad_leading(number, pad) <> " | " <> content <> "\n" <>
      bar <> " " <> String.duplicate(" ", offset) <> "^"
  end
  def format_snippet(_, _), do: ""
end

defmodule TokenMissingError do
  defexception [:file, :line, :snippet, :column, description: "expression is incomplete"]
  def message(%{file: file, line: line, column: column, description: description, snippet: snippet}) do
    Exception.format_file_line_column(file, line, column) <> " " <> description <>
      SyntaxError.format_snippet(snippet, line)
  end
end
