# Kernel: the functions the compiler does not turn into instructions.
defmodule Kernel do
  def __raise_value__(message) when is_binary(message), do: RuntimeError.exception(message)
  def __raise_value__(%{__exception__: true} = exception), do: exception
  def __raise_value__(module) when is_atom(module), do: module.exception([])
  def __raise_value__(other), do: ArgumentError.exception("raise/1 and reraise/2 expect a module name, string or exception as the first argument, got: #{inspect(other)}")
  def __raise_value__(module, attrs) when is_atom(module), do: module.exception(attrs)

  def struct!(module, fields) do
    case :ciex.struct_fields(module) do
      nil ->
        raise UndefinedFunctionError, module: module, function: :__struct__, arity: 1
      defaults ->
        base = :maps.from_list([{:__struct__, module} | defaults])
        Enum.reduce(fields, base, fn {k, v}, acc ->
          case :erlang.is_map_key(k, acc) do
            true -> :maps.put(k, v, acc)
            false -> raise KeyError, key: k, term: module
          end
        end)
    end
  end

  def struct(module, fields) do
    base = :maps.from_list([{:__struct__, module} | :ciex.struct_fields(module)])
    Enum.reduce(fields, base, fn {k, v}, acc ->
      case :erlang.is_map_key(k, acc) do
        true -> :maps.put(k, v, acc)
        false -> acc
      end
    end)
  end

  def __struct_check__(module, %{__struct__: module} = s), do: s
  def __struct_check__(module, other), do: :erlang.error({:badstruct, module, other})

  def inspect(term), do: :ciex.inspect(term, [])
  def inspect(term, opts), do: :ciex.inspect(term, opts)

  def to_string(s) when is_binary(s), do: s
  def to_string(a) when is_atom(a) do
    case a do
      nil -> ""
      _ -> :erlang.atom_to_binary(a)
    end
  end
  def to_string(i) when is_integer(i), do: :erlang.integer_to_binary(i)
  def to_string(f) when is_float(f), do: :ciex.float_to_binary(f)
  def to_string(l) when is_list(l), do: :ciex.chardata_to_binary(l)
  def to_string(%{__struct__: mod} = s), do: mod.to_string(s)
  def to_string(other), do: :erlang.error(Protocol.UndefinedError.exception(protocol: String.Chars, value: other))

  def apply(fun, args), do: apply(fun, args)
  def apply(mod, fun, args), do: apply(mod, fun, args)
  def is_nil(x), do: x == nil
  def then(value, fun), do: fun.(value)
  def tap(value, fun)
  def tap(value, fun) do
    fun.(value)
    value
  end
  def function_exported?(m, f, a), do: :erlang.function_exported(m, f, a)
  def exit(pid, reason), do: :erlang.exit(pid, reason)
  def spawn(m, f, a), do: :erlang.spawn(m, f, a)
  def binding(), do: []
  def max(a, b), do: :erlang.max(a, b)
  def min(a, b), do: :erlang.min(a, b)
end

defmodule :ciex_boot do
  # The first function of a process started with spawn(m, f, a).
  def run_mfa(m, f, a), do: apply(m, f, a)

  # What :erlang.apply/2,3 call (apply is an instruction, not a BIF).
  def apply(fun, args), do: apply(fun, args)
  def apply(m, f, a), do: apply(m, f, a)

  # Runs a script's code; an uncaught exception is printed as elixir does.
  def run_script(code) do
    try do
      code.(%{})
      :ok
    catch
      kind, reason ->
        :ciex.write_stderr(Exception.format(kind, reason, __STACKTRACE__))
        :erlang.halt(1)
    end
  end
end
