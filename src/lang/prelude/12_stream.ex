# Stream: lazy enumerables.  A stream is a fun of arity 2 speaking the
# Enumerable reduce protocol: fn {cmd, acc}, fun -> {:done | :halted, acc}
# or {:suspended, acc, continuation} end.  Elixir wraps most of its streams
# in a %Stream{} struct; here every stream is a plain fun, which
# Enumerable.reduce/3 calls directly.
#
# The stages that sit on another enumerable (map, take, chunk_every, ...)
# share one driver, `stage/4`: it reduces the inner enumerable with a
# state of its own beside the consumer's accumulator, and passes
# suspension through, so Stream.zip can step them, also in the middle of
# the elements flat_map/concat/transform produce for one input: the inner
# enumeration's continuation is kept beside the outer one, and resuming
# finishes the inner before the outer goes on.
defmodule Stream do
  # ---- the stage driver ----

  # step.(x, acc, state, fun) -> {:cont | :halt | :suspend, acc, state}
  # finish.(acc, state, fun) -> acc   (emits what the stage still holds)
  defp stage(enum, state0, step, finish \\ nil) do
    fn acc, fun -> run(enum, state0, step, finish, acc, fun) end
  end

  defp run(_enum, _state0, _step, _finish, {:halt, acc}, _fun), do: {:halted, acc}
  defp run(enum, state0, step, finish, {:suspend, acc}, fun) do
    {:suspended, acc, &run(enum, state0, step, finish, &1, fun)}
  end
  # The reducer's accumulator is {acc, state, inner}: inner is the
  # continuation of an enumeration emit_all/4 left suspended, else nil.
  defp run(enum, state0, step, finish, {:cont, acc}, fun) do
    reducer = fn x, {acc, state, nil} ->
      case step.(x, acc, state, fun) do
        {:suspended, acc, state, inner} -> {:suspend, {acc, state, inner}}
        {cmd, acc, state} -> {cmd, {acc, state, nil}}
      end
    end
    result(Enumerable.reduce(enum, {:cont, {acc, state0, nil}}, reducer), finish, fun)
  end

  defp result({:done, {acc, _state, _}}, nil, _fun), do: {:done, acc}
  defp result({:done, {acc, state, _}}, finish, fun), do: {:done, finish.(acc, state, fun)}
  defp result({:halted, {acc, _state, _}}, _finish, _fun), do: {:halted, acc}
  defp result({:suspended, {acc, state, nil}, cont}, finish, fun) do
    {:suspended, acc, fn {cmd, acc} -> result(cont.({cmd, {acc, state, nil}}), finish, fun) end}
  end
  defp result({:suspended, {acc, state, inner}, cont}, finish, fun) do
    {:suspended, acc, fn {cmd, acc} -> resume_inner(inner.({cmd, acc}), state, cont, finish, fun) end}
  end

  # the consumer suspended inside the elements of one input: they are
  # finished before the outer enumeration goes on
  defp resume_inner({:suspended, acc, inner}, state, cont, finish, fun) do
    {:suspended, acc, fn {cmd, acc} -> resume_inner(inner.({cmd, acc}), state, cont, finish, fun) end}
  end
  defp resume_inner({:done, acc}, state, cont, finish, fun), do: result(cont.({:cont, {acc, state, nil}}), finish, fun)
  defp resume_inner({:halted, acc}, state, cont, finish, fun), do: result(cont.({:halt, {acc, state, nil}}), finish, fun)

  # Emits one element from a stage.
  defp emit(x, acc, state, fun) do
    {cmd, acc} = fun.(x, acc)
    {cmd, acc, state}
  end

  # Emits several elements from a stage; a suspension in their middle
  # suspends the stage (see run/6).
  defp emit_all(enum, acc, state, fun) do
    case Enumerable.reduce(enum, {:cont, acc}, fun) do
      {:done, acc} -> {:cont, acc, state}
      {:halted, acc} -> {:halt, acc, state}
      {:suspended, acc, inner} -> {:suspended, acc, state, inner}
    end
  end

  # The same where there is no stage to suspend (transform/4): a
  # suspension is taken as :cont.
  defp emit_all_eager(enum, acc, state, fun) do
    result =
      Enumerable.reduce(enum, {:cont, acc}, fn x, acc ->
        case fun.(x, acc) do
          {:suspend, acc} -> {:cont, acc}
          other -> other
        end
      end)
    case result do
      {:done, acc} -> {:cont, acc, state}
      {:halted, acc} -> {:halt, acc, state}
    end
  end

  # ---- stages ----

  def map(enum, f), do: stage(enum, nil, fn x, acc, st, fun -> emit(f.(x), acc, st, fun) end)

  def each(enum, f) do
    stage(enum, nil, fn x, acc, st, fun ->
      f.(x)
      emit(x, acc, st, fun)
    end)
  end

  def filter(enum, f) do
    stage(enum, nil, fn x, acc, st, fun -> if f.(x), do: emit(x, acc, st, fun), else: {:cont, acc, st} end)
  end

  def reject(enum, f) do
    stage(enum, nil, fn x, acc, st, fun -> if f.(x), do: {:cont, acc, st}, else: emit(x, acc, st, fun) end)
  end

  def flat_map(enum, f), do: stage(enum, nil, fn x, acc, st, fun -> emit_all(f.(x), acc, st, fun) end)

  def concat(enums), do: flat_map(enums, fn e -> e end)
  def concat(first, second), do: flat_map([first, second], fn e -> e end)

  def take(_enum, 0), do: stage([], nil, fn _, acc, st, _ -> {:halt, acc, st} end)
  def take(enum, n) when is_integer(n) and n > 0 do
    stage(enum, n, fn
      _x, acc, 0, _fun -> {:halt, acc, 0}
      x, acc, k, fun ->
        {cmd, acc} = fun.(x, acc)
        if k == 1 and cmd == :cont, do: {:halt, acc, 0}, else: {cmd, acc, k - 1}
    end)
  end
  def take(enum, n) when is_integer(n) and n < 0, do: lazy_list(fn -> Enum.take(enum, n) end)

  def drop(enum, n) when is_integer(n) and n >= 0 do
    stage(enum, n, fn
      x, acc, 0, fun -> emit(x, acc, 0, fun)
      _x, acc, k, _fun -> {:cont, acc, k - 1}
    end)
  end
  def drop(enum, n) when is_integer(n) and n < 0, do: lazy_list(fn -> Enum.drop(enum, n) end)

  def take_while(enum, f) do
    stage(enum, nil, fn x, acc, st, fun -> if f.(x), do: emit(x, acc, st, fun), else: {:halt, acc, st} end)
  end

  def drop_while(enum, f) do
    stage(enum, true, fn
      x, acc, true, fun -> if f.(x), do: {:cont, acc, true}, else: emit(x, acc, false, fun)
      x, acc, false, fun -> emit(x, acc, false, fun)
    end)
  end

  def take_every(enum, 0), do: take(enum, 0)
  def take_every(enum, nth) when is_integer(nth) and nth > 0 do
    stage(enum, 0, fn x, acc, i, fun ->
      if rem(i, nth) == 0, do: emit(x, acc, i + 1, fun), else: {:cont, acc, i + 1}
    end)
  end

  def drop_every(enum, 0), do: stage(enum, nil, fn x, acc, st, fun -> emit(x, acc, st, fun) end)
  def drop_every(enum, nth) when is_integer(nth) and nth > 0 do
    stage(enum, 0, fn x, acc, i, fun ->
      if rem(i, nth) == 0, do: {:cont, acc, i + 1}, else: emit(x, acc, i + 1, fun)
    end)
  end

  def map_every(enum, nth, f) when is_integer(nth) and nth >= 0 do
    stage(enum, 0, fn x, acc, i, fun ->
      y = if nth > 0 and rem(i, nth) == 0, do: f.(x), else: x
      emit(y, acc, i + 1, fun)
    end)
  end

  def with_index(enum, offset_or_fun \\ 0)
  def with_index(enum, f) when is_function(f, 2) do
    stage(enum, 0, fn x, acc, i, fun -> emit(f.(x, i), acc, i + 1, fun) end)
  end
  def with_index(enum, offset) when is_integer(offset) do
    stage(enum, offset, fn x, acc, i, fun -> emit({x, i}, acc, i + 1, fun) end)
  end

  def intersperse(enum, sep) do
    stage(enum, true, fn
      x, acc, true, fun -> emit(x, acc, false, fun)
      x, acc, false, fun ->
        case fun.(sep, acc) do
          {:cont, acc} -> emit(x, acc, false, fun)
          {cmd, acc} -> {cmd, acc, false}
        end
    end)
  end

  def scan(enum, f) do
    stage(enum, :__ciex_first__, fn
      x, acc, :__ciex_first__, fun -> emit(x, acc, {:acc, x}, fun)
      x, acc, {:acc, prev}, fun ->
        y = f.(x, prev)
        emit(y, acc, {:acc, y}, fun)
    end)
  end

  def scan(enum, acc0, f) do
    stage(enum, acc0, fn x, acc, prev, fun ->
      y = f.(x, prev)
      emit(y, acc, y, fun)
    end)
  end

  def dedup(enum), do: dedup_by(enum, fn x -> x end)

  def dedup_by(enum, f) do
    stage(enum, :__ciex_none__, fn x, acc, prev, fun ->
      k = f.(x)
      case prev do
        {:k, ^k} -> {:cont, acc, prev}
        _ -> emit(x, acc, {:k, k}, fun)
      end
    end)
  end

  def uniq(enum), do: uniq_by(enum, fn x -> x end)

  def uniq_by(enum, f) do
    stage(enum, %{}, fn x, acc, seen, fun ->
      k = f.(x)
      if :erlang.is_map_key(k, seen), do: {:cont, acc, seen}, else: emit(x, acc, :maps.put(k, true, seen), fun)
    end)
  end

  def chunk_while(enum, acc0, chunk_fun, after_fun) do
    step = fn x, acc, st, fun ->
      case chunk_fun.(x, st) do
        {:cont, chunk, st} -> emit(chunk, acc, st, fun)
        {:cont, st} -> {:cont, acc, st}
        {:halt, st} -> {:halt, acc, st}
      end
    end
    finish = fn acc, st, fun ->
      case after_fun.(st) do
        {:cont, chunk, _} -> elem(fun.(chunk, acc), 1)
        {:cont, _} -> acc
      end
    end
    stage(enum, acc0, step, finish)
  end

  def chunk_every(enum, count), do: chunk_every(enum, count, count, [])

  def chunk_every(enum, count, step, leftover \\ [])
      when is_integer(count) and count > 0 and is_integer(step) and step > 0 do
    limit = max(count, step)
    chunk_fun = fn entry, {buffer, n} ->
      buffer = [entry | buffer]
      n = n + 1
      state =
        if n >= limit do
          remaining = n - step
          {Enum.take(buffer, remaining), remaining}
        else
          {buffer, n}
        end
      if n == count, do: {:cont, :lists.reverse(buffer), state}, else: {:cont, state}
    end
    after_fun = fn {buffer, n} ->
      if leftover == :discard or n == 0 or n >= count do
        {:cont, []}
      else
        {:cont, :lists.reverse(buffer, Enum.take(leftover, count - n)), []}
      end
    end
    chunk_while(enum, {[], 0}, chunk_fun, after_fun)
  end

  def chunk_by(enum, f) do
    chunk_while(enum, nil,
      fn
        x, nil -> {:cont, {[x], f.(x)}}
        x, {acc, key} ->
          k = f.(x)
          if k === key, do: {:cont, {[x | acc], key}}, else: {:cont, :lists.reverse(acc), {[x], k}}
      end,
      fn
        nil -> {:cont, :done}
        {acc, _} -> {:cont, :lists.reverse(acc), :done}
      end)
  end

  def transform(enum, acc0, reducer) do
    stage(enum, acc0, fn x, acc, st, fun ->
      case reducer.(x, st) do
        {:halt, st} -> {:halt, acc, st}
        {items, st} -> emit_all(items, acc, st, fun)
      end
    end)
  end

  def transform(enum, start_fun, reducer, after_fun) do
    fn {cmd, acc}, fun ->
      step = fn x, {acc, st} ->
        case reducer.(x, st) do
          {:halt, st} -> {:halt, {acc, st}}
          {items, st} ->
            {cmd, acc, st} = emit_all_eager(items, acc, st, fun)
            {cmd, {acc, st}}
        end
      end
      finish_transform(Enumerable.reduce(enum, {cmd, {acc, start_fun.()}}, step), after_fun)
    end
  end

  defp finish_transform({:suspended, {acc, st}, cont}, after_fun) do
    {:suspended, acc, fn {cmd, acc} -> finish_transform(cont.({cmd, {acc, st}}), after_fun) end}
  end
  defp finish_transform({kind, {acc, st}}, after_fun) do
    after_fun.(st)
    {kind, acc}
  end

  def into(enum, _collectable), do: enum

  def run(stream) do
    Enumerable.reduce(stream, {:cont, nil}, fn _, _ -> {:cont, nil} end)
    :ok
  end

  # ---- zipping: each enumerable is stepped with :suspend ----

  def zip(left, right), do: zip([left, right])

  def zip(enums) do
    fn acc, fun ->
      conts = for e <- enums, do: &Enumerable.reduce(e, &1, fn x, acc -> {:suspend, [x | acc]} end)
      do_zip(conts, acc, fun)
    end
  end

  def zip_with(left, right, f), do: map(zip(left, right), fn {a, b} -> f.(a, b) end)
  def zip_with(enums, f), do: map(zip(enums), fn t -> f.(:erlang.tuple_to_list(t)) end)

  defp do_zip(conts, {:halt, acc}, _fun) do
    close_all(conts)
    {:halted, acc}
  end
  defp do_zip(conts, {:suspend, acc}, fun), do: {:suspended, acc, &do_zip(conts, &1, fun)}
  defp do_zip(conts, {:cont, acc}, fun) do
    case zip_step(conts, [], []) do
      {:ok, items, next} -> do_zip(next, fun.(:erlang.list_to_tuple(items), acc), fun)
      :done -> {:done, acc}
    end
  end

  defp zip_step([cont | rest], items, next) do
    case cont.({:cont, []}) do
      {:suspended, [x], cont} -> zip_step(rest, [x | items], [cont | next])
      _ ->
        close_all(rest)
        close_all(next)
        :done
    end
  end
  defp zip_step([], items, next), do: {:ok, :lists.reverse(items), :lists.reverse(next)}

  defp close_all(conts), do: Enum.each(conts, fn cont -> cont.({:halt, []}) end)

  # ---- generators ----

  def iterate(start, f), do: unfold(start, fn x -> {x, f.(x)} end)

  def repeatedly(f), do: unfold(nil, fn nil -> {f.(), nil} end)

  def duplicate(value, n) when is_integer(n) and n >= 0 do
    unfold(n, fn
      0 -> nil
      left -> {value, left - 1}
    end)
  end

  def unfold(state, f), do: fn acc, fun -> do_unfold(state, f, acc, fun) end

  defp do_unfold(_state, _f, {:halt, acc}, _fun), do: {:halted, acc}
  defp do_unfold(state, f, {:suspend, acc}, fun), do: {:suspended, acc, &do_unfold(state, f, &1, fun)}
  defp do_unfold(state, f, {:cont, acc}, fun) do
    case f.(state) do
      nil -> {:done, acc}
      {x, next} -> do_unfold(next, f, fun.(x, acc), fun)
    end
  end

  def cycle(enum) do
    case Enum.to_list(enum) do
      [] -> raise ArgumentError, "cannot cycle over an empty enumerable"
      list -> fn acc, fun -> do_cycle(list, list, acc, fun) end
    end
  end

  defp do_cycle(_rest, _list, {:halt, acc}, _fun), do: {:halted, acc}
  defp do_cycle(rest, list, {:suspend, acc}, fun), do: {:suspended, acc, &do_cycle(rest, list, &1, fun)}
  defp do_cycle([], list, acc, fun), do: do_cycle(list, list, acc, fun)
  defp do_cycle([h | t], list, {:cont, acc}, fun), do: do_cycle(t, list, fun.(h, acc), fun)

  def resource(start_fun, next_fun, after_fun) do
    fn acc, fun -> do_resource(start_fun.(), next_fun, after_fun, acc, fun) end
  end

  defp do_resource(res, _next, after_fun, {:halt, acc}, _fun) do
    after_fun.(res)
    {:halted, acc}
  end
  defp do_resource(res, next, after_fun, {:suspend, acc}, fun) do
    {:suspended, acc, &do_resource(res, next, after_fun, &1, fun)}
  end
  defp do_resource(res, next, after_fun, {:cont, acc}, fun) do
    case next.(res) do
      {:halt, res} ->
        after_fun.(res)
        {:done, acc}
      {items, res} ->
        emit_then(Enum.to_list(items), {:cont, acc}, fun, &do_resource(res, next, after_fun, &1, fun))
    end
  end

  # Emits a list, then hands the consumer's command to k.
  defp emit_then(_list, {:halt, _} = cmd, _fun, k), do: k.(cmd)
  defp emit_then([], cmd, _fun, k), do: k.(cmd)
  defp emit_then(list, {:suspend, acc}, fun, k), do: {:suspended, acc, &emit_then(list, &1, fun, k)}
  defp emit_then([h | t], {:cont, acc}, fun, k), do: emit_then(t, fun.(h, acc), fun, k)

  def interval(ms) do
    unfold(0, fn i ->
      Process.sleep(ms)
      {i, i + 1}
    end)
  end

  def timer(ms) do
    unfold(true, fn
      true ->
        Process.sleep(ms)
        {0, false}
      false -> nil
    end)
  end

  # A stream over a list computed when the stream first runs.
  defp lazy_list(make), do: fn acc, fun -> Enumerable.reduce(make.(), acc, fun) end
end
