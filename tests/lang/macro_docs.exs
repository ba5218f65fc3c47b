# The iex> examples of Macro's documentation (Elixir 1.14)
p = fn x -> IO.inspect(x, width: :infinity) end
p.(Macro.camelize("foo_bar"))
p.(Macro.camelize("foo/bar"))
p.(Macro.camelize("API.V1"))
p.(Macro.camelize("API_SPEC"))
p.(Macro.camelize("sap_example"))
p.(Macro.camelize("hello_10"))
p.(Macro.underscore("FooBar"))
p.(Macro.underscore("Foo.Bar"))
p.(Macro.underscore(Foo.Bar))
p.(Macro.underscore("SAPExample"))
p.(Macro.classify_atom(:foo))
p.(Macro.classify_atom(Foo))
p.(Macro.classify_atom(:foo@bar))
p.(Macro.classify_atom(:+))
p.(Macro.classify_atom(:Foo))
p.(Macro.classify_atom(:"with spaces"))
p.(Macro.decompose_call(quote(do: foo)))
p.(Macro.decompose_call(quote(do: foo())))
p.(Macro.decompose_call(quote(do: foo(1, 2, 3))))
p.(Macro.decompose_call(quote(do: Elixir.M.foo(1, 2, 3))))
p.(Macro.decompose_call(quote(do: 42)))
p.(Macro.decompose_call(quote(do: {:foo, [], []})))
p.(Macro.escape(:foo))
p.(Macro.escape({:a, :b, :c}))
p.(Macro.escape({:unquote, [], [1]}, unquote: true))
p.(quote do: {:a, :b, :c})
value = {:a, :b, :c}
p.(Macro.escape(value))
p.(quote do: value)
p.(quote do: unquote(value))
p.(Macro.escape(%{a: 1, b: [2, {3, 4, 5}]}))
p.(Macro.generate_arguments(2, __MODULE__))
[var1, var2] = Macro.generate_unique_arguments(2, __MODULE__)
{:arg1, [counter: c1], __MODULE__} = var1
{:arg2, [counter: c2], __MODULE__} = var2
p.(is_integer(c1) and is_integer(c2))
p.(Macro.inspect_atom(:literal, nil))
p.(Macro.inspect_atom(:literal, :foo))
p.(Macro.inspect_atom(:literal, :<>))
p.(Macro.inspect_atom(:literal, :Foo))
p.(Macro.inspect_atom(:literal, Foo.Bar))
p.(Macro.inspect_atom(:literal, :"with spaces"))
p.(Macro.inspect_atom(:key, :foo))
p.(Macro.inspect_atom(:key, :<>))
p.(Macro.inspect_atom(:key, :Foo))
p.(Macro.inspect_atom(:key, :"with spaces"))
p.(Macro.inspect_atom(:remote_call, :foo))
p.(Macro.inspect_atom(:remote_call, :<>))
p.(Macro.inspect_atom(:remote_call, :Foo))
p.(Macro.inspect_atom(:remote_call, :"with spaces"))
p.(Macro.operator?(:not_an_operator, 3))
p.(Macro.operator?(:.., 0))
p.(Macro.operator?(:+, 1))
p.(Macro.operator?(:++, 2))
p.(Macro.operator?(:..//, 3))
p.(Macro.path(quote(do: [1, 2, 3]), & &1 == 3))
p.(Macro.path(quote(do: Foo.bar(3)), & &1 == 3))
p.(Macro.path(quote(do: %{foo: [bar: :baz]}), & &1 == :baz))
ast = quote do: foo(1, "abc")
p.(Enum.map(Macro.postwalker(ast), & &1))
p.(Enum.map(Macro.prewalker(ast), & &1))
ast = quote do: 5 + 3 * 7
{:+, _, [5, {:*, _, [3, 7]}]} = ast
new_ast = Macro.prewalk(ast, fn
  {:+, meta, children} -> {:*, meta, children}
  {:*, meta, children} -> {:+, meta, children}
  other -> other
end)
{:*, _, [5, {:+, _, [3, 7]}]} = new_ast
p.(Code.eval_quoted(ast))
p.(Code.eval_quoted(new_ast))
{new_ast, acc} = Macro.prewalk(ast, [], fn
  {:+, meta, children}, acc -> {{:*, meta, children}, [:+ | acc]}
  {:*, meta, children}, acc -> {{:+, meta, children}, [:* | acc]}
  other, acc -> {other, acc}
end)
p.({new_ast, acc})
{new_ast, acc} =
  Macro.traverse(
    ast,
    [],
    fn
      {:+, meta, children}, acc -> {{:-, meta, children}, [:- | acc]}
      {:*, meta, children}, acc -> {{:/, meta, children}, [:/ | acc]}
      other, acc -> {other, acc}
    end,
    fn
      {:-, meta, children}, acc -> {{:min, meta, children}, [:min | acc]}
      {:/, meta, children}, acc -> {{:max, meta, children}, [:max | acc]}
      other, acc -> {other, acc}
    end
  )
{:min, _, [5, {:max, _, [3, 7]}]} = new_ast
p.(acc)
p.(Code.eval_quoted(new_ast))
p.(Macro.postwalk(ast, fn {op, m, a} when op in [:+, :*] -> {:-, m, a}; x -> x end))
p.(Macro.quoted_literal?(quote(do: "foo")))
p.(Macro.quoted_literal?(quote(do: {"foo", 1})))
p.(Macro.quoted_literal?(quote(do: {"foo", 1, :baz})))
p.(Macro.quoted_literal?(quote(do: %{foo: "bar"})))
p.(Macro.quoted_literal?(quote(do: %URI{path: "/"})))
p.(Macro.quoted_literal?(quote(do: URI.parse("/"))))
p.(Macro.quoted_literal?(quote(do: {foo, var})))
p.(Macro.to_string(quote(do: foo.bar(1, 2, 3))))
p.(Macro.unescape_string("example\\n"))
p.(Macro.unescape_string("\\x41\\u0042 \\t tab"))
{:foo, [counter: c], __MODULE__} = Macro.unique_var(:foo, __MODULE__)
p.(is_integer(c))
quoted = quote line: 10, do: sample()
p.(quoted)
p.(Macro.update_meta(quoted, &Keyword.delete(&1, :line)))
p.(Macro.validate({:two_element, :tuple}))
p.(Macro.validate({:three, :element, :tuple}))
p.(Macro.validate([1, 2, 3]))
p.(Macro.validate([1, 2, 3, {4}]))
p.(Macro.var(:foo, nil))
p.(Macro.var(:foo, Other))
p.(Macro.unpipe(quote do: :a |> b() |> c(1)))
p.(Macro.pipe(quote(do: x), quote(do: f(1)), 0))
p.(Macro.special_form?(:case, 2))
p.(Macro.special_form?(:if, 2))
p.(Macro.operator?(:in, 2))
