# Inspect: the protocol, its options and its document algebra.
#
# ciex inspects built-in values in C (src/term/inspect.c).  A struct whose
# module has an Inspect implementation of its own (defimpl Inspect, or
# @derive {Inspect, only: ...}) is rendered by calling it: inspect first
# collects such structs inside the value (:ciex.inspect_impls), renders
# each with its implementation, and hands the texts to the C printer,
# which prints them where the structs stand.  Values with no such struct
# (the common case) go straight to C.
defmodule Inspect do
  def inspect(term, opts) do
    impl = impl_for(term)
    case :erlang.function_exported(impl, :inspect, 2) do
      true -> impl.inspect(term, opts)
      false -> Inspect.Algebra.to_doc(term, opts)
    end
  end

  defp builtin, do: [Atom, BitString, Float, Function, Integer, List, Map, PID, Port, Reference, Tuple,
            Range, MapSet]
  def impl_for(value) do
    case :ciex.protocol_impl(Inspect, value, false) do
      nil ->
        type = :ciex.protocol_type(value)
        case :lists.member(type, builtin()) do
          true -> Protocol.__concat__(Inspect, type)
          false -> Inspect.Any
        end
      impl -> impl
    end
  end
  def impl_for!(value), do: impl_for(value)

  def __protocol__(:module), do: Inspect
  def __protocol__(:functions), do: [inspect: 2]
  def __protocol__(:consolidated?), do: false
  def __protocol__(:impls), do: :not_consolidated

  # Kernel.inspect/2 and the shell: the texts of the structs that have an
  # implementation of their own, %{struct => text}, or nil when there are
  # none.
  def __rendered__(term, opts) do
    case Keyword.get(opts, :structs, true) do
      false -> nil
      true ->
        case :ciex.inspect_impls(term, Keyword.get(opts, :limit, 50)) do
          [] -> nil
          structs ->
            o = struct(Inspect.Opts, opts)
            width = if Keyword.get(opts, :pretty, false), do: o.width, else: :infinity
            :maps.from_list(for s <- structs do
              {s, IO.iodata_to_binary(Inspect.Algebra.format(Inspect.Algebra.group(render(s, o)), width))}
            end)
        end
    end
  end

  # An implementation that raises prints as #Inspect.Error<...>, as in
  # Elixir, rather than failing the inspect that called it.
  defp render(struct, opts) do
    impl = :ciex.protocol_impl(Inspect, struct, false)
    try do
      impl.inspect(struct, opts)
    rescue
      e -> inspect_error(e, __STACKTRACE__, struct)
    end
  end

  defp inspect_error(exception, stacktrace, struct) do
    indent = fn text, n -> Enum.map(String.split(text, "\n"), &(String.duplicate(" ", n) <> &1)) end
    inspected = :ciex.inspect(struct, structs: false, pretty: true)
    Enum.join(
      ["#Inspect.Error<", "  got #{Kernel.inspect(exception.__struct__)} with message:", "", "      \"\"\""] ++
        indent.(Exception.message(exception), 6) ++
        ["      \"\"\"", "", "  while inspecting:", ""] ++
        indent.(inspected, 6) ++
        ["", "  Stacktrace:", ""] ++
        Enum.map(stacktrace, &("    " <> Exception.format_stacktrace_entry(&1))) ++
        ["", ">"],
      "\n")
  end

  def __inspect__(term, opts) do
    case __rendered__(term, opts) do
      nil -> :ciex.inspect(term, opts)
      rendered -> :ciex.inspect(term, [{:rendered, rendered} | opts])
    end
  end
end

defmodule Inspect.Opts do
  defstruct base: :decimal, binaries: :infer, char_lists: :infer, charlists: :infer,
            custom_options: [], inspect_fun: &Inspect.inspect/2, limit: 50, pretty: false,
            printable_limit: 4096, safe: true, structs: true, syntax_colors: [], width: 80

  def new(opts), do: struct(Inspect.Opts, opts)

  # the keyword list :ciex.inspect reads
  def __keyword__(%Inspect.Opts{} = o) do
    [limit: o.limit, printable_limit: o.printable_limit, base: o.base, charlists: o.charlists,
     binaries: o.binaries, structs: o.structs, width: o.width, pretty: false]
  end
end

# Documents as Elixir's Inspect.Algebra builds them, and their layout.
# Built-in values are laid out by the C engine (src/term/algebra.c) when
# they are inspected; these documents are a user's Inspect implementation's.
defmodule Inspect.Algebra do
  def empty(), do: :doc_nil
  def string(s) when is_binary(s), do: {:doc_string, s, String.length(s)}

  def concat(docs) when is_list(docs), do: fold_doc(docs, &concat(&1, &2))
  def concat(a, b), do: {:doc_cons, a, b}

  def nest(doc, 0), do: doc
  def nest(doc, level), do: {:doc_nest, doc, level, :always}
  def nest(doc, 0, _mode), do: doc
  def nest(doc, level, mode), do: {:doc_nest, doc, level, mode}

  def break(), do: {:doc_break, " ", :strict}
  def break(s) when is_binary(s), do: {:doc_break, s, :strict}
  def flex_break(s \\ " ") when is_binary(s), do: {:doc_break, s, :flex}

  def glue(a, b), do: concat(a, concat(break(" "), b))
  def glue(a, s, b) when is_binary(s), do: concat(a, concat(break(s), b))
  def flex_glue(a, b), do: flex_glue(a, " ", b)
  def flex_glue(a, s, b), do: concat(a, concat(flex_break(s), b))

  def group(doc), do: {:doc_group, doc, :self}
  def group(doc, mode), do: {:doc_group, doc, mode}

  def line(), do: :doc_line
  def line(a, b), do: concat(a, concat(:doc_line, b))
  def space(a, b), do: concat(a, concat(" ", b))

  def force_unfit(doc), do: {:doc_force, doc}
  def next_break_fits(doc, mode \\ :enabled), do: {:doc_fits, doc, mode}
  def collapse_lines(max), do: {:doc_collapse, max}

  def color(doc, _key, _opts), do: doc

  def fold_doc([], _fun), do: :doc_nil
  def fold_doc([doc], _fun), do: doc
  def fold_doc([doc | docs], fun), do: fun.(doc, fold_doc(docs, fun))

  def to_doc(%{__struct__: module} = struct, %Inspect.Opts{structs: true} = opts) when is_atom(module) do
    case :ciex.protocol_impl(Inspect, struct, false) do
      nil -> struct_doc(struct, module, opts)
      impl -> impl.inspect(struct, opts)
    end
  end
  # Lists, tuples and maps are documents as Elixir's Inspect.List, Tuple
  # and Map make them, so that a user's document breaks inside them as in
  # Elixir; anything else (and a struct without an implementation of its
  # own) is the text the C printer makes of it.
  def to_doc([_ | _] = list, %Inspect.Opts{} = opts) do
    cond do
      not proper?(list) or printable?(list, opts) -> leaf(list, opts)
      keyword?(list) -> container_doc("[", list, "]", opts, &keyword_doc/2, separator: ",", break: :strict)
      true -> container_doc("[", list, "]", opts, &to_doc/2, separator: ",")
    end
  end
  def to_doc(tuple, %Inspect.Opts{} = opts) when is_tuple(tuple) and tuple_size(tuple) > 0 do
    container_doc("{", Tuple.to_list(tuple), "}", opts, &to_doc/2, separator: ",", break: :flex)
  end
  def to_doc(map, %Inspect.Opts{} = opts) when is_map(map) and map_size(map) > 0 do
    case {map, opts.structs} do
      {%{__struct__: s}, true} when is_atom(s) -> leaf(map, opts)
      _ ->
        list = :maps.to_list(map)
        fun = if keyword?(list), do: &keyword_doc/2, else: &pair_doc/2
        container_doc("%{", list, "}", opts, fun, separator: ",", break: :strict)
    end
  end
  def to_doc(term, %Inspect.Opts{} = opts), do: leaf(term, opts)

  defp leaf(term, opts), do: Inspect.__inspect__(term, Inspect.Opts.__keyword__(opts))

  # A user's struct as Inspect.Any makes it (%Name{field: value, ...} in
  # the order of defstruct) when its keys are its fields; the prelude's
  # structs (ranges, MapSets, ...) print as the C printer prints them.
  defp struct_doc(struct, module, opts) do
    fields =
      case :ciex.shell_module_source(module) do
        :builtin -> nil
        nil -> nil
        _ -> :ciex.struct_fields(module)
      end
    keys = if is_list(fields), do: for({k, _} <- fields, k != :__exception__, do: k), else: []
    case is_list(fields) and map_size(struct) == length(fields) + 1 and Enum.all?(fields, fn {k, _} -> is_map_key(struct, k) end) do
      true ->
        container_doc("%" <> Kernel.inspect(module) <> "{", keys, "}", opts,
          fn k, o -> keyword_doc({k, Map.get(struct, k)}, o) end, separator: ",", break: :strict)
      false -> leaf(struct, opts)
    end
  end

  defp keyword_doc({key, value}, opts) do
    "[" <> text = Kernel.inspect([{key, 0}])
    concat(binary_part(text, 0, byte_size(text) - 2), to_doc(value, opts))
  end
  defp pair_doc({key, value}, opts), do: concat(concat(to_doc(key, opts), " => "), to_doc(value, opts))

  defp proper?([_ | t]), do: proper?(t)
  defp proper?([]), do: true
  defp proper?(_), do: false

  defp printable?(list, %Inspect.Opts{charlists: charlists, printable_limit: limit}) do
    case charlists do
      :as_lists -> false
      :as_charlists -> true
      _ -> List.ascii_printable?(list, limit)
    end
  end

  defp keyword?([{key, _} | rest]) when is_atom(key) do
    case Atom.to_string(key) do
      "Elixir." <> _ -> false
      _ -> keyword?(rest)
    end
  end
  defp keyword?([]), do: true
  defp keyword?(_), do: false

  def container_doc(left, collection, right, inspect_opts, fun, opts \\ [])
  def container_doc(left, [], right, _inspect_opts, _fun, _opts), do: concat(left, right)
  def container_doc(left, collection, right, inspect_opts, fun, opts) do
    break = Keyword.get(opts, :break, :maybe)
    separator = Keyword.get(opts, :separator, ",")
    {docs, simple?} = container_each(collection, inspect_opts.limit, inspect_opts, fun, [], break == :maybe)
    flex? = simple? or break == :flex
    docs = fold_doc(docs, &join(&1, &2, flex?, separator))
    case flex? do
      true -> group(concat(concat(left, nest(docs, 1)), right))
      false -> group(glue(nest(glue(left, "", docs), 2), "", right))
    end
  end

  defp container_each([], _limit, _opts, _fun, acc, simple?), do: {:lists.reverse(acc), simple?}
  defp container_each(_, 0, _opts, _fun, acc, simple?), do: {:lists.reverse(["..." | acc]), simple?}
  defp container_each([term | terms], limit, opts, fun, acc, simple?) when is_list(terms) do
    limit = if limit == :infinity, do: limit, else: limit - 1
    doc = fun.(term, %{opts | limit: limit})
    container_each(terms, limit, opts, fun, [doc | acc], simple? and simple?(doc))
  end
  defp container_each([left | right], limit, opts, fun, acc, simple?) do
    limit = if limit == :infinity, do: limit, else: limit - 1
    left = fun.(left, %{opts | limit: limit})
    right = fun.(right, %{opts | limit: limit})
    simple? = simple? and simple?(left) and simple?(right)
    doc = concat(concat(left, " |"), concat(break(" "), right))
    {:lists.reverse([doc | acc]), simple?}
  end

  defp join(:doc_nil, :doc_nil, _, _), do: :doc_nil
  defp join(left, :doc_nil, _, _), do: left
  defp join(:doc_nil, right, _, _), do: right
  defp join(left, right, true, sep), do: flex_glue(concat(left, sep), right)
  defp join(left, right, false, sep), do: glue(concat(left, sep), right)

  defp simple?({:doc_cons, left, right}), do: simple?(left) and simple?(right)
  defp simple?({:doc_string, _, _}), do: true
  defp simple?(:doc_nil), do: true
  defp simple?(other), do: is_binary(other)

  # The layout of Inspect.Algebra.format/2: iodata, one element per text,
  # break or newline with its indentation.  Modes: :flat and :break while
  # rendering; fits? also knows :flat_no_break and :break_no_flat
  # (next_break_fits).  A group is flat when its own content fits the rest
  # of the line; a strict break breaks in a broken group; a flex break
  # breaks only when what follows it, up to the next possible break,
  # does not fit.
  def format(doc, width) when is_integer(width) and width >= 0 or width == :infinity do
    render(width, 0, [{0, :flat, doc}])
  end

  defp render(_, _, []), do: []
  defp render(w, k, [{_, _, :doc_nil} | t]), do: render(w, k, t)
  defp render(w, _, [{i, _, :doc_line} | t]), do: [newline(i) | render(w, i, t)]
  defp render(w, k, [{i, m, {:doc_cons, x, y}} | t]), do: render(w, k, [{i, m, x}, {i, m, y} | t])
  defp render(w, k, [{i, m, {:doc_color, x, _}} | t]), do: render(w, k, [{i, m, x} | t])
  defp render(w, k, [{_, _, {:doc_string, s, l}} | t]), do: [s | render(w, k + l, t)]
  defp render(w, k, [{_, _, s} | t]) when is_binary(s), do: [s | render(w, k + byte_size(s), t)]
  defp render(w, k, [{i, m, {:doc_break, s, :flex}} | t]) do
    k = k + byte_size(s)
    case w == :infinity or m == :flat or fits?(w, k, true, t) do
      true -> [s | render(w, k, t)]
      false -> [newline(i) | render(w, i, t)]
    end
  end
  defp render(w, k, [{i, m, {:doc_break, s, :strict}} | t]) do
    case m do
      :break -> [newline(i) | render(w, i, t)]
      _ -> [s | render(w, k + byte_size(s), t)]
    end
  end
  defp render(w, k, [{i, m, {:doc_nest, x, j, nest}} | t]) do
    case nest == :always or (nest == :break and m == :break) do
      true -> render(w, k, [{nesting(i, k, j), m, x} | t])
      false -> render(w, k, [{i, m, x} | t])
    end
  end
  defp render(w, k, [{i, :break, {:doc_group, x, :inherit}} | t]), do: render(w, k, [{i, :break, x} | t])
  defp render(w, k, [{i, _, {:doc_group, x, _}} | t]) do
    case w == :infinity or fits?(w, k, false, [{i, :flat, x}]) do
      true -> render(w, k, [{i, :flat, x} | t])
      false -> render(w, k, [{i, :break, x} | t])
    end
  end
  defp render(w, k, [{i, m, {:doc_force, x}} | t]), do: render(w, k, [{i, m, x} | t])
  defp render(w, k, [{i, m, {:doc_fits, x, _}} | t]), do: render(w, k, [{i, m, x} | t])
  defp render(w, k, [{i, m, {:doc_limit, x, _}} | t]), do: render(w, k, [{i, m, x} | t])
  defp render(w, k, [{_, _, {:doc_collapse, _}} | t]), do: render(w, k, t)

  # Whether the entries fit in width w from column k; only after a break
  # (b?) can they fail to, since text alone cannot be laid out otherwise.
  defp fits?(w, k, b?, _) when k > w and b?, do: false
  defp fits?(_, _, _, []), do: true
  defp fits?(w, k, _, {:tail, b?, t}), do: fits?(w, k, b?, t)
  defp fits?(w, k, b?, [{i, _, {:doc_fits, x, :disabled}} | t]), do: fits?(w, k, b?, [{i, :flat_no_break, x} | t])
  defp fits?(w, k, b?, [{i, :flat_no_break, {:doc_fits, x, _}} | t]), do: fits?(w, k, b?, [{i, :flat_no_break, x} | t])
  defp fits?(w, k, b?, [{i, _, {:doc_fits, x, :enabled}} | t]), do: fits?(w, k, b?, [{i, :break_no_flat, x} | t])
  defp fits?(w, k, b?, [{i, :break_no_flat, {:doc_force, x}} | t]), do: fits?(w, k, b?, [{i, :break_no_flat, x} | t])
  defp fits?(_, _, _, [{_, :break_no_flat, {:doc_break, _, _}} | _]), do: true
  defp fits?(_, _, _, [{_, :break_no_flat, :doc_line} | _]), do: true
  defp fits?(_, _, _, [{_, :break, {:doc_break, _, _}} | _]), do: true
  defp fits?(_, _, _, [{_, :break, :doc_line} | _]), do: true
  defp fits?(w, k, b?, [{i, :break, {:doc_group, x, _}} | t]), do: fits?(w, k, b?, [{i, :flat, x} | {:tail, b?, t}])
  defp fits?(w, _, _, [{i, _, :doc_line} | t]), do: fits?(w, i, false, t)
  defp fits?(w, k, b?, [{_, _, :doc_nil} | t]), do: fits?(w, k, b?, t)
  defp fits?(w, _, b?, [{i, _, {:doc_collapse, _}} | t]), do: fits?(w, i, b?, t)
  defp fits?(w, k, b?, [{i, m, {:doc_nest, x, _, :break}} | t]), do: fits?(w, k, b?, [{i, m, x} | t])
  defp fits?(w, k, b?, [{i, m, {:doc_nest, x, j, _}} | t]), do: fits?(w, k, b?, [{nesting(i, k, j), m, x} | t])
  defp fits?(w, k, b?, [{i, m, {:doc_cons, x, y}} | t]), do: fits?(w, k, b?, [{i, m, x}, {i, m, y} | t])
  defp fits?(w, k, b?, [{i, m, {:doc_color, x, _}} | t]), do: fits?(w, k, b?, [{i, m, x} | t])
  defp fits?(w, k, b?, [{i, m, {:doc_limit, x, _}} | t]), do: fits?(w, k, b?, [{i, m, x} | t])
  defp fits?(w, k, b?, [{_, _, {:doc_string, _, l}} | t]), do: fits?(w, k + l, b?, t)
  defp fits?(w, k, b?, [{_, _, s} | t]) when is_binary(s), do: fits?(w, k + byte_size(s), b?, t)
  defp fits?(_, _, _, [{_, _, {:doc_force, _}} | _]), do: false
  defp fits?(w, k, _, [{_, _, {:doc_break, s, _}} | t]), do: fits?(w, k + byte_size(s), true, t)
  defp fits?(w, k, b?, [{i, _, {:doc_group, x, _}} | t]), do: fits?(w, k, b?, [{i, :flat, x} | {:tail, b?, t}])

  defp nesting(_, k, :cursor), do: k
  defp nesting(_, _, :reset), do: 0
  defp nesting(i, _, j), do: i + j

  defp newline(0), do: "\n"
  defp newline(i), do: "\n" <> :binary.copy(" ", i)
end

defmodule Inspect.Any do
  # %Struct{...} as the C printer prints it; only the values inside go
  # through their own implementations
  def inspect(struct, opts) do
    kw = Inspect.Opts.__keyword__(opts)
    case Inspect.__rendered__(:maps.values(struct), kw) do
      nil -> :ciex.inspect(struct, kw)
      rendered -> :ciex.inspect(struct, [{:rendered, rendered} | kw])
    end
  end

  # @derive {Inspect, only: [...]} / except: [...]: #Name<field: value, ..., ...>
  def __inspect_fields__(%{__struct__: module} = struct, opts, derive_opts) do
    fields = for {k, _} <- :ciex.struct_fields(module), k != :__exception__, do: k
    only = Keyword.get(derive_opts, :only, fields)
    except = Keyword.get(derive_opts, :except, [])
    shown = for k <- fields, :lists.member(k, only), not :lists.member(k, except), do: k
    name = Kernel.inspect(module)
    entry = fn
      :"$ciex_more", _ -> "..."
      k, o -> Inspect.Algebra.concat(key(k), Inspect.Algebra.to_doc(Map.get(struct, k), o))
    end
    Inspect.Algebra.container_doc("#" <> name <> "<", shown ++ [:"$ciex_more"], ">", opts, entry,
      separator: ",", break: :strict)
  end

  defp key(k) do
    case Kernel.inspect([{k, 0}]) do
      "[" <> rest -> binary_part(rest, 0, byte_size(rest) - 2)
    end
  end
end
