# Code.Typespec: the specs, types and callbacks of a standard-library
# module, read from the debug-info chunk of the installed Elixir's .beam
# file (Erlang abstract forms), and turned back into Elixir typespec
# syntax (quoted, for Macro.to_string/1) as Elixir's Code.Typespec does.
defmodule Code.Typespec do
  def fetch_specs(module), do: attributes(module, [:spec], fn {:attribute, _, _, spec} -> spec end)

  def fetch_callbacks(module), do: attributes(module, [:callback], fn {:attribute, _, _, spec} -> spec end)

  # the {name, arity} of @optional_callbacks, sorted
  def fetch_optional_callbacks(module) do
    case attributes(module, [:optional_callbacks], fn {:attribute, _, _, list} -> list end) do
      {:ok, lists} -> {:ok, Enum.sort(Enum.concat(lists))}
      :error -> :error
    end
  end

  # a type that is not in -export_type is private: @typep
  def fetch_types(module) do
    with {:ok, exported} <- attributes(module, [:export_type], fn {:attribute, _, _, list} -> list end),
         {:ok, types} <- attributes(module, [:type, :opaque], fn {:attribute, _, kind, type} -> {kind, type} end) do
      exported = Enum.concat(exported)
      {:ok, for({kind, {name, _, args} = type} <- types,
                do: {if(kind == :type and {name, length(args)} not in exported, do: :typep, else: kind), type})}
    end
  end

  defp attributes(module, kinds, fun) do
    case Code.__installed_chunk__(module, 'Dbgi') do
      {:debug_info_v1, _, {:elixir_v1, _, forms}} ->
        {:ok, for({:attribute, _, kind, _} = form <- forms, kind in kinds, do: fun.(form))}
      _ -> :error
    end
  end

  # {name, [type], [var]} of a @type as `name(vars) :: type`
  def type_to_quoted({name, type, vars}) do
    {:"::", [], [{name, [], Enum.map(vars, &typespec/1)}, typespec(type)]}
  end

  # a spec's free variables read `when a: var`, as Elixir wrote them
  def spec_to_quoted(name, {:type, _, :fun, [{:type, _, :product, args}, result]} = fun) do
    case free_vars([args, result], []) do
      [] -> plain_spec(name, fun)
      vars -> {:when, [], [plain_spec(name, fun), Enum.map(vars, &{&1, {:var, [], nil}})]}
    end
  end
  def spec_to_quoted(name, {:type, _, :bounded_fun, [fun, constraints]}) do
    guards =
      for {:type, _, :constraint, [{:atom, _, :is_subtype}, [var, type]]} <- constraints do
        {elem(typespec(var), 0), typespec(type)}
      end
    {:when, [], [plain_spec(name, fun), guards]}
  end

  defp plain_spec(name, {:type, _, :fun, [{:type, _, :product, args}, result]}),
    do: {:"::", [], [call(name, Enum.map(args, &typespec/1)), typespec(result)]}

  defp free_vars({:ann_type, _, [_name, type]}, acc), do: free_vars(type, acc)
  defp free_vars({:var, _, :_}, acc), do: acc
  defp free_vars({:var, _, name}, acc) do
    var = elem(typespec({:var, 0, name}), 0)
    if var in acc, do: acc, else: acc ++ [var]
  end
  defp free_vars(tuple, acc) when is_tuple(tuple), do: free_vars(Tuple.to_list(tuple), acc)
  defp free_vars(list, acc) when is_list(list), do: Enum.reduce(list, acc, &free_vars/2)
  defp free_vars(_, acc), do: acc

  # operators print as operators: integer() + integer()
  defp call(name, [left, right]) when name in [:+, :-, :*, :/, :==, :!=, :===, :!==, :<, :>, :<=, :>=, :and, :or, :<>, :++, :--, :in, :=~, :|>, :.., :&&, :||],
    do: {name, [], [left, right]}
  defp call(name, args), do: {name, [], args}

  defp typespec({:atom, _, atom}), do: atom
  defp typespec({:integer, _, int}), do: int
  defp typespec({:op, _, :-, {:integer, _, int}}), do: -int
  defp typespec({:var, _, :_}), do: {:_, [], nil}
  # Erlang's Name is Elixir's name
  defp typespec({:var, _, name}) do
    {first, rest} = String.split_at(Atom.to_string(name), 1)
    {String.to_atom(String.downcase(first) <> rest), [], nil}
  end
  defp typespec({:ann_type, _, [var, type]}), do: {:"::", [], [typespec(var), typespec(type)]}
  defp typespec({:paren_type, _, [type]}), do: typespec(type)
  defp typespec({:user_type, _, name, args}), do: {name, [], Enum.map(args, &typespec/1)}
  # Elixir's own built-in types (keyword(), charlist(), ...) are :elixir's
  defp typespec({:remote_type, _, [{:atom, _, :elixir}, {:atom, _, name}, args]}),
    do: {name, [], Enum.map(args, &typespec/1)}
  defp typespec({:remote_type, _, [{:atom, _, mod}, {:atom, _, name}, args]}),
    do: {{:., [], [mod, name]}, [], Enum.map(args, &typespec/1)}
  defp typespec({:type, _, :union, types}) do
    types |> Enum.map(&typespec/1) |> Enum.reverse() |> Enum.reduce(fn left, right -> {:|, [], [left, right]} end)
  end
  defp typespec({:type, _, :range, [left, right]}), do: {:.., [], [typespec(left), typespec(right)]}
  defp typespec({:type, _, :tuple, :any}), do: {:tuple, [], []}
  defp typespec({:type, _, :tuple, [a, b]}), do: {typespec(a), typespec(b)}
  defp typespec({:type, _, :tuple, elems}), do: {:{}, [], Enum.map(elems, &typespec/1)}
  defp typespec({:type, _, :nil, []}), do: []
  defp typespec({:type, _, :list, [{:type, _, :tuple, [{:type, _, :atom, []}, value]}]}),
    do: {:keyword, [], [typespec(value)]}
  defp typespec({:type, _, :list, [type]}), do: [typespec(type)]
  defp typespec({:type, _, :nonempty_list, []}), do: [{:..., [], nil}]
  defp typespec({:type, _, :nonempty_list, [type]}), do: [typespec(type), {:..., [], nil}]
  defp typespec({:type, _, :fun, []}), do: {:fun, [], []}
  defp typespec({:type, _, :fun, [{:type, _, :any}, result]}), do: [{:->, [], [[{:..., [], nil}], typespec(result)]}]
  defp typespec({:type, _, :fun, [{:type, _, :product, args}, result]}),
    do: [{:->, [], [Enum.map(args, &typespec/1), typespec(result)]}]
  defp typespec({:type, _, :map, :any}), do: {:map, [], []}
  defp typespec({:type, _, :map, fields}) do
    {struct, fields} =
      Enum.split_with(fields, &match?({:type, _, :map_field_exact, [{:atom, _, :__struct__}, {:atom, _, _}]}, &1))
    pairs =
      Enum.map(fields, fn
        {:type, _, :map_field_exact, [{:atom, _, key}, value]} -> {key, typespec(value)}
        {:type, _, :map_field_exact, [key, value]} -> {{:required, [], [typespec(key)]}, typespec(value)}
        {:type, _, :map_field_assoc, [key, value]} -> {{:optional, [], [typespec(key)]}, typespec(value)}
      end)
    case struct do
      [{:type, _, _, [_, {:atom, _, module}]}] -> {:%, [], [module, {:%{}, [], pairs}]}
      [] -> {:%{}, [], pairs}
    end
  end
  defp typespec({:type, _, :binary, [{:integer, _, 0}, {:integer, _, 0}]}), do: {:<<>>, [], []}
  defp typespec({:type, _, :binary, [{:integer, _, 0}, {:integer, _, unit}]}),
    do: {:<<>>, [], [{:"::", [], [{:_, [], nil}, {:*, [], [{:_, [], nil}, unit]}]}]}
  defp typespec({:type, _, :binary, [{:integer, _, size}, {:integer, _, 0}]}),
    do: {:<<>>, [], [{:"::", [], [{:_, [], nil}, size]}]}
  defp typespec({:type, _, :binary, [{:integer, _, size}, {:integer, _, unit}]}) do
    {:<<>>, [], [{:"::", [], [{:_, [], nil}, size]}, {:"::", [], [{:_, [], nil}, {:*, [], [{:_, [], nil}, unit]}]}]}
  end
  defp typespec({:type, _, name, args}) when is_list(args), do: {name, [], Enum.map(args, &typespec/1)}
  defp typespec(other), do: {:term, [], [inspect(other)]}
end
