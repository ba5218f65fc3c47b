# Protocol: what Elixir's Protocol module answers about protocols that
# defprotocol/defimpl defined (src/lang/compile_protocol.c).  Protocols are
# never consolidated, as in iex: an implementation is found by looking the
# module Protocol.Type up when the protocol is called
# (:ciex.protocol_impl, src/vm/bif_protocol.c).
defmodule Protocol do
  def assert_protocol!(module) do
    ensure_loaded!(module)
    case :erlang.function_exported(module, :__protocol__, 1) do
      true -> :ok
      false -> raise ArgumentError, inspect(module) <> " is not a protocol"
    end
  end

  def assert_impl!(protocol, base) do
    assert_protocol!(protocol)
    impl = __concat__(protocol, base)
    ensure_loaded!(impl)
    is_impl = :erlang.function_exported(impl, :__impl__, 1) and impl.__impl__(:protocol) == protocol
    case is_impl do
      true -> :ok
      false -> raise ArgumentError, "#{inspect(impl)} is not an implementation of a protocol"
    end
  end

  def consolidated?(protocol), do: protocol.__protocol__(:consolidated?)

  # extract_protocols/1 and extract_impls/2 read the attributes of the
  # .beam files in paths, as Elixir does (ciex's own modules have no
  # files; an installed Elixir's ebin has, :code.lib_dir(:elixir, :ebin)).
  def extract_protocols(paths) do
    extract_matching_by_attribute(paths, "Elixir.", fn module, attributes ->
      case attributes[:__protocol__] do
        [fallback_to_any: _] -> module
        _ -> nil
      end
    end)
  end

  def extract_impls(protocol, paths) when is_atom(protocol) do
    prefix = Atom.to_string(protocol) <> "."
    extract_matching_by_attribute(paths, prefix, fn _module, attributes ->
      case attributes[:__impl__] do
        [protocol: ^protocol, for: for] -> for
        _ -> nil
      end
    end)
  end

  defp extract_matching_by_attribute(paths, prefix, callback) do
    for path <- paths,
        path = IO.chardata_to_string(path),
        file <- list_dir(path),
        mod = extract_from_file(path, file, prefix, callback),
        do: mod
  end

  defp list_dir(path) do
    case File.ls(path) do
      {:ok, files} -> files
      _ -> []
    end
  end

  defp extract_from_file(path, file, prefix, callback) do
    case String.starts_with?(file, prefix) and Path.extname(file) == ".beam" do
      true ->
        case :beam_lib.chunks(String.to_charlist(Path.join(path, file)), [:attributes]) do
          {:ok, {module, [attributes: attributes]}} -> callback.(module, attributes)
          _ -> nil
        end
      false -> nil
    end
  end

  defp ensure_loaded!(module) do
    case :erlang.module_loaded(module) do
      true -> :ok
      false -> raise ArgumentError, "could not load module #{inspect(module)} due to reason :nofile"
    end
  end

  # Module.concat(protocol, type)
  def __concat__(protocol, type) do
    name =
      case Atom.to_string(type) do
        "Elixir." <> rest -> rest
        other -> other
      end
    :erlang.binary_to_atom(Atom.to_string(protocol) <> "." <> name, :utf8)
  end

  # The implementation of a protocol that ciex implements itself for
  # `builtin` types (Enumerable for List, ...): a user's defimpl first.
  def __impl_for__(protocol, value, builtin) do
    case :ciex.protocol_impl(protocol, value, false) do
      nil ->
        type = :ciex.protocol_type(value)
        case :lists.member(type, builtin) do
          true -> __concat__(protocol, type)
          false -> nil
        end
      impl -> impl
    end
  end

  def __impl_for__!(protocol, value, builtin) do
    case __impl_for__(protocol, value, builtin) do
      nil -> :erlang.error(Protocol.UndefinedError.exception(protocol: protocol, value: value))
      impl -> impl
    end
  end

  # After a defimpl's body: a warning for each function of the protocol
  # the implementation does not define (`defined`: its {name, arity}).
  def __check_impl__(protocol, impl, defined, file, line) do
    for {name, arity} <- protocol.__protocol__(:functions), not :lists.member({name, arity}, defined) do
      :ciex.warn("warning: function #{name}/#{arity} required by protocol #{inspect(protocol)} " <>
                 "is not implemented (in module #{inspect(impl)})\n  #{file}:#{line}: #{inspect(impl)} (module)\n\n")
    end
    :ok
  end

  # Protocol.derive/2,3 (a macro in Elixir): @derive from outside the
  # struct's module
  def derive(protocol, module, options \\ []), do: __derive__([{protocol, options}], module)

  # @derive: each protocol gets an implementation for `module` that calls
  # the protocol's implementation for Any (Inspect's takes only:/except:).
  def __derive__(protocols, module) do
    for p <- List.wrap(protocols) do
      case p do
        {protocol, opts} -> derive_one(protocol, module, opts)
        protocol -> derive_one(protocol, module, [])
      end
    end
    :ok
  end

  defp derive_one(Inspect, module, opts) do
    body =
      case Keyword.has_key?(opts, :only) or Keyword.has_key?(opts, :except) do
        true -> "Inspect.Any.__inspect_fields__(struct, opts, #{inspect(opts)})"
        false -> "Inspect.Any.inspect(struct, opts)"
      end
    define("defimpl Inspect, for: #{inspect(module)} do\n" <>
           "  def inspect(struct, opts), do: #{body}\n" <>
           "end\n")
  end
  defp derive_one(protocol, module, _opts) do
    assert_protocol!(protocol)
    any = __concat__(protocol, Any)
    case :erlang.module_loaded(any) do
      true -> :ok
      false ->
        raise ArgumentError,
          "could not load module #{inspect(any)} due to reason :nofile, cannot derive #{inspect(protocol)} for #{inspect(module)}"
    end
    # as Elixir's: the implementation's target is Any's implementation
    defs =
      for {name, arity} <- protocol.__protocol__(:functions) do
        args = Enum.map_join(1..arity, ", ", &("arg" <> Integer.to_string(&1)))
        "  def #{name}(#{args}), do: #{inspect(any)}.#{name}(#{args})\n"
      end
    define("defmodule #{inspect(__concat__(protocol, module))} do\n" <>
           "  def __impl__(:for), do: #{inspect(module)}\n" <>
           "  def __impl__(:target), do: #{inspect(any)}\n" <>
           "  def __impl__(:protocol), do: #{inspect(protocol)}\n" <>
           Enum.join(defs) <> "end\n")
  end

  defp define(source) do
    Code.eval_string(source)
    :ok
  end
end
