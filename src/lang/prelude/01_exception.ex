# Exceptions: the structs, their messages, and the text of uncaught errors.
defmodule Exception do
  def message(%{__struct__: mod} = exception), do: mod.message(exception)

  # Turns an Erlang error reason into the exception struct Elixir rescues.
  def normalize(:error, %{__exception__: true} = exception, _stack), do: exception
  def normalize(:error, :badarg, _), do: ArgumentError.exception("argument error")
  def normalize(:error, :badarith, _), do: ArithmeticError.exception("bad argument in arithmetic expression")
  def normalize(:error, :system_limit, _), do: SystemLimitError.exception([])
  def normalize(:error, {:badmatch, term}, _), do: MatchError.exception(term: term)
  def normalize(:error, {:case_clause, term}, _), do: CaseClauseError.exception(term: term)
  def normalize(:error, {:with_clause, term}, _), do: WithClauseError.exception(term: term)
  def normalize(:error, {:try_clause, term}, _), do: TryClauseError.exception(term: term)
  def normalize(:error, :cond_clause, _), do: CondClauseError.exception([])
  def normalize(:error, {:badkey, key}, _), do: KeyError.exception(key: key, term: nil)
  def normalize(:error, {:badkey, key, map}, _), do: KeyError.exception(key: key, term: map)
  def normalize(:error, {:badmap, term}, _), do: BadMapError.exception(term: term)
  def normalize(:error, {:badbool, term}, _), do: BadBooleanError.exception(term: term, operator: :and)
  def normalize(:error, {:badfun, term}, _), do: BadFunctionError.exception(term: term)
  def normalize(:error, {:badarity, {fun, args}}, _), do: BadArityError.exception(function: fun, args: args)
  def normalize(:error, {:badstruct, struct, term}, _), do: BadStructError.exception(struct: struct, term: term)
  def normalize(:error, :function_clause, [{m, f, a, _} | _]) do
    FunctionClauseError.exception(module: m, function: f, arity: arity_of(a))
  end
  def normalize(:error, :undef, [{m, f, a, _} | _]) do
    UndefinedFunctionError.exception(module: m, function: f, arity: arity_of(a))
  end
  def normalize(:error, other, _), do: ErlangError.exception(original: other)
  def normalize(_kind, reason, _stack), do: reason

  defp arity_of(a) when is_list(a), do: length(a)
  defp arity_of(a), do: a

  # "** (RuntimeError) boom" and the stack trace below it, as elixir prints
  # an uncaught error.
  def format(kind, reason, stack) do
    format_banner(kind, reason, stack) <> "\n" <> format_stacktrace(stack)
  end

  def format_banner(:error, reason, stack) do
    exception = normalize(:error, reason, stack)
    "** (" <> inspect(exception.__struct__) <> ") " <> message(exception)
  end
  def format_banner(:throw, reason, _), do: "** (throw) " <> inspect(reason)
  def format_banner(:exit, reason, _), do: "** (exit) " <> format_exit(reason)

  def format_exit(reason), do: inspect(reason)

  def format_stacktrace(stack) do
    Enum.map(stack, fn entry -> "    " <> format_stacktrace_entry(entry) <> "\n" end)
    |> :erlang.iolist_to_binary()
  end

  def format_stacktrace_entry({m, f, a, loc}) do
    where =
      case {Keyword.get(loc, :file), Keyword.get(loc, :line)} do
        {nil, _} -> ""
        {file, nil} -> to_string(file) <> ": "
        {file, line} -> to_string(file) <> ":" <> to_string(line) <> ": "
      end
    name =
      case f do
        :__FILE__ -> "(file)"
        _ -> inspect(m) <> "." <> to_string(f) <> "/" <> to_string(arity_of(a))
      end
    where <> name
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
  def message(%{message: nil, key: key, term: nil}), do: "key " <> inspect(key) <> " not found"
  def message(%{message: nil, key: key, term: term}), do: "key " <> inspect(key) <> " not found in: " <> inspect(term)
  def message(%{message: message}), do: message
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
  def message(e), do: "expected a boolean on left-side of \"" <> to_string(e.operator) <> "\", got: " <> inspect(e.term)
end

defmodule BadFunctionError do
  defexception [:term]
  def message(e), do: "expected a function, got: " <> inspect(e.term)
end

defmodule BadArityError do
  defexception [:function, :args]
  def message(e) do
    {:arity, arity} = :erlang.fun_info(e.function, :arity)
    n = length(e.args)
    args = Enum.map_join(e.args, ", ", &inspect/1)
    inspect(e.function) <> " with arity " <> to_string(arity) <> " called with " <>
      count(n) <> args_text(n, args)
  end
  defp count(0), do: "no arguments"
  defp count(1), do: "1 argument"
  defp count(n), do: to_string(n) <> " arguments"
  defp args_text(0, _), do: ""
  defp args_text(_, args), do: " (" <> args <> ")"
end

defmodule FunctionClauseError do
  defexception [:module, :function, :arity]
  def message(e) do
    "no function clause matching in " <> inspect(e.module) <> "." <> to_string(e.function) <> "/" <> to_string(e.arity)
  end
end

defmodule UndefinedFunctionError do
  defexception [:module, :function, :arity, :reason, :message]
  def message(%{message: m}) when is_binary(m), do: m
  def message(e) do
    fun = inspect(e.module) <> "." <> to_string(e.function) <> "/" <> to_string(e.arity)
    case :erlang.module_loaded(e.module) do
      true -> "function " <> fun <> " is undefined or private"
      false -> "function " <> fun <> " is undefined (module " <> inspect(e.module) <> " is not available)"
    end
  end
end

defmodule ErlangError do
  defexception [:original]
  def message(e), do: "Erlang error: " <> inspect(e.original)
end

defmodule Protocol.UndefinedError do
  defexception [:protocol, :value, description: ""]
  def message(e) do
    "protocol " <> inspect(e.protocol) <> " not implemented for " <> inspect(e.value)
  end
end
