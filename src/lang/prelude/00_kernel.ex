# Kernel: the functions the compiler does not turn into instructions.
#
# Unqualified calls to a Kernel function are bound when a file is
# compiled, so everything here must exist before the files that call it:
# this file is compiled first.  Inside Kernel a call such as `length(x)`
# would reach Kernel.length/1 itself, so the bodies call :erlang directly.
defmodule Kernel do
  def __raise_value__(message) when is_binary(message), do: RuntimeError.exception(message)
  def __raise_value__(%{__exception__: true} = exception), do: exception
  def __raise_value__(module) when is_atom(module), do: module.exception([])
  def __raise_value__(other) do
    ArgumentError.exception("raise/1 and reraise/2 expect a module name, string or exception as the first argument, got: " <> inspect(other))
  end
  def __raise_value__(module, attrs) when is_atom(module), do: module.exception(attrs)
  def __raise_value__(%{__exception__: true} = exception, _attrs), do: exception
  def __raise_value__(other, _attrs), do: __raise_value__(other)

  # ---- structs ----

  def struct(module, fields \\ []), do: build_struct(module, fields, false)
  def struct!(module, fields \\ []), do: build_struct(module, fields, true)

  # struct(existing_struct, fields): updates the fields it has
  defp build_struct(%{__struct__: _} = base, fields, strict) do
    Enum.reduce(fields, base, fn {k, v}, acc -> put_field(acc, k, v, strict, base) end)
  end
  defp build_struct(module, fields, strict) when is_atom(module) do
    case :ciex.struct_fields(module) do
      nil ->
        arity = if strict, do: 1, else: 0
        :erlang.error(UndefinedFunctionError.exception(module: module, function: :__struct__, arity: arity))
      defaults ->
        base = :maps.from_list([{:__struct__, module} | defaults])
        # unknown keys are reported before missing enforced ones, as in Elixir
        struct = Enum.reduce(fields, base, fn {k, v}, acc -> put_field(acc, k, v, strict, nil) end)
        if strict, do: check_enforced(module, fields)
        struct
    end
  end

  # the KeyError names the struct updated, nothing when building one
  defp put_field(acc, :__struct__, _v, _strict, _term), do: acc
  defp put_field(acc, k, v, strict, term) do
    case :erlang.is_map_key(k, acc) do
      true -> :maps.put(k, v, acc)
      false when strict -> :erlang.error(KeyError.exception(key: k, term: term))
      false -> acc
    end
  end

  defp check_enforced(module, fields) do
    case :ciex.module_attribute(module, :enforce_keys) do
      keys when is_list(keys) ->
        missing = for k <- keys, not :lists.keymember(k, 1, Enum.to_list(fields)), do: k
        case missing do
          [] -> :ok
          _ ->
            :erlang.error(ArgumentError.exception(
              "the following keys must also be given when building struct " <> inspect(module) <> ": " <> inspect(missing)))
        end
      _ -> :ok
    end
  end

  def __struct_check__(module, %{__struct__: module} = s), do: s
  def __struct_check__(module, other), do: :erlang.error({:badstruct, module, other})

  def is_struct(%{__struct__: m}) when is_atom(m), do: true
  def is_struct(_), do: false
  def is_struct(%{__struct__: m}, m) when is_atom(m), do: true
  def is_struct(_, _), do: false
  def is_exception(%{__exception__: true, __struct__: m}) when is_atom(m), do: true
  def is_exception(_), do: false
  def is_exception(%{__exception__: true, __struct__: m}, m) when is_atom(m), do: true
  def is_exception(_, _), do: false

  # ---- text ----

  def inspect(term, opts \\ [])
  # Kernel.inspect/2 is not pretty unless asked (IO.inspect/2 is)
  def inspect(term, opts) when is_list(opts), do: Inspect.__inspect__(term, Keyword.put_new(opts, :pretty, false))

  def to_string(s) when is_binary(s), do: s
  def to_string(nil), do: ""
  def to_string(a) when is_atom(a), do: :erlang.atom_to_binary(a)
  def to_string(i) when is_integer(i), do: :erlang.integer_to_binary(i)
  def to_string(f) when is_float(f), do: :ciex.float_to_binary(f)
  def to_string(l) when is_list(l), do: List.to_string(l)
  # anything else: its String.Chars implementation (defimpl)
  def to_string(%{__struct__: mod} = s) do
    case :ciex.protocol_impl(String.Chars, s, false) do
      nil ->
        # a prelude struct whose module converts it itself
        case :erlang.function_exported(mod, :to_string, 1) do
          true -> mod.to_string(s)
          false -> :erlang.error(Protocol.UndefinedError.exception(protocol: String.Chars, value: s))
        end
      impl -> impl.to_string(s)
    end
  end
  def to_string(other), do: chars(String.Chars, :to_string, other)

  def to_charlist(l) when is_list(l), do: l
  def to_charlist(s) when is_binary(s), do: String.to_charlist(s)
  def to_charlist(a) when is_atom(a), do: :erlang.atom_to_list(a)
  def to_charlist(i) when is_integer(i), do: :erlang.integer_to_list(i)
  def to_charlist(f) when is_float(f), do: :erlang.binary_to_list(:ciex.float_to_binary(f))
  def to_charlist(other), do: chars(List.Chars, :to_charlist, other)

  defp chars(protocol, fun, value) do
    case :ciex.protocol_impl(protocol, value, false) do
      nil -> :erlang.error(Protocol.UndefinedError.exception(protocol: protocol, value: value))
      impl -> :erlang.apply(impl, fun, [value])
    end
  end

  # ---- functions the compiler usually inlines, for apply/3 and captures ----

  def left + right, do: :erlang.+(left, right)
  def left - right, do: :erlang.-(left, right)
  def left * right, do: :erlang.*(left, right)
  def left / right, do: :erlang./(left, right)
  def +value, do: :erlang.+(value)
  def -value, do: :erlang.-(value)
  def left == right, do: :erlang.==(left, right)
  def left != right, do: :erlang."/="(left, right)
  def left === right, do: :erlang."=:="(left, right)
  def left !== right, do: :erlang."=/="(left, right)
  def left < right, do: :erlang.<(left, right)
  def left > right, do: :erlang.>(left, right)
  def left <= right, do: :erlang."=<"(left, right)
  def left >= right, do: :erlang.>=(left, right)
  def left ++ right, do: :erlang.++(left, right)
  def left <> right when is_binary(left) and is_binary(right), do: :erlang.iolist_to_binary([left, right])
  def left =~ right when is_binary(left) and is_binary(right), do: String.contains?(left, right)
  def left =~ right when is_binary(left), do: Regex.match?(right, left)
  def base ** exp when is_integer(base) and is_integer(exp) and exp >= 0, do: Integer.pow(base, exp)
  def base ** exp when is_number(base) and is_number(exp), do: :math.pow(base, exp)
  def left -- right, do: :erlang.--(left, right)
  def not(value), do: :erlang.not(value)
  def div(a, b), do: :erlang.div(a, b)
  def rem(a, b), do: :erlang.rem(a, b)
  def abs(n), do: :erlang.abs(n)
  def hd(l), do: :erlang.hd(l)
  def tl(l), do: :erlang.tl(l)
  def length(l), do: :erlang.length(l)
  def elem(t, i), do: :erlang.element(:erlang.+(i, 1), t)
  def put_elem(t, i, v), do: :erlang.setelement(:erlang.+(i, 1), t, v)
  def tuple_size(t), do: :erlang.tuple_size(t)
  def map_size(m), do: :erlang.map_size(m)
  def byte_size(b), do: :erlang.byte_size(b)
  def bit_size(b), do: :erlang.bit_size(b)
  def round(n), do: :erlang.round(n)
  def trunc(n), do: :erlang.trunc(n)
  def floor(n), do: :erlang.floor(n)
  def ceil(n), do: :erlang.ceil(n)
  def max(a, b), do: :erlang.max(a, b)
  def min(a, b), do: :erlang.min(a, b)
  def is_atom(x), do: :erlang.is_atom(x)
  def is_binary(x), do: :erlang.is_binary(x)
  def is_bitstring(x), do: :erlang.is_bitstring(x)
  def is_boolean(x), do: :erlang.is_boolean(x)
  def is_float(x), do: :erlang.is_float(x)
  def is_function(x), do: :erlang.is_function(x)
  def is_function(x, n), do: :erlang.is_function(x, n)
  def is_integer(x), do: :erlang.is_integer(x)
  def is_list(x), do: :erlang.is_list(x)
  def is_map(x), do: :erlang.is_map(x)
  def is_map_key(m, k), do: :erlang.is_map_key(k, m)
  def is_number(x), do: :erlang.is_number(x)
  def is_pid(x), do: :erlang.is_pid(x)
  def is_port(x), do: :erlang.is_port(x)
  def is_reference(x), do: :erlang.is_reference(x)
  def is_tuple(x), do: :erlang.is_tuple(x)
  def binary_part(b, s, l), do: :erlang.binary_part(b, s, l)
  def make_ref(), do: :erlang.make_ref()
  def self(), do: :erlang.self()
  def node(), do: :erlang.node()
  def node(x), do: :erlang.node(x)
  def send(dest, msg), do: :erlang.send(dest, msg)
  def throw(v), do: :erlang.throw(v)
  def exit(reason), do: :erlang.exit(reason)
  def exit(pid, reason), do: :erlang.exit(pid, reason)
  def spawn(fun), do: :erlang.spawn(fun)
  def spawn(m, f, a), do: :erlang.spawn(m, f, a)
  def spawn_link(fun), do: :erlang.spawn_link(fun)
  def spawn_link(m, f, a), do: :erlang.spawn_link(m, f, a)
  def spawn_monitor(fun), do: :erlang.spawn_monitor(fun)
  def spawn_monitor(m, f, a), do: :erlang.spawn_monitor(m, f, a)
  def tuple_to_list(t), do: :erlang.tuple_to_list(t)
  def list_to_tuple(l), do: :erlang.list_to_tuple(l)
  def is_nil(x), do: x == nil
  def apply(fun, args), do: apply(fun, args)
  def apply(mod, fun, args), do: apply(mod, fun, args)

  # ---- small helpers ----

  def then(value, fun), do: fun.(value)
  def tap(value, fun) do
    fun.(value)
    value
  end
  def function_exported?(m, f, a), do: :erlang.function_exported(m, f, a)
  def macro_exported?(Kernel, name, arity), do: {name, arity} in kernel_macros()
  # a user macro is the function MACRO-name/arity+1 (src/lang/compile_macro.c)
  def macro_exported?(module, name, arity) when is_atom(module) and is_atom(name) and is_integer(arity),
    do: :erlang.function_exported(module, :"MACRO-#{name}", arity + 1)
  def binding(), do: []

  defp kernel_macros() do
    [{:if, 2}, {:unless, 2}, {:case, 2}, {:cond, 1}, {:&&, 2}, {:||, 2}, {:!, 1}, {:|>, 2},
     {:and, 2}, {:or, 2}, {:in, 2}, {:def, 2}, {:defp, 2}, {:defmodule, 2}, {:defstruct, 1},
     {:defexception, 1}, {:raise, 1}, {:raise, 2}, {:reraise, 2}, {:reraise, 3}, {:to_string, 1},
     {:to_charlist, 1}, {:is_nil, 1}, {:match?, 2}, {:get_in, 2}, {:put_in, 2}, {:update_in, 2},
     {:sigil_w, 2}, {:sigil_s, 2}, {:sigil_c, 2}, {:sigil_r, 2}, {:then, 2}, {:tap, 2},
     {:use, 1}, {:use, 2}, {:is_struct, 1}, {:is_struct, 2}, {:is_exception, 1}, {:@, 1}]
  end

  # ---- binary_slice and destructure ----

  def binary_slice(binary, start, size)
      when is_binary(binary) and is_integer(start) and is_integer(size) and size >= 0 do
    total = :erlang.byte_size(binary)
    start = if start < 0, do: :erlang.max(total + start, 0), else: start
    if start < total, do: :erlang.binary_part(binary, start, :erlang.min(size, total - start)), else: ""
  end

  def binary_slice(binary, %{__struct__: Range, first: first, last: last, step: step} = range) when is_binary(binary) do
    if step < 0 do
      raise ArgumentError, "binary_slice/2 does not accept ranges with negative steps, got: " <> inspect(range)
    end
    total = :erlang.byte_size(binary)
    first = if first < 0, do: :erlang.max(first + total, 0), else: first
    last = if last < 0, do: last + total, else: last
    amount = last - first + 1
    if first < total and amount > 0 do
      part = :erlang.binary_part(binary, first, :erlang.min(amount, total - first))
      if step == 1, do: part, else: :erlang.list_to_binary(Enum.take_every(:erlang.binary_to_list(part), step))
    else
      ""
    end
  end

  # ---- nested data: get_in/put_in/update_in with key lists ----

  # nil gives nil whatever the path, accessor functions included
  def get_in(nil, [_ | _]), do: nil
  def get_in(data, [h]) when is_function(h), do: h.(:get, data, fn x -> x end)
  def get_in(data, [h | t]) when is_function(h), do: h.(:get, data, &get_in(&1, t))
  def get_in(data, [h]), do: Access.get(data, h)
  def get_in(data, [h | t]), do: get_in(Access.get(data, h), t)

  def put_in(data, keys, value), do: elem(get_and_update_in(data, keys, fn _ -> {nil, value} end), 1)
  def update_in(data, keys, fun), do: elem(get_and_update_in(data, keys, fn x -> {nil, fun.(x)} end), 1)

  def get_and_update_in(data, [h], fun) when is_function(h), do: h.(:get_and_update, data, fun)
  def get_and_update_in(data, [h | t], fun) when is_function(h) do
    h.(:get_and_update, data, &get_and_update_in(&1, t, fun))
  end
  def get_and_update_in(data, [h], fun), do: Access.get_and_update(data, h, fun)
  def get_and_update_in(data, [h | t], fun) do
    Access.get_and_update(data, h, &get_and_update_in(&1, t, fun))
  end

  def pop_in(nil, [key | _]) do
    raise ArgumentError, "could not pop key #{inspect(key)} on a nil value"
  end
  def pop_in(data, [_ | _] = keys), do: pop_in_data(data, keys)

  defp pop_in_data(nil, [_ | _]), do: :pop
  defp pop_in_data(data, [fun]) when is_function(fun), do: fun.(:get_and_update, data, fn _ -> :pop end)
  defp pop_in_data(data, [fun | tail]) when is_function(fun) do
    fun.(:get_and_update, data, &pop_in_data(&1, tail))
  end
  defp pop_in_data(data, [key]), do: Access.pop(data, key)
  defp pop_in_data(data, [key | tail]), do: Access.get_and_update(data, key, &pop_in_data(&1, tail))
end

defmodule :ciex_boot do
  # The first function of a process started with spawn(m, f, a).
  def run_mfa(m, f, a), do: apply(m, f, a)

  # What :erlang.apply/2,3 call (apply is an instruction, not a BIF; the
  # VM routes :erlang.apply here).
  def apply(fun, args), do: apply(fun, args)
  def apply(m, f, a), do: apply(m, f, a)

  # Runs a script's code; an uncaught exception is printed as elixir does.
  def run_script(code) do
    try do
      code.(%{})
      :ok
    catch
      :exit, :normal -> :ok
      kind, reason ->
        :ciex.write_stderr(format_error(kind, reason, __STACKTRACE__))
        :erlang.halt(1)
    end
  end

  # The script's process was killed by an exit signal: Kernel.CLI's words
  # for it, and status 1.
  def report_exit(pid, reason) do
    :ciex.write_stderr(format_error({:EXIT, pid}, reason, []))
    :erlang.halt(1)
  end

  # Kernel.CLI's format: the banner (with the blame of ArithmeticError and
  # FunctionClauseError), then the stack trace.
  def format_error(kind, reason, stack) do
    {blamed, stack} = Exception.blame(kind, reason, stack)
    banner =
      case blamed do
        %FunctionClauseError{} ->
          Exception.format_banner(kind, reason, stack) <>
            "    " <> String.replace(FunctionClauseError.blame(blamed, &Kernel.inspect/1, &Kernel.inspect/1), "\n", "\n    ")
        _ ->
          Exception.format_banner(kind, blamed, stack)
      end
    banner <> "\n" <> Exception.format_stacktrace(stack)
  end
end
