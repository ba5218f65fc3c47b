# Macros: the compiler runs a macro while compiling through :ciex_macro.run/3
# (src/lang/compile_macro.c), the Macro.Env struct that __ENV__ and
# __CALLER__ are, and the Macro module.

defmodule :ciex_macro do
  # Applies a macro's function in a process of its own; the compiler reads
  # the exit reason: {:ciex_macro_ok, ast} or {:ciex_macro_error, kind, message}.
  def run(module, fun, args) do
    result =
      try do
        {:ciex_macro_ok, apply(module, fun, args)}
      rescue
        e -> {:ciex_macro_error, String.to_atom(inspect(e.__struct__)), Exception.message(e)}
      catch
        :throw, value -> {:ciex_macro_error, :"throw", inspect(value)}
        :exit, reason -> {:ciex_macro_error, :"exit", inspect(reason)}
      end
    exit(result)
  end
end

defmodule Macro.Env do
  defstruct aliases: [], context: nil, context_modules: [], file: "nofile", function: nil, functions: [],
            lexical_tracker: nil, line: 0, macro_aliases: [], macros: [], module: nil, requires: [],
            tracers: [], versioned_vars: %{}
end

defmodule Macro do
  @operators [:+, :-, :*, :/, :++, :--, :+++, :---, :.., :<>, :"..//", :^^^, :in, :"not in", :|>, :<<<, :>>>,
              :<<~, :~>>, :<~, :~>, :<~>, :"<|>", :<, :>, :<=, :>=, :==, :!=, :=~, :===, :!==, :&&, :&&&, :and,
              :||, :|||, :or, :=, :|, :"::", :when, :<-, :"\\\\", :->, :**, :., :@, :&, :!, :^, :not, :~~~]
  @unary [:+, :-, :!, :^, :not, :~~~, :@, :&]

  def operator?(name, arity) when is_atom(name) and is_integer(arity) do
    cond do
      name == :.. and arity == 0 -> true
      name == :"..//" -> arity == 3
      arity == 1 -> name in @unary
      arity == 2 -> name in @operators and name not in [:!, :^, :not, :~~~, :@, :&]
      true -> false
    end
  end

  def special_form?(name, arity) when is_atom(name) and is_integer(arity) do
    {name, arity} in [{:%, 2}, {:%{}, arity}, {:&, 1}, {:., 2}, {:__aliases__, arity}, {:__block__, arity},
                      {:__CALLER__, 0}, {:__DIR__, 0}, {:__ENV__, 0}, {:__MODULE__, 0}, {:__STACKTRACE__, 0},
                      {:alias, 1}, {:alias, 2}, {:case, 2}, {:cond, 1}, {:fn, arity}, {:for, arity},
                      {:import, 1}, {:import, 2}, {:quote, 1}, {:quote, 2}, {:receive, 1}, {:require, 1},
                      {:require, 2}, {:super, arity}, {:try, 1}, {:unquote, 1}, {:unquote_splicing, 1},
                      {:with, arity}, {:^, 1}, {:"::", 2}, {:<<>>, arity}, {:=, 2}, {:{}, arity}]
  end

  # ---- values into AST ----

  def escape(expr, opts \\ []), do: do_escape(expr, Keyword.get(opts, :unquote, false))

  defp do_escape({:unquote, _, [expr]}, true), do: expr
  defp do_escape({a, b}, u), do: {do_escape(a, u), do_escape(b, u)}
  defp do_escape(t, u) when is_tuple(t), do: {:{}, [], Enum.map(Tuple.to_list(t), &do_escape(&1, u))}
  defp do_escape(%{} = m, u) do
    pairs = Enum.map(Map.to_list(m), fn {k, v} -> {do_escape(k, u), do_escape(v, u)} end)
    case Map.get(m, :__struct__) do
      nil -> {:%{}, [], pairs}
      _ -> {:%{}, [], pairs}
    end
  end
  defp do_escape([h | t], u) when is_list(t), do: [do_escape(h, u) | do_escape(t, u)]
  defp do_escape([h | t], u), do: [{:|, [], [do_escape(h, u), do_escape(t, u)]}]
  defp do_escape(other, _u) when is_function(other) do
    raise ArgumentError, "cannot escape #{inspect(other)}. The supported values are: lists, tuples, maps, atoms, numbers, bitstrings, PIDs and remote functions in the format &Mod.fun/arity"
  end
  defp do_escape(other, _u), do: other

  def var(name, context) when is_atom(name) and is_atom(context), do: {name, [], context}

  def unique_var(name, context) when is_atom(name) and is_atom(context),
    do: {name, [counter: :erlang.unique_integer([:positive])], context}

  def generate_arguments(0, context) when is_atom(context), do: []
  def generate_arguments(amount, context) when is_integer(amount) and amount > 0 and is_atom(context),
    do: for(i <- 1..amount, do: {String.to_atom("arg#{i}"), [], context})

  def generate_unique_arguments(0, context) when is_atom(context), do: []
  def generate_unique_arguments(amount, context) when is_integer(amount) and amount > 0 and is_atom(context),
    do: for(i <- 1..amount, do: unique_var(String.to_atom("arg#{i}"), context))

  def update_meta({name, meta, args}, fun) when is_list(meta), do: {name, fun.(meta), args}
  def update_meta(other, _fun), do: other

  # ---- walking ----

  def prewalk(ast, fun) when is_function(fun, 1) do
    elem(prewalk(ast, nil, fn x, a -> {fun.(x), a} end), 0)
  end
  def prewalk(ast, acc, fun) when is_function(fun, 2), do: traverse(ast, acc, fun, fn x, a -> {x, a} end)

  def postwalk(ast, fun) when is_function(fun, 1) do
    elem(postwalk(ast, nil, fn x, a -> {fun.(x), a} end), 0)
  end
  def postwalk(ast, acc, fun) when is_function(fun, 2), do: traverse(ast, acc, fn x, a -> {x, a} end, fun)

  def traverse(ast, acc, pre, post) when is_function(pre, 2) and is_function(post, 2) do
    {ast, acc} = pre.(ast, acc)
    do_traverse(ast, acc, pre, post)
  end

  defp do_traverse({form, meta, args}, acc, pre, post) when is_atom(form) do
    {args, acc} = do_traverse_args(args, acc, pre, post)
    post.({form, meta, args}, acc)
  end
  defp do_traverse({form, meta, args}, acc, pre, post) do
    {form, acc} = pre.(form, acc)
    {form, acc} = do_traverse(form, acc, pre, post)
    {args, acc} = do_traverse_args(args, acc, pre, post)
    post.({form, meta, args}, acc)
  end
  defp do_traverse({left, right}, acc, pre, post) do
    {left, acc} = pre.(left, acc)
    {left, acc} = do_traverse(left, acc, pre, post)
    {right, acc} = pre.(right, acc)
    {right, acc} = do_traverse(right, acc, pre, post)
    post.({left, right}, acc)
  end
  defp do_traverse(list, acc, pre, post) when is_list(list) do
    {list, acc} = do_traverse_args(list, acc, pre, post)
    post.(list, acc)
  end
  defp do_traverse(x, acc, _pre, post), do: post.(x, acc)

  defp do_traverse_args(args, acc, _pre, _post) when is_atom(args), do: {args, acc}
  defp do_traverse_args(args, acc, pre, post) when is_list(args) do
    :lists.mapfoldl(fn x, acc ->
      {x, acc} = pre.(x, acc)
      do_traverse(x, acc, pre, post)
    end, acc, args)
  end

  def prewalker(ast), do: Enum.reverse(prewalker_acc(ast, []))
  defp prewalker_acc(ast, acc) do
    acc = [ast | acc]
    Enum.reduce(children(ast), acc, &prewalker_acc/2)
  end

  def postwalker(ast), do: Enum.reverse(postwalker_acc(ast, []))
  defp postwalker_acc(ast, acc) do
    acc = Enum.reduce(children(ast), acc, &postwalker_acc/2)
    [ast | acc]
  end

  defp children({form, _, args}) when is_atom(form) and is_list(args), do: args
  defp children({form, _, args}) when is_list(args), do: [form | args]
  defp children({form, _, _}) when not is_atom(form), do: [form]
  defp children({left, right}), do: [left, right]
  defp children(list) when is_list(list), do: list
  defp children(_), do: []

  def path(ast, fun) when is_function(fun, 1), do: do_path(ast, fun, [])
  defp do_path(ast, fun, acc) do
    if fun.(ast) do
      [ast | acc]
    else
      Enum.find_value(children(ast), fn c -> do_path(c, fun, [ast | acc]) end)
    end
  end

  # ---- inspecting AST ----

  def decompose_call({:__aliases__, _, _}), do: :error
  def decompose_call({:{}, _, _}), do: :error
  def decompose_call({{:., _, [remote, function]}, _, args}) when is_tuple(remote) or is_atom(remote),
    do: {remote, function, args}
  def decompose_call({name, _, args}) when is_atom(name) and is_atom(args), do: {name, []}
  def decompose_call({name, _, args}) when is_atom(name) and is_list(args), do: {name, args}
  def decompose_call(_), do: :error

  def validate(expr) do
    case find_invalid(expr) do
      nil -> :ok
      invalid -> {:error, invalid}
    end
  end

  defp find_invalid({left, right}), do: find_invalid(left) || find_invalid(right)
  defp find_invalid({left, meta, right}) when is_list(meta) and (is_atom(right) or is_list(right)),
    do: find_invalid(left) || find_invalid(right)
  defp find_invalid(list) when is_list(list), do: Enum.find_value(list, &find_invalid/1)
  defp find_invalid(pid) when is_pid(pid), do: nil
  defp find_invalid(atom) when is_atom(atom), do: nil
  defp find_invalid(num) when is_number(num), do: nil
  defp find_invalid(bin) when is_binary(bin), do: nil
  defp find_invalid(fun) when is_function(fun) do
    if Function.info(fun, :env) == {:env, []} and Function.info(fun, :type) == {:type, :external},
      do: nil, else: fun
  end
  defp find_invalid(other), do: other

  def quoted_literal?(term)
  def quoted_literal?({:__aliases__, _, args}), do: quoted_literal?(args)
  def quoted_literal?({:%, _, [left, right]}), do: quoted_literal?(left) and quoted_literal?(right)
  def quoted_literal?({:%{}, _, args}), do: quoted_literal?(args)
  def quoted_literal?({:{}, _, args}), do: quoted_literal?(args)
  def quoted_literal?({:__block__, _, [arg]}), do: quoted_literal?(arg)
  def quoted_literal?({left, right}), do: quoted_literal?(left) and quoted_literal?(right)
  def quoted_literal?(list) when is_list(list), do: Enum.all?(list, &quoted_literal?/1)
  def quoted_literal?(term), do: is_atom(term) or is_number(term) or is_binary(term)

  def pipe(expr, {:&, _, _} = call_args, _integer) do
    raise ArgumentError, bad_pipe(expr, call_args)
  end
  def pipe(expr, {tuple_or_map, _, _} = call_args, _integer) when tuple_or_map in [:{}, :%{}] do
    raise ArgumentError, bad_pipe(expr, call_args)
  end
  def pipe(expr, {:fn, _, _}, _integer) do
    raise ArgumentError,
          "cannot pipe #{to_string(expr)} into an anonymous function without calling the function; use Kernel.then/2 instead or invoke the function with the anonymous function operator: fn ... end.()"
  end
  def pipe(expr, {:__aliases__, _, _} = call_args, _integer) do
    raise ArgumentError, bad_pipe(expr, call_args)
  end
  def pipe(expr, {call, line, atom}, integer) when is_atom(atom), do: {call, line, List.insert_at([], integer, expr)}
  def pipe(expr, {op, line, args} = op_args, integer) when is_list(args) do
    cond do
      is_atom(op) and operator?(op, length(args)) ->
        raise ArgumentError, "cannot pipe #{to_string(expr)} into #{to_string(op_args)}, the #{to_string(op)} operator can only take #{length(args)} arguments"
      true -> {op, line, List.insert_at(args, integer, expr)}
    end
  end
  def pipe(expr, call_args, _integer), do: raise(ArgumentError, bad_pipe(expr, call_args))

  defp bad_pipe(expr, call_args),
    do: "cannot pipe #{to_string(expr)} into #{to_string(call_args)}, can only pipe into local calls foo(), remote calls Foo.bar() or anonymous function calls foo.()"

  def unpipe(expr), do: :lists.reverse(unpipe(expr, []))
  defp unpipe({:|>, _, [left, right]}, acc), do: unpipe(right, unpipe(left, acc))
  defp unpipe(other, acc), do: [{other, 0} | acc]

  # ---- expansion ----

  def expand_once(ast, env), do: elem(do_expand_once(ast, env), 0)

  def expand(ast, env), do: expand_until({ast, true}, env)
  defp expand_until({ast, true}, env), do: expand_until(do_expand_once(ast, env), env)
  defp expand_until({ast, false}, _env), do: ast

  defp do_expand_once({:__aliases__, meta, [h | t]} = original, env) when is_atom(h) do
    case Keyword.get(meta, :alias, nil) do
      false -> {alias_concat([h | t]), true}
      full when is_atom(full) and full != nil -> {alias_concat([full | t]), true}
      _ ->
        case List.keyfind(env.aliases, alias_concat([h]), 0) do
          {_, full} -> {alias_concat([full | t]), true}
          nil -> if original, do: {alias_concat([h | t]), true}
        end
    end
  end
  defp alias_concat(parts),
    do: String.to_atom(Enum.join(["Elixir" | Enum.reject(Enum.map(parts, &alias_text/1), &(&1 == "Elixir"))], "."))
  defp alias_text(a) when is_atom(a) do
    case Atom.to_string(a) do
      "Elixir." <> rest -> rest
      s -> s
    end
  end

  defp do_expand_once({:__MODULE__, _, atom}, env) when is_atom(atom), do: {env.module, true}
  defp do_expand_once({:__DIR__, _, atom}, env) when is_atom(atom), do: {:filename.dirname(env.file), true}
  defp do_expand_once({:__ENV__, _, atom}, env) when is_atom(atom), do: {{:%{}, [], Map.to_list(env)}, true}
  defp do_expand_once({{:., _, [left, name]}, _meta, args} = original, env) when is_atom(name) and is_list(args) do
    {mod, _} = do_expand_once(left, env)
    if is_atom(mod) and Code.ensure_loaded?(mod) and function_exported?(mod, :"MACRO-#{name}", length(args) + 1) and
         (mod in env.requires or mod == env.module) do
      {apply(mod, :"MACRO-#{name}", [env | args]), true}
    else
      {original, false}
    end
  end
  defp do_expand_once({name, meta, args} = original, _env) when is_atom(name) and is_list(args) do
    case kernel_expand(name, meta, args) do
      {:ok, expanded} -> {expanded, true}
      :error -> {original, false}
    end
  end
  defp do_expand_once(other, _env), do: {other, false}

  # Kernel's macros that ciex compiles as special forms, as Elixir 1.14
  # expands them
  defp kernel_expand(:unless, _meta, [condition, clauses]) when is_list(clauses) do
    do_clause = Keyword.get(clauses, :do, nil)
    else_clause = Keyword.get(clauses, :else, nil)
    {:ok, {:if, [context: Kernel, imports: [{2, Kernel}]], [condition, [do: else_clause, else: do_clause]]}}
  end
  defp kernel_expand(:|>, _meta, [left, right]), do: {:ok, pipe(left, right, 0)}
  defp kernel_expand(_, _, _), do: :error

  # ---- strings ----

  def to_string(tree), do: Macro.ToString.to_string(tree)
  def to_string(tree, fun) when is_function(fun, 2), do: Macro.ToString.to_string(tree, fun)

  def unescape_string(string), do: unescape_string(string, &unescape_map/1)
  def unescape_string(string, map) when is_binary(string), do: unescape(string, map, "")

  defp unescape(<<"\\", c, rest::binary>>, map, acc) do
    case c do
      ?x -> unescape_hex(rest, map, acc)
      ?u -> unescape_unicode(rest, map, acc)
      _ ->
        case map.(c) do
          false -> unescape(rest, map, <<acc::binary, "\\", c>>)
          r when is_integer(r) -> unescape(rest, map, <<acc::binary, r::utf8>>)
          r -> unescape(rest, map, acc <> r)
        end
    end
  end
  defp unescape(<<c::utf8, rest::binary>>, map, acc), do: unescape(rest, map, <<acc::binary, c::utf8>>)
  defp unescape(<<c, rest::binary>>, map, acc), do: unescape(rest, map, <<acc::binary, c>>)
  defp unescape(<<>>, _map, acc), do: acc

  defp unescape_hex(<<"{", rest::binary>>, map, acc) do
    [hex, rest] = :binary.split(rest, "}")
    unescape(rest, map, <<acc::binary, String.to_integer(hex, 16)::utf8>>)
  end
  defp unescape_hex(<<a, b, rest::binary>>, map, acc), do: unescape(rest, map, <<acc::binary, String.to_integer(<<a, b>>, 16)>>)

  defp unescape_unicode(<<"{", rest::binary>>, map, acc) do
    [hex, rest] = :binary.split(rest, "}")
    unescape(rest, map, <<acc::binary, String.to_integer(hex, 16)::utf8>>)
  end
  defp unescape_unicode(<<a, b, c, d, rest::binary>>, map, acc),
    do: unescape(rest, map, <<acc::binary, String.to_integer(<<a, b, c, d>>, 16)::utf8>>)

  defp unescape_map(?0), do: 0
  defp unescape_map(?a), do: 7
  defp unescape_map(?b), do: ?\b
  defp unescape_map(?d), do: ?\d
  defp unescape_map(?e), do: ?\e
  defp unescape_map(?f), do: ?\f
  defp unescape_map(?n), do: ?\n
  defp unescape_map(?r), do: ?\r
  defp unescape_map(?s), do: ?\s
  defp unescape_map(?t), do: ?\t
  defp unescape_map(?v), do: ?\v
  defp unescape_map(?\n), do: ""
  defp unescape_map(e), do: e

  def camelize(""), do: ""
  def camelize(<<?_, t::binary>>), do: camelize(t)
  def camelize(<<h, t::binary>>), do: <<to_upper_char(h)>> <> do_camelize(t)

  defp do_camelize(<<?_, ?_, t::binary>>), do: do_camelize(<<?_, t::binary>>)
  defp do_camelize(<<?_, h, t::binary>>) when h >= ?a and h <= ?z, do: <<to_upper_char(h)>> <> do_camelize(t)
  defp do_camelize(<<?_, h, t::binary>>) when h >= ?0 and h <= ?9, do: <<h>> <> do_camelize(t)
  defp do_camelize(<<?_>>), do: <<>>
  defp do_camelize(<<?/, t::binary>>), do: <<?.>> <> camelize(t)
  defp do_camelize(<<h, t::binary>>), do: <<h>> <> do_camelize(t)
  defp do_camelize(<<>>), do: <<>>

  def underscore(atom) when is_atom(atom) do
    "Elixir." <> rest = Atom.to_string(atom)
    underscore(rest)
  end
  def underscore(<<h, t::binary>>), do: <<to_lower_char(h)>> <> do_underscore(t, h)
  def underscore(""), do: ""

  defp do_underscore(<<h, t, rest::binary>>, _)
       when h >= ?A and h <= ?Z and not (t >= ?A and t <= ?Z) and not (t >= ?0 and t <= ?9) and t != ?. and t != ?_,
       do: <<?_, to_lower_char(h), t>> <> do_underscore(rest, t)
  defp do_underscore(<<h, t::binary>>, prev)
       when h >= ?A and h <= ?Z and not (prev >= ?A and prev <= ?Z) and prev != ?_,
       do: <<?_, to_lower_char(h)>> <> do_underscore(t, h)
  defp do_underscore(<<?., t::binary>>, _), do: <<?/>> <> underscore(t)
  defp do_underscore(<<h, t::binary>>, _), do: <<to_lower_char(h)>> <> do_underscore(t, h)
  defp do_underscore(<<>>, _), do: <<>>

  defp to_upper_char(c) when c >= ?a and c <= ?z, do: c - 32
  defp to_upper_char(c), do: c
  defp to_lower_char(c) when c >= ?A and c <= ?Z, do: c + 32
  defp to_lower_char(c), do: c

  # ---- atoms ----

  def classify_atom(atom) when is_atom(atom) do
    s = Atom.to_string(atom)
    cond do
      alias_atom?(s) -> :alias
      identifier?(s) -> :identifier
      unquoted_atom?(atom, s) -> :unquoted
      true -> :quoted
    end
  end

  defp alias_atom?("Elixir." <> rest), do: rest != "" and Enum.all?(String.split(rest, "."), &alias_segment?/1)
  defp alias_atom?(_), do: false

  defp alias_segment?(<<h, t::binary>>) when h >= ?A and h <= ?Z, do: ident_rest?(t, false)
  defp alias_segment?(_), do: false

  defp identifier?(<<h, t::binary>>) when (h >= ?a and h <= ?z) or h == ?_, do: ident_rest?(t, true)
  defp identifier?(_), do: false

  defp ident_rest?(<<c, t::binary>>, punct) when (c >= ?a and c <= ?z) or (c >= ?A and c <= ?Z) or (c >= ?0 and c <= ?9) or c == ?_,
    do: ident_rest?(t, punct)
  defp ident_rest?(<<c>>, true) when c in [??, ?!], do: true
  defp ident_rest?(<<>>, _), do: true
  defp ident_rest?(_, _), do: false

  defp unquoted_atom?(atom, s) do
    operator?(atom, 1) or operator?(atom, 2) or atom in [:%, :%{}, :{}, :<<>>, :..., :"..//", :"//", :"\\\\"] or
      unquoted_word?(s)
  end

  defp unquoted_word?(<<h, t::binary>>) when (h >= ?a and h <= ?z) or (h >= ?A and h <= ?Z) or h == ?_,
    do: word_rest?(t)
  defp unquoted_word?(_), do: false
  defp word_rest?(<<c, t::binary>>) when (c >= ?a and c <= ?z) or (c >= ?A and c <= ?Z) or (c >= ?0 and c <= ?9) or c in [?_, ?@],
    do: word_rest?(t)
  defp word_rest?(<<c>>) when c in [??, ?!], do: true
  defp word_rest?(<<>>), do: true
  defp word_rest?(_), do: false

  def inspect_atom(:literal, atom) when is_atom(atom), do: inspect(atom)
  def inspect_atom(:key, atom) when is_atom(atom) do
    case classify_atom(atom) do
      :alias -> inspect(Atom.to_string(atom)) <> ":"
      :quoted -> inspect(Atom.to_string(atom)) <> ":"
      _ -> Atom.to_string(atom) <> ":"
    end
  end
  def inspect_atom(:remote_call, atom) when is_atom(atom) do
    s = Atom.to_string(atom)
    case classify_atom(atom) do
      :identifier -> s
      :unquoted -> if operator?(atom, 1) or operator?(atom, 2), do: s, else: inspect(s)
      _ -> inspect(s)
    end
  end

  def struct!(module, env) when is_atom(module) do
    if module == env.module, do: raise(ArgumentError, "cannot access struct #{inspect(module)}"), else: module.__struct__()
  end
end

# Macro.to_string/1,2: quoted code back to source, laid out as Elixir
# 1.14's formatter lays out what fits on a line (do-blocks over lines).
defmodule Macro.ToString do
  @binary_ops %{
    :"<-" => {40, :left}, :"\\\\" => {40, :left}, :when => {50, :right}, :"::" => {60, :right},
    :| => {70, :right}, :"=>" => {80, :right}, := => {100, :right},
    :|| => {120, :left}, :||| => {120, :left}, :or => {120, :left},
    :&& => {130, :left}, :&&& => {130, :left}, :and => {130, :left},
    :== => {140, :left}, :!= => {140, :left}, :=~ => {140, :left}, :=== => {140, :left}, :!== => {140, :left},
    :< => {150, :left}, :> => {150, :left}, :<= => {150, :left}, :>= => {150, :left},
    :|> => {160, :left}, :<<< => {160, :left}, :>>> => {160, :left}, :<<~ => {160, :left}, :~>> => {160, :left},
    :<~ => {160, :left}, :~> => {160, :left}, :<~> => {160, :left}, :"<|>" => {160, :left},
    :in => {170, :left}, :"not in" => {170, :left}, :^^^ => {180, :left}, :"//" => {190, :right},
    :++ => {200, :right}, :-- => {200, :right}, :+++ => {200, :right}, :--- => {200, :right},
    :<> => {200, :right}, :.. => {200, :right},
    :+ => {210, :left}, :- => {210, :left}, :* => {220, :left}, :/ => {220, :left}, :** => {230, :left}
  }
  @unary_ops [:+, :-, :!, :^, :not, :~~~, :&, :@]
  # what the formatter writes without parentheses (its locals_without_parens)
  @without_parens [alias: 1, alias: 2, import: 1, import: 2, require: 1, require: 2, use: 1, use: 2,
                   raise: 1, raise: 2, reraise: 2, reraise: 3, defstruct: 1, defexception: 1,
                   defoverridable: 1, defdelegate: 2, defguard: 1, defguardp: 1, destructure: 2,
                   def: 1, defp: 1, defmacro: 1, defmacrop: 1]

  def to_string(ast, fun \\ fn _ast, string -> string end), do: IO.iodata_to_binary(expr(ast, fun, 0))

  defp indent(text, n) do
    pad = String.duplicate("  ", n)
    text |> IO.iodata_to_binary() |> String.split("\n") |> Enum.map_join("\n", fn "" -> ""; l -> pad <> l end)
  end

  defp expr(ast, fun, _lvl), do: fun.(ast, IO.iodata_to_binary(e(ast, fun)))

  defp s(ast, fun), do: IO.iodata_to_binary(expr(ast, fun, 0))

  # variables
  defp e({name, _, ctx}, _f) when is_atom(name) and is_atom(ctx), do: Atom.to_string(name)
  # blocks
  defp e({:__block__, _, []}, _f), do: ""
  defp e({:__block__, _, [one]}, f), do: s(one, f)
  defp e({:__block__, _, exprs}, f), do: Enum.map_join(exprs, "\n", &s(&1, f))
  # aliases
  defp e({:__aliases__, _, [h | t]}, f) do
    first = if is_atom(h), do: Atom.to_string(h), else: s(h, f)
    Enum.join([first | Enum.map(t, &Atom.to_string/1)], ".")
  end
  # containers
  defp e({:{}, _, args}, f), do: tuple_text(Enum.map(args, &s(&1, f)))
  defp e({:%{}, _, [{:|, _, [m, pairs]}]}, f), do: "%{" <> s(m, f) <> " | " <> map_pairs(pairs, f) <> "}"
  defp e({:%{}, _, pairs}, f), do: fit("%{", map_items(pairs, f), "}")
  defp e({:%, _, [name, {:%{}, _, [{:|, _, [m, pairs]}]}]}, f),
    do: "%" <> s(name, f) <> "{" <> s(m, f) <> " | " <> map_pairs(pairs, f) <> "}"
  defp e({:%, _, [name, {:%{}, _, pairs}]}, f), do: "%" <> s(name, f) <> "{" <> map_pairs(pairs, f) <> "}"
  defp e({:<<>>, _, parts} = ast, f) do
    if interpolated?(ast) do
      "\"" <> Enum.map_join(parts, "", fn
        b when is_binary(b) -> escape_string(b)
        {:"::", _, [{{:., _, [Kernel, :to_string]}, _, [x]}, _]} -> "\#{" <> s(x, f) <> "}"
      end) <> "\""
    else
      "<<" <> Enum.map_join(parts, ", ", &bit_part(&1, f)) <> ">>"
    end
  end
  # fn
  defp e({:fn, _, [{:->, _, [args, body]}]}, f) do
    head = if args == [], do: "fn ->", else: "fn " <> clause_args(args, f) <> " ->"
    case body do
      {:__block__, _, [_, _ | _]} -> head <> "\n" <> indent(s(body, f), 1) <> "\nend"
      _ -> head <> " " <> s(body, f) <> " end"
    end
  end
  defp e({:fn, _, clauses}, f), do: "fn\n" <> indent(clauses_text(clauses, f), 1) <> "\nend"
  # captures
  defp e({:&, _, [{:&, _, [n]}]}, _f) when is_integer(n), do: "& &" <> Integer.to_string(n)
  defp e({:&, _, [n]}, _f) when is_integer(n), do: "&" <> Integer.to_string(n)
  defp e({:&, _, [{:/, _, [call, arity]}]}, f) when is_integer(arity), do: "&" <> s(call, f) <> "/" <> Integer.to_string(arity)
  defp e({:&, _, [{op, _, [_, _]} = inner]}, f) when is_atom(op) do
    if Map.has_key?(@binary_ops, op), do: "&(" <> s(inner, f) <> ")", else: "&" <> s(inner, f)
  end
  defp e({:&, _, [inner]}, f), do: "&" <> s(inner, f)
  # ranges
  defp e({:.., _, []}, _f), do: ".."
  defp e({:"..//", _, [a, b, c]}, f), do: op_side(a, 200, f, false) <> ".." <> op_side(b, 200, f, false) <> "//" <> op_side(c, 200, f, true)
  # access
  defp e({{:., _, [Access, :get]}, _, [data, key]}, f), do: call_target(data, f) <> "[" <> s(key, f) <> "]"
  # alias Foo.{Bar, Baz}
  defp e({{:., _, [left, :{}]}, _, args}, f), do: s(left, f) <> ".{" <> Enum.map_join(args, ", ", &s(&1, f)) <> "}"
  # anonymous function call
  defp e({{:., _, [fun]}, _, args}, f), do: call_target(fun, f) <> ".(" <> args_list(args, f) <> ")"
  # remote calls
  defp e({{:., _, [left, name]}, meta, []}, f) when is_atom(name) and is_list(meta) do
    if Keyword.get(meta, :no_parens, false),
      do: call_target(left, f) <> "." <> Macro.inspect_atom(:remote_call, name),
      else: call_target(left, f) <> "." <> Macro.inspect_atom(:remote_call, name) <> "()"
  end
  defp e({{:., _, [left, name]}, _, args} = ast, f) when is_atom(name) do
    target = call_target(left, f) <> "." <> Macro.inspect_atom(:remote_call, name)
    call_with_args(target, args, ast, f)
  end
  # @name value
  defp e({:@, _, [{name, _, [value]}]}, f) when is_atom(name), do: "@" <> Atom.to_string(name) <> " " <> s(value, f)
  # operators
  defp e({op, _, [operand]}, f) when op in @unary_ops do
    text = s(operand, f)
    text = if binary_op?(operand), do: "(" <> text <> ")", else: text
    if op == :not, do: "not " <> text, else: Atom.to_string(op) <> text
  end
  defp e({op, _, [left, right]}, f) when is_atom(op) and is_map_key(@binary_ops, op) do
    {prec, assoc} = Map.fetch!(@binary_ops, op)
    l = op_side(left, prec, f, assoc == :right)
    r = op_side(right, prec, f, assoc == :left)
    sep = if op in [:.., :"//"], do: Atom.to_string(op), else: " " <> Atom.to_string(op) <> " "
    case op do
      :when when is_list(left) -> clause_args(left, f) <> sep <> r
      :|> -> if String.contains?(l, "\n"), do: l <> "\n|> " <> r, else: l <> sep <> r
      _ -> l <> sep <> r
    end
  end
  defp e({:->, _, _} = clause, f), do: clauses_text([clause], f)
  # sigils
  defp e({sigil, meta, [{:<<>>, _, parts}, mods]}, f) when is_atom(sigil) and is_list(meta) and is_list(mods) do
    case Atom.to_string(sigil) do
      "sigil_" <> <<letter>> ->
        open = Keyword.get(meta, :delimiter, "\"")
        close = Map.get(%{"(" => ")", "[" => "]", "{" => "}", "<" => ">"}, open, open)
        body = Enum.map_join(parts, "", fn
          b when is_binary(b) -> b
          {:"::", _, [{{:., _, [Kernel, :to_string]}, _, [x]}, _]} -> "\#{" <> s(x, f) <> "}"
        end)
        "~" <> <<letter>> <> open <> body <> close <> List.to_string(mods)
      _ -> call_with_args(Atom.to_string(sigil), [{:<<>>, [], parts}, mods], nil, f)
    end
  end
  # local calls
  defp e({name, _, args} = ast, f) when is_atom(name) and is_list(args) do
    if {name, length(args)} in @without_parens and not block_call?(args) and args != [],
      do: Atom.to_string(name) <> " " <> args_list(args, f),
      else: call_with_args(Atom.to_string(name), args, ast, f)
  end
  defp e({head, _, args} = ast, f) when is_list(args), do: call_with_args(s(head, f), args, ast, f)
  # literals
  defp e({a, b}, f) do
    case b do
      [_ | _] = kw -> if keyword?(kw), do: tuple_text([s(a, f), kw_text(kw, f)]), else: tuple_text([s(a, f), s(b, f)])
      _ -> tuple_text([s(a, f), s(b, f)])
    end
  end
  # a typespec's function type: [(args -> result)] prints as (args -> result)
  defp e([{:->, _, [args, result]}], f) when is_list(args) do
    case args do
      [] -> "(-> " <> s(result, f) <> ")"
      _ -> "(" <> Enum.map_join(args, ", ", &s(&1, f)) <> " -> " <> s(result, f) <> ")"
    end
  end
  defp e(list, f) when is_list(list) do
    cond do
      list == [] -> "[]"
      List.ascii_printable?(list) -> inspect(list)
      keyword?(list) -> fit("[", kw_items(list, f), "]")
      true -> "[" <> list_items(list, f) <> "]"
    end
  end
  defp e(bin, _f) when is_binary(bin), do: "\"" <> escape_string(bin) <> "\""
  defp e(int, _f) when is_integer(int), do: group_digits(Integer.to_string(int))
  defp e(float, _f) when is_float(float) do
    text = inspect(float)
    case :binary.split(text, ".") do
      [int, frac] -> if String.contains?(frac, "e"), do: text, else: group_digits(int) <> "." <> frac
      _ -> text
    end
  end
  defp e(other, _f), do: inspect(other)

  # a tuple too long for a line fills its lines, the next ones indented by one
  defp tuple_text(items) do
    line = "{" <> Enum.join(items, ", ") <> "}"
    if String.length(line) <= 98 or Enum.any?(items, &String.contains?(&1, "\n")) do
      line
    else
      [first | rest] = items
      {lines, current} =
        Enum.reduce(rest, {[], "{" <> first}, fn item, {done, cur} ->
          if String.length(cur) + 2 + String.length(item) + 1 <= 98,
            do: {done, cur <> ", " <> item},
            else: {[cur <> "," | done], " " <> item}
        end)
      Enum.join(Enum.reverse([current <> "}" | lines]), "\n")
    end
  end

  # the formatter writes numbers of six digits or more in groups of three
  defp group_digits(text) when byte_size(text) < 6, do: text
  defp group_digits(text) do
    text |> String.reverse() |> String.graphemes() |> Enum.chunk_every(3) |> Enum.map(&Enum.join/1)
    |> Enum.join("_") |> String.reverse()
  end

  # items on one line, or one per line when they do not fit in 98 columns
  defp fit(open, items, close) do
    line = open <> Enum.join(items, ", ") <> close
    if String.length(line) <= 98 and not String.contains?(line, "\n"),
      do: line,
      else: open <> "\n" <> indent(Enum.join(items, ",\n"), 1) <> "\n" <> close
  end

  defp list_items(list, f) do
    {init, last} = Enum.split(list, -1)
    case last do
      [{:|, _, [a, b]}] -> Enum.map_join(init ++ [a], ", ", &s(&1, f)) <> " | " <> s(b, f)
      _ ->
        line = args_list(list, f)
        if String.length(line) + 2 <= 98, do: line, else: "\n" <> indent(Enum.map_join(list, ",\n", &s(&1, f)), 1) <> "\n"
    end
  end

  defp escape_string(b), do: escape_chars(b, "")

  defp escape_chars(<<"\#{", rest::binary>>, acc), do: escape_chars(rest, acc <> "\\\#{")
  defp escape_chars(<<c::utf8, rest::binary>>, acc) do
    esc =
      case c do
        ?" -> "\\\""
        ?\\ -> "\\\\"
        ?\n -> "\\n"
        ?\r -> "\\r"
        ?\e -> "\\e"
        0 -> "\\0"
        ?\a -> "\\a"
        ?\b -> "\\b"
        ?\f -> "\\f"
        ?\v -> "\\v"
        _ -> <<c::utf8>>
      end
    escape_chars(rest, acc <> esc)
  end
  defp escape_chars(<<c, rest::binary>>, acc), do: escape_chars(rest, acc <> "\\x" <> Integer.to_string(c, 16))
  defp escape_chars(<<>>, acc), do: acc

  defp interpolated?({:<<>>, _, parts}) do
    Enum.all?(parts, fn
      b when is_binary(b) -> true
      {:"::", _, [{{:., _, [Kernel, :to_string]}, _, [_]}, {:binary, _, _}]} -> true
      _ -> false
    end)
  end

  defp bit_part({:"::", _, [v, spec]}, f), do: s(v, f) <> "::" <> s(spec, f)
  defp bit_part(v, f), do: s(v, f)

  defp binary_op?({op, _, [_, _]}) when is_atom(op), do: Map.has_key?(@binary_ops, op)
  defp binary_op?(_), do: false

  defp op_side(ast, prec, f, strict) do
    text = s(ast, f)
    case ast do
      {:__block__, _, [_, _ | _]} -> "(\n" <> indent(text, 1) <> "\n)"
      {op, _, [_, _]} when is_atom(op) and is_map_key(@binary_ops, op) ->
        {p, _} = Map.fetch!(@binary_ops, op)
        if p < prec or (strict and p == prec), do: "(" <> text <> ")", else: text
      _ -> text
    end
  end

  defp call_target({:fn, _, _} = fun, f), do: "(" <> s(fun, f) <> ")"
  defp call_target(ast, f) do
    text = s(ast, f)
    if binary_op?(ast), do: "(" <> text <> ")", else: text
  end

  defp keyword?([]), do: false
  defp keyword?(list) when is_list(list),
    do: Enum.all?(list, fn {k, _} when is_atom(k) -> true; _ -> false end) and proper?(list)
  defp keyword?(_), do: false

  defp proper?([]), do: true
  defp proper?([_ | t]), do: proper?(t)
  defp proper?(_), do: false

  defp kw_text(kw, f), do: Enum.join(kw_items(kw, f), ", ")
  defp kw_items(kw, f) do
    Enum.map(kw, fn {k, v} ->
      key = Macro.inspect_atom(:key, k)
      value = s(v, f)
      # a value too long for the line goes on the next one
      if String.length(key) + String.length(value) + 3 > 98 and not String.contains?(value, "\n"),
        do: key <> "\n  " <> value,
        else: key <> " " <> value
    end)
  end

  defp args_list(args, f) do
    case Enum.split(args, -1) do
      {init, [last]} when init != [] or true ->
        if keyword?(last),
          do: Enum.map_join(init, ", ", &s(&1, f)) <> (if init == [], do: "", else: ", ") <> kw_text(last, f),
          else: Enum.map_join(args, ", ", &s(&1, f))
      _ -> Enum.map_join(args, ", ", &s(&1, f))
    end
  end

  defp map_pairs(pairs, f), do: Enum.join(map_items(pairs, f), ", ")

  defp map_items(pairs, f) do
    {plain, kw} = Enum.split_while(pairs, fn {k, _} -> not is_atom(k) end)
    Enum.map(plain, fn {k, v} -> s(k, f) <> " => " <> s(v, f) end) ++ kw_items(kw, f)
  end

  @block_keys [:do, :else, :catch, :rescue, :after]

  defp block_call?(args) do
    case List.last(args) do
      [{:do, _} | _] = kw -> Enum.all?(kw, fn {k, _} -> k in @block_keys; _ -> false end)
      _ -> false
    end
  end

  defp call_with_args(target, args, _ast, f) do
    case Enum.split(args, -1) do
      {init, [[{:do, _} | _] = blocks]} ->
        if Enum.all?(blocks, fn {k, _} -> k in @block_keys end) do
          head = if init == [], do: target, else: target <> " " <> Enum.map_join(init, ", ", &s(&1, f))
          head <> " do\n" <> Enum.map_join(blocks, "", fn {k, v} -> block_section(k, v, f) end) <> "end"
        else
          target <> "(" <> args_list(args, f) <> ")"
        end
      _ -> call_args(target, args, f)
    end
  end

  defp call_args(target, args, f) do
    line = target <> "(" <> args_list(args, f) <> ")"
    if String.length(line) <= 98 or args == [] do
      line
    else
      items =
        case Enum.split(args, -1) do
          {init, [last]} -> if keyword?(last), do: Enum.map(init, &s(&1, f)) ++ kw_items(last, f), else: Enum.map(args, &s(&1, f))
        end
      target <> "(\n" <> indent(Enum.join(items, ",\n"), 1) <> "\n)"
    end
  end

  defp block_section(:do, body, f), do: indent(block_body(body, f), 1) <> "\n"
  defp block_section(k, body, f), do: Atom.to_string(k) <> "\n" <> indent(block_body(body, f), 1) <> "\n"

  defp block_body([{:->, _, _} | _] = clauses, f), do: clauses_text(clauses, f)
  defp block_body(body, f), do: s(body, f)

  defp clauses_text(clauses, f) do
    Enum.map_join(clauses, "\n", fn {:->, _, [args, body]} ->
      head = clause_args(args, f) <> " ->"
      case body do
        {:__block__, _, [_, _ | _]} -> head <> "\n" <> indent(s(body, f), 1)
        _ -> head <> " " <> s(body, f)
      end
    end)
  end

  defp clause_args([{:when, _, args}], f) do
    {params, [guard]} = Enum.split(args, -1)
    Enum.map_join(params, ", ", &s(&1, f)) <> " when " <> s(guard, f)
  end
  defp clause_args(args, f), do: Enum.map_join(args, ", ", &s(&1, f))
end
