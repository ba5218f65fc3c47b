# :ets.select/3, match/3 and match_object/3 in chunks with their continuations, and setopts/2.
t = :ets.new(:o, [:ordered_set])
:ets.insert(t, for(i <- 1..7, do: {i, i * i}))
{r, c} = :ets.select(t, [{{:"$1", :"$2"}, [], [:"$2"]}], 3)
IO.inspect(r)
{r, c} = :ets.select(c)
IO.inspect(r)
{r, c} = :ets.select(c)
IO.inspect(r)
IO.inspect(:ets.select(c))
IO.inspect(:ets.select(t, [{{:"$1", :"$2"}, [{:>, :"$1", 100}], [:"$2"]}], 3))
{r, c} = :ets.match(t, {:"$1", :_}, 4)
IO.inspect(r)
{r, c} = :ets.match(c)
IO.inspect(r)
IO.inspect(:ets.match(c))
{r, c} = :ets.match_object(t, {:_, :_}, 5)
IO.inspect(r)
{r, _c} = :ets.match_object(c)
IO.inspect(r)
IO.inspect(:ets.select(t, [{{:"$1", :"$2"}, [], [:"$2"]}], 7) |> elem(0))
IO.inspect(:ets.setopts(t, {:heir, self(), :x}))
IO.inspect(:ets.info(t, :heir) == self())
IO.inspect(:ets.setopts(t, [{:heir, :none}]))
IO.inspect(:ets.info(t, :heir))
try do :ets.setopts(t, {:bad, 1}) rescue e -> IO.puts(Exception.message(e)) end
try do :ets.select(t, [{:_, [], [:"$_"]}], 0) rescue e -> IO.puts(Exception.message(e)) end
try do :ets.select(:bad_continuation) rescue e -> IO.puts(Exception.message(e)) end
# setopts changes who may write
me = self()
try_insert = fn tab ->
  spawn(fn -> send(me, {:insert, (try do :ets.insert(tab, {:x}) rescue _ -> :badarg end)}) end)
  receive do {:insert, r} -> r end
end
IO.inspect(try_insert.(t))
IO.inspect(:ets.setopts(t, {:protection, :public}))
IO.inspect({:ets.info(t, :protection), try_insert.(t)})
IO.inspect(:ets.setopts(t, [{:protection, :private}, {:heir, me, :data}]))
IO.inspect({:ets.info(t, :protection), :ets.info(t, :heir) == me})
try do :ets.setopts(t, {:protection, :set}) rescue e -> IO.puts(Exception.message(e)) end
