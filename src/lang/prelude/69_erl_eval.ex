# Funs made by evaluation cross nodes as erl_eval funs (src/lang/erl_eval.c,
# src/dist/fun_layout.c).  Here: :erl_eval.exprs/2 and friends, which
# evaluate Erlang abstract format (a BEAM peer, or the layout probe below,
# asks for them), the protocols Elixir's compiled funs call (String.Chars,
# List.Chars), and :ciex_fun_layouts, which learns from each peer the index
# and uniq its erl_eval gives its funs.

defmodule String.Chars do
  def to_string(term), do: Kernel.to_string(term)

  defp builtin, do: [Atom, BitString, Float, Integer, List]
  def impl_for(value), do: Protocol.__impl_for__(String.Chars, value, builtin())
  def impl_for!(value), do: Protocol.__impl_for__!(String.Chars, value, builtin())
  def __protocol__(:module), do: String.Chars
  def __protocol__(:functions), do: [to_string: 1]
  def __protocol__(:consolidated?), do: false
  def __protocol__(:impls), do: :not_consolidated
end

defmodule List.Chars do
  def to_charlist(term), do: Kernel.to_charlist(term)

  defp builtin, do: [Atom, BitString, Float, Integer, List]
  def impl_for(value), do: Protocol.__impl_for__(List.Chars, value, builtin())
  def impl_for!(value), do: Protocol.__impl_for__!(List.Chars, value, builtin())
  def __protocol__(:module), do: List.Chars
  def __protocol__(:functions), do: [to_charlist: 1]
  def __protocol__(:consolidated?), do: false
  def __protocol__(:impls), do: :not_consolidated
end

# raise/1 and reraise/2 of a value known only at run time, as Elixir's
# compiled funs call it; destructure/2
defmodule Kernel.Utils do
  def raise(msg) when is_binary(msg), do: RuntimeError.exception(msg)
  def raise(module) when is_atom(module), do: module.exception([])
  def raise(%{__struct__: _, __exception__: true} = exception), do: exception

  def raise(other) do
    ArgumentError.exception(
      "raise/1 and reraise/2 expect a module name, string or exception as the first argument, got: " <> inspect(other)
    )
  end

  # destructure/2 compiles to a match against this, as in Elixir: the list
  # cut or padded with nil to the number of patterns
  def destructure(list, count) when is_list(list), do: destructure_list(list, count)
  def destructure(nil, count), do: :lists.duplicate(count, nil)

  defp destructure_list(_, 0), do: []
  defp destructure_list([], count), do: :lists.duplicate(count, nil)
  defp destructure_list([h | t], count), do: [h | destructure_list(t, count - 1)]
end

defmodule :erl_eval do
  def new_bindings(), do: []
  def bindings(bs) when is_map(bs), do: :maps.to_list(bs)
  def bindings(bs) when is_list(bs), do: bs
  def binding(name, bs) when is_map(bs), do: :maps.find(name, bs)
  def binding(name, bs) when is_list(bs) do
    case :lists.keyfind(name, 1, bs) do
      {^name, v} -> {:value, v}
      false -> :unbound
    end
  end
  def add_binding(name, v, bs) when is_map(bs), do: :maps.put(name, v, bs)
  def add_binding(name, v, bs) when is_list(bs), do: :lists.keystore(name, 1, bs, {name, v})
  def del_binding(name, bs) when is_map(bs), do: :maps.remove(name, bs)
  def del_binding(name, bs) when is_list(bs), do: :lists.keydelete(name, 1, bs)

  def expr(e, bs), do: exprs([e], bs)
  def expr(e, bs, _lf), do: exprs([e], bs)
  def expr(e, bs, _lf, _ef), do: exprs([e], bs)
  def exprs(es, bs, _lf), do: exprs(es, bs)
  def exprs(es, bs, _lf, _ef), do: exprs(es, bs)

  def exprs(es, bs) do
    pairs = bindings(bs)
    case :ciex.erl_eval_compile(es, Enum.map(pairs, fn {name, _} -> name end)) do
      {:ok, fun, names} ->
        to_ex = Map.new(names)
        {value, out} = fun.(Map.new(pairs, fn {name, v} -> {Map.fetch!(to_ex, name), v} end))
        new = for {erl, ex} <- names, Map.has_key?(out, ex), do: {erl, Map.fetch!(out, ex)}
        {:value, value, if(is_map(bs), do: Map.new(new), else: :lists.ukeysort(1, new))}

      {:error, text} ->
        :erlang.error({:unsupported_abstract_form, text})
    end
  end
end

defmodule :ciex_fun_layouts do
  def start() do
    pid = :erlang.spawn(fn -> loop() end)
    :erlang.register(:ciex_fun_layouts, pid)
    pid
  end

  # one learner per connection: a slow peer holds up no other
  defp loop() do
    receive do
      {:learn, node} ->
        spawn(fn ->
          :ciex_dist.layout_learner(node)
          :ciex_dist.set_fun_layout(node, learn(node))
        end)

      _ ->
        :ok
    end
    loop()
  end

  # [{arity, new_index, new_uniq, index, uniq}] of the peer's erl_eval funs
  defp learn(node) do
    try do
      case :erpc.call(node, :erl_eval, :exprs, [[probe()], []], 60_000) do
        {:value, info, _} when is_list(info) -> info
        _ -> :default
      end
    catch
      _, _ -> :default
    end
  end

  # [begin F = fun(_, ...) -> ok end, {N, fun_info(F, new_index), ...} end || N <- 0..20]
  defp probe() do
    Enum.reduce(20..0, {:nil, 1}, fn n, acc -> {:cons, 1, probe(n), acc} end)
  end

  defp probe(n) do
    f = {:var, 1, :F}
    params = List.duplicate({:var, 1, :_}, n)
    fun = {:fun, 1, {:clauses, [{:clause, 1, params, [], [{:atom, 1, :ok}]}]}}
    info = fn key -> {:call, 1, {:remote, 1, {:atom, 1, :erlang}, {:atom, 1, :fun_info}}, [f, {:atom, 1, key}]} end
    element = fn key -> {:call, 1, {:remote, 1, {:atom, 1, :erlang}, {:atom, 1, :element}}, [{:integer, 1, 2}, info.(key)]} end
    tuple = {:tuple, 1, [{:integer, 1, n}, element.(:new_index), element.(:new_uniq), element.(:index), element.(:uniq)]}
    {:call, 1, {:fun, 1, {:clauses, [{:clause, 1, [f], [], [tuple]}]}}, [fun]}
  end
end

:ciex_fun_layouts.start()
