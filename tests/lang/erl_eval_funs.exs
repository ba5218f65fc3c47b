# Funs made by evaluation are erl_eval funs: term_to_binary writes them so,
# binary_to_term reads them back, and an erl_eval fun built by hand (as a
# peer would send it) runs, or fails in the caller alone when malformed.
defmodule Craft do
  # index and uniq of this node's erl_eval funs of an arity
  def layout(arity, named \\ false) do
    params = List.duplicate({:var, 1, :_}, arity)
    body = [{:clause, 1, params, [], [{:atom, 1, :ok}]}]
    form = if named, do: {:named_fun, 1, :F, body}, else: {:fun, 1, {:clauses, body}}
    {:value, f, _} = :erl_eval.exprs([form], [])
    try do
      {elem(:erlang.fun_info(f, :new_index), 1), elem(:erlang.fun_info(f, :new_uniq), 1),
       elem(:erlang.fun_info(f, :index), 1), elem(:erlang.fun_info(f, :uniq), 1)}
    catch
      _, _ -> {42, <<0::128>>, 42, 0}
    end
  end

  defp body(t), do: binary_part(:erlang.term_to_binary(t), 1, byte_size(:erlang.term_to_binary(t)) - 1)

  # the bytes of an erl_eval fun of this arity with env `env`, as a peer sends them
  def fun(arity, env) do
    {index, uniq, old_index, old_uniq} = layout(arity, tuple_size(env) == 7)
    body = <<arity, uniq::binary-16, index::32, 1::32>> <> body(:erl_eval) <> body(old_index) <> body(old_uniq) <> body(self()) <> body(env)
    :erlang.binary_to_term(<<131, 112, byte_size(body) + 4::32>> <> body)
  end

  def env(bindings, clauses), do: {1, bindings, :none, :none, %{}, clauses}

  def try_call(f, args) do
    try do
      {:ok, apply(f, args)}
    catch
      :error, _ -> :error_raised
    end
  end
end

Code.eval_string(~S"""
y = 2
f = fn x -> x * y end
g = :erlang.binary_to_term(:erlang.term_to_binary(f))
IO.inspect({g == f, g === f, g.(21)}, label: "term_to_binary round trip")
IO.inspect(:erlang.fun_info(f, :module), label: "module")
""")

x = {:var, 1, :_x@1}
inc = {:clause, 1, [x], [], [{:op, 1, :+, x, {:var, 1, :_y@1}}]}
f = Craft.fun(1, Craft.env(%{_y@1: 10}, [inc]))
IO.inspect(Craft.try_call(f, [5]), label: "crafted closure")
IO.inspect(String.ends_with?(inspect(f), "/1 in :erl_eval.expr/6>"), label: "printed as made by erl_eval")
two = [
  {:clause, 1, [x], [[{:call, 1, {:remote, 1, {:atom, 1, :erlang}, {:atom, 1, :is_atom}}, [x]}]], [{:atom, 1, :atom}]},
  {:clause, 1, [{:tuple, 1, [x, {:var, 1, :_}]}], [], [x]},
  {:clause, 1, [{:var, 1, :_}], [], [{:call, 1, {:remote, 1, {:atom, 1, Enum}, {:atom, 1, :sum}}, [{:cons, 1, {:integer, 1, 1}, {:cons, 1, {:integer, 1, 2}, {nil, 1}}}]}]}
]
g = Craft.fun(1, Craft.env(%{}, two))
IO.inspect(Enum.map([:a, {7, 8}, "z"], fn v -> Craft.try_call(g, [v]) end), label: "clauses and guards")
IO.inspect(Craft.try_call(g, [1, 2]), label: "wrong arity")
deep = Enum.reduce(1..1500, {:integer, 1, 0}, fn _, acc -> {:op, 1, :+, acc, {:integer, 1, 1}} end)
IO.inspect(Craft.try_call(Craft.fun(0, Craft.env(%{}, [{:clause, 1, [], [], [deep]}])), []), label: "1500 deep")
many = for i <- 1..2000, do: {:clause, 1, [{:integer, 1, i}], [], [{:integer, 1, i * 2}]}
IO.inspect(Craft.try_call(Craft.fun(1, Craft.env(%{}, many)), [1999]), label: "2000 clauses")

# a named fun, as erl makes of fun F(0) -> 1; F(N) -> N * F(N - 1) end
n = {:var, 1, :N}
fact = [
  {:clause, 1, [{:integer, 1, 0}], [], [{:integer, 1, 1}]},
  {:clause, 1, [n], [], [{:op, 1, :*, n, {:call, 1, {:var, 1, :F}, [{:op, 1, :-, n, {:integer, 1, 1}}]}}]}
]
named = Craft.fun(1, {1, %{}, :none, :none, %{}, fact, :F})
IO.inspect(Craft.try_call(named, [20]), label: "named fun")

# malformed: each fails in the caller, which goes on
bad = [
  {"unknown form", Craft.env(%{}, [{:clause, 1, [x], [], [{:frobnicate, 1, x}]}])},
  {"clause of the wrong arity", Craft.env(%{}, [{:clause, 1, [], [], [{:atom, 1, :ok}]}])},
  {"body not a list", Craft.env(%{}, [{:clause, 1, [x], [], :oops}])},
  {"unbound variable", Craft.env(%{}, [{:clause, 1, [x], [], [{:var, 1, :_nowhere@1}]}])},
  {"bindings not a map", Craft.env(:oops, [inc])},
  {"clauses not clauses", Craft.env(%{}, [:a, :b])}
]
for {what, env} <- bad do
  IO.inspect(Craft.try_call(Craft.fun(1, env), [1]), label: what)
end
IO.puts("still running")
