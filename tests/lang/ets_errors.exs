# :ets errors: badarg with OTP's explanation of the wrong argument.
defmodule Try do
  def run(label, f) do
    try do
      IO.inspect(f.(), label: label)
    rescue
      e -> IO.puts(label <> ": ** (" <> inspect(e.__struct__) <> ") " <> Exception.message(e))
    end
  end

  # runs f in another process and prints there
  def elsewhere(f) do
    me = self()
    spawn(fn -> f.(); send(me, :done) end)
    receive do :done -> :ok end
  end
end

priv = :ets.new(:secret, [:private])
prot = :ets.new(:guarded, [:protected])
pub = :ets.new(:open, [:public])
:ets.insert(priv, {:k, 1})
:ets.insert(prot, {:k, 2})
Try.elsewhere(fn ->
  Try.run("lookup private", fn -> :ets.lookup(priv, :k) end)
  Try.run("insert private", fn -> :ets.insert(priv, {:k, 0}) end)
  Try.run("select private", fn -> :ets.select(priv, [{:_, [], [:"$_"]}]) end)
  Try.run("tab2list private", fn -> :ets.tab2list(priv) end)
  Try.run("info private", fn -> :ets.info(priv, :size) end)
  Try.run("lookup protected", fn -> :ets.lookup(prot, :k) end)
  Try.run("insert protected", fn -> :ets.insert(prot, {:k, 0}) end)
  Try.run("update_counter protected", fn -> :ets.update_counter(prot, :k, 1) end)
  Try.run("delete protected", fn -> :ets.delete(prot) end)
  Try.run("give_away protected", fn -> :ets.give_away(prot, self(), nil) end)
  Try.run("insert public", fn -> :ets.insert(pub, {:k, 3}) end)
end)
Try.run("public from its owner", fn -> :ets.lookup(pub, :k) end)

t = :ets.new(:t, [])
bag = :ets.new(:bag, [:bag])
Try.run("no such table", fn -> :ets.lookup(:no_such_table, 1) end)
Try.run("not a table", fn -> :ets.lookup("x", 1) end)
Try.run("insert atom", fn -> :ets.insert(t, :x) end)
Try.run("insert empty tuple", fn -> :ets.insert(t, {}) end)
Try.run("insert bad list", fn -> :ets.insert(t, [{1}, :x]) end)
Try.run("insert_new atom", fn -> :ets.insert_new(t, :x) end)
Try.run("new bad option", fn -> :ets.new(:x, [:bad]) end)
Try.run("new bad keypos", fn -> :ets.new(:x, [{:keypos, 0}]) end)
Try.run("new name", fn -> :ets.new("x", []) end)
Try.run("new options", fn -> :ets.new(:x, :y) end)
:ets.new(:taken, [:named_table])
Try.run("new taken", fn -> :ets.new(:taken, [:named_table]) end)
Try.run("new unnamed taken", fn -> is_reference(:ets.new(:taken, [])) end)
:ets.insert(t, {:a, 1})
Try.run("lookup_element key", fn -> :ets.lookup_element(t, :nokey, 2) end)
Try.run("lookup_element pos", fn -> :ets.lookup_element(t, :a, 3) end)
Try.run("lookup_element zero", fn -> :ets.lookup_element(t, :a, 0) end)
Try.run("update_counter key", fn -> :ets.update_counter(t, :nokey, 1) end)
Try.run("update_counter keypos", fn -> :ets.update_counter(t, :a, {1, 1}) end)
Try.run("update_counter range", fn -> :ets.update_counter(t, :a, {3, 1}) end)
Try.run("update_counter op", fn -> :ets.update_counter(t, :a, :x) end)
:ets.insert(t, {:s, "str"})
Try.run("update_counter not int", fn -> :ets.update_counter(t, :s, 1) end)
Try.run("update_counter bag", fn -> :ets.update_counter(bag, :a, 1) end)
Try.run("update_counter default", fn -> :ets.update_counter(t, :n, 1, :x) end)
Try.run("update_element keypos", fn -> :ets.update_element(t, :a, {1, 2}) end)
Try.run("update_element range", fn -> :ets.update_element(t, :a, {5, 2}) end)
Try.run("update_element spec", fn -> :ets.update_element(t, :a, :x) end)
Try.run("update_element bag", fn -> :ets.update_element(bag, :a, {2, 2}) end)
Try.run("select bad", fn -> :ets.select(t, [:bad]) end)
Try.run("select not list", fn -> :ets.select(t, :bad) end)
Try.run("select unbound", fn -> :ets.select(t, [{:_, [], [:"$1"]}]) end)
Try.run("select function", fn -> :ets.select(t, [{{:"$1", :_}, [{:foo, :"$1"}], [:"$1"]}]) end)
Try.run("select empty body", fn -> :ets.select(t, [{{:"$1", :_}, [], []}]) end)
Try.run("select_count", fn -> :ets.select_count(t, :bad) end)
Try.run("select_delete", fn -> :ets.select_delete(t, :bad) end)
Try.run("next missing key", fn -> :ets.next(t, :nokey) end)
Try.run("info item", fn -> :ets.info(t, :bad) end)
Try.run("give_away self", fn -> :ets.give_away(t, self(), 1) end)
Try.run("give_away not pid", fn -> :ets.give_away(t, :x, 1) end)
ref = Process.monitor(dead = spawn(fn -> :ok end))
receive do {:DOWN, ^ref, _, _, _} -> :ok end
Try.run("give_away dead", fn -> :ets.give_away(t, dead, 1) end)
Try.run("rename name", fn -> :ets.rename(t, "x") end)
Try.run("rename taken", fn -> :ets.rename(:taken, :taken) end)
:ets.new(:other, [:named_table])
Try.run("rename onto", fn -> :ets.rename(:taken, :other) end)
Try.run("whereis", fn -> :ets.whereis("x") end)
Try.run("delete_object", fn -> :ets.delete_object(t, :x) end)
k = :ets.new(:k, [{:keypos, 2}])
Try.run("insert short", fn -> :ets.insert(k, {1}) end)
Try.run("update_counter keypos 2", fn -> :ets.update_counter(k, 2, {2, 1}) end)
Try.run("delete", fn -> :ets.delete(t) end)
Try.run("deleted", fn -> :ets.insert(t, {1}) end)
for {name, f} <- [take: &:ets.take(&1, 1), member: &:ets.member(&1, 1), tab2list: &:ets.tab2list/1,
                  first: &:ets.first/1, last: &:ets.last/1, delete_all_objects: &:ets.delete_all_objects/1,
                  match_object: &:ets.match_object(&1, :_), match: &:ets.match(&1, :_),
                  foldl: &:ets.foldl(fn x, a -> [x | a] end, [], &1)] do
  Try.run(Atom.to_string(name), fn -> f.(:nope) end)
end
Try.run("a reference that is no table", fn -> :ets.lookup(make_ref(), 1) end)
Try.run("info of a reference that is no table", fn -> :ets.info(make_ref()) end)
Try.run("info of no table", fn -> :ets.info("x", :size) end)
gone = :ets.new(:gone, [])
:ets.delete(gone)
Try.run("a deleted table", fn -> :ets.lookup(gone, 1) end)
Try.run("info of a deleted table", fn -> :ets.info(gone, :size) end)
:ets.lookup(:nowhere, :key)
