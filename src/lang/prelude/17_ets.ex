# :ets: the table BIFs are C (src/vm/bif_ets.c); what calls funs is here.
# A remote call finds these functions first and the BIFs second.
defmodule :ets do
  # as ets.erl: foldl walks first/next, foldr last/prev, which for a hash
  # table (last = first, prev = next) is the same order as foldl
  def foldl(fun, acc, tab) do
    :lists.foldl(fun, acc, :ets.tab2list(tab))
  end

  def foldr(fun, acc, tab) do
    list = :ets.tab2list(tab)
    case :ets.info(tab, :type) do
      :ordered_set -> :lists.foldl(fun, acc, :lists.reverse(list))
      _ -> :lists.foldl(fun, acc, list)
    end
  end

  # select/3, match/3 and match_object/3 take the whole result at once
  # and hand it out in chunks of `limit`: the continuation holds the rest
  # (the BEAM's reads the table again, so it sees what was inserted since)
  def select(tab, spec, limit), do: chunks(:select, [tab, spec, limit], fn -> :ets.select(tab, spec) end)
  def match(tab, pattern, limit), do: chunks(:match, [tab, pattern, limit], fn -> :ets.match(tab, pattern) end)
  def match_object(tab, pattern, limit),
    do: chunks(:match_object, [tab, pattern, limit], fn -> :ets.match_object(tab, pattern) end)

  def select(cont), do: next_chunk(:select, cont)
  def match(cont), do: next_chunk(:match, cont)
  def match_object(cont), do: next_chunk(:match_object, cont)

  defp chunks(fun, [_, _, limit] = args, _all) when not is_integer(limit) or limit < 1,
    do: :erlang.raise(:error, :badarg, [{:ets, fun, args, [error_info: %{module: :erl_stdlib_errors}]}])
  defp chunks(_fun, [_, _, limit], all) do
    case all.() do
      [] -> :"$end_of_table"
      list -> take(list, limit, [])
    end
  end

  defp next_chunk(_fun, {:ciex_ets_continuation, [], _}), do: :"$end_of_table"
  defp next_chunk(_fun, {:ciex_ets_continuation, rest, limit}) when is_list(rest), do: take(rest, limit, [])
  defp next_chunk(fun, cont),
    do: :erlang.raise(:error, :badarg, [{:ets, fun, [cont], [error_info: %{module: :erl_stdlib_errors}]}])

  defp take(rest, 0, acc), do: {:lists.reverse(acc), {:ciex_ets_continuation, rest, length(acc)}}
  defp take([], _, acc), do: {:lists.reverse(acc), {:ciex_ets_continuation, [], length(acc)}}
  defp take([x | rest], n, acc), do: take(rest, n - 1, [x | acc])

  # ets.erl's table listing: Erlang's ~p of each field, padded
  def i do
    hform(:id, :name, :type, :size, :mem, :owner)
    IO.puts(" ----------------------------------------------------------------------------")
    for tab <- :lists.sort(:ets.all()) do
      owner = :ets.info(tab, :owner)
      owner =
        case Process.info(owner, :registered_name) do
          {:registered_name, name} when is_atom(name) -> name
          _ -> owner
        end
      hform(tab, :ets.info(tab, :name), :ets.info(tab, :type), :ets.info(tab, :size), :ets.info(tab, :memory), owner)
    end
    :ok
  end

  defp hform(a, b, c, d, e, f) do
    IO.puts(" " <> pad(p(a), 15) <> " " <> pad(p(b), 17) <> " " <> pad(p(c), 5) <> " " <> pad(p(d), 6) <>
      " " <> pad(p(e), 8) <> " " <> p(f))
  end

  defp p(x), do: List.to_string(:lists.flatten(:io_lib.format(~c"~p", [x])))
  defp pad(s, n), do: String.pad_trailing(s, n)
end

# erl_stdlib_errors' texts for the :ets BIFs: which argument was wrong,
# from the cause the BIF put in its stack entry's error_info.
defmodule :ciex_ets_errors do
  def format(fun, args, cause) do
    errors(fun, args, cause) |> number(1, [])
  end

  defp number(["" | rest], n, acc), do: number(rest, n + 1, acc)
  defp number([[] | rest], n, acc), do: number(rest, n + 1, acc)
  defp number([e | rest], n, acc), do: number(rest, n + 1, [{n, text(e)} | acc])
  defp number([], _, acc), do: :lists.reverse(acc)

  defp errors(:delete_object, [_, obj | _] = args, cause), do: [tab(args, cause) | tuple(obj)]
  defp errors(:give_away, [_, pid, _] = args, cause) do
    tc = tab(args, cause)
    case cause do
      :owner -> [tc, :already_owner]
      :not_owner -> [tc, :not_owner]
      _ ->
        [tc, case {is_pid(pid), tc} do
               {true, ""} -> :dead_process
               {false, _} -> :not_pid
               _ -> ""
             end]
    end
  end
  defp errors(:info, args, cause), do: default(:bad_info_item, args, cause)
  defp errors(:insert, args, cause), do: objects(args, cause)
  defp errors(:insert_new, args, cause), do: objects(args, cause)
  defp errors(:lookup_element, [_, _, pos] = args, cause) do
    tc = tab(args, cause)
    pc = non_neg(pos)
    case cause do
      :badkey -> [tc, :bad_key, pc]
      _ ->
        case {tc, pc} do
          {"", ""} -> ["", "", "position is greater than the size of the object"]
          _ -> [tc, "", pc]
        end
    end
  end
  defp errors(:match_spec_compile, [_], _), do: [:bad_matchspec]
  defp errors(fun, [_], _) when fun in [:select, :match, :match_object], do: [:bad_continuation]
  defp errors(fun, [_, _, limit] = args, cause) when fun in [:match, :match_object],
    do: [tab(args, cause), "", non_neg(limit)]
  defp errors(:select, [_, _, limit] = args, cause), do: [tab(args, cause), "", non_neg(limit)]
  defp errors(:setopts, args, cause), do: default(:bad_options, args, cause)
  defp errors(:next, args, cause), do: default(:bad_key, args, cause)
  defp errors(:prev, args, cause), do: default(:bad_key, args, cause)
  defp errors(:new, [name, opts], cause) do
    ne = if is_atom(name), do: [], else: :not_atom
    oe = must_be_list(opts)
    case {ne, oe, cause} do
      {[], [], :already_exists} -> [:name_already_exists, []]
      {[], [], _} -> [[], :bad_options]
      _ -> [ne, oe]
    end
  end
  defp errors(:rename, [_, new] = args, cause) do
    case [tab(args, cause), if(is_atom(new), do: "", else: :bad_table_name)] do
      ["", ""] -> ["", :name_already_exists]
      result -> result
    end
  end
  defp errors(fun, [_, _] = args, cause) when fun in [:select, :select_count, :select_delete, :select_reverse],
    do: default(:bad_matchspec, args, cause)
  defp errors(:update_counter, [_, _, op] = args, cause) do
    tc = tab(args, cause)
    case cause do
      :badkey -> [tc, :bad_key, update_op(op)]
      :keypos -> [tc, "", :same_as_keypos]
      :position -> [tc, "", :update_op_range]
      :none -> if(update_op?(op), do: [tc, "", :counter_not_integer], else: [tc, "", :bad_update_op])
      _ -> [tc, "", update_op(op)]
    end
  end
  defp errors(:update_counter, [_, _, op, default] = args, cause) do
    case tab(args, cause) do
      "" ->
        tuple_cause = tuple(default)
        case cause do
          :badkey -> ["", :bad_key, update_op(op) | tuple_cause]
          :keypos -> ["", "", :same_as_keypos | tuple_cause]
          :position -> ["", "", :update_op_range]
          _ ->
            case {update_op(op), tuple_cause} do
              {"", [""]} -> ["", "", :counter_not_integer]
              {op_cause, _} -> ["", "", op_cause | tuple_cause]
            end
        end
      tc -> [tc]
    end
  end
  defp errors(:update_element, [_, _, spec] = args, cause) do
    tc = tab(args, cause)
    [tc, "" |
      case cause do
        :keypos -> [:same_as_keypos]
        _ ->
          if element_spec?(spec) do
            if tc == "", do: [:range], else: []
          else
            ["is not a valid element specification"]
          end
      end]
  end
  defp errors(:whereis, _, _), do: [:bad_table_name]
  defp errors(_, args, cause), do: [tab(args, cause)]

  defp default(d, args, cause) do
    case tab(args, cause) do
      "" -> ["", d]
      e -> [e]
    end
  end

  defp tab(args, cause) do
    case cause do
      :type ->
        case args do
          [ref | _] when is_reference(ref) -> "not a valid table identifier"
          _ -> "not an atom or a table identifier"
        end
      :id -> "the table identifier does not refer to an existing ETS table"
      :access -> "the table identifier refers to an ETS table with insufficient access rights"
      :table_type -> "the table identifier refers to an ETS table of a type not supported by this operation"
      _ -> ""
    end
  end

  defp tuple(t) when is_tuple(t) and tuple_size(t) > 0, do: [""]
  defp tuple(t) when is_tuple(t), do: [:empty_tuple]
  defp tuple(_), do: [:not_tuple]

  defp objects([_, t | _] = args, cause) do
    [tab(args, cause) |
      cond do
        is_tuple(t) and tuple_size(t) > 0 -> []
        is_tuple(t) -> [:empty_tuple]
        is_list(t) ->
          if proper?(t) and Enum.all?(t, &(is_tuple(&1) and tuple_size(&1) > 0)), do: [], else: [:not_tuple_or_list]
        true -> [:not_tuple]
      end]
  end

  defp proper?([_ | t]), do: proper?(t)
  defp proper?([]), do: true
  defp proper?(_), do: false

  defp must_be_list(l) when is_list(l), do: if(proper?(l), do: [], else: :not_proper_list)
  defp must_be_list(_), do: :not_list

  defp non_neg(n) when not is_integer(n), do: :not_integer
  defp non_neg(n) when n < 1, do: :range
  defp non_neg(_), do: ""

  defp update_op(op), do: if(update_op?(op), do: "", else: :bad_update_op)
  defp update_op?(list) when is_list(list), do: proper?(list) and Enum.all?(list, &op?/1)
  defp update_op?(op), do: op?(op)
  defp op?({pos, incr}) when is_integer(pos) and is_integer(incr), do: true
  defp op?({pos, incr, t, s}) when is_integer(pos) and is_integer(incr) and is_integer(t) and is_integer(s), do: true
  defp op?(incr), do: is_integer(incr)

  defp element_spec?(list) when is_list(list), do: Enum.all?(list, &element?/1)
  defp element_spec?(other), do: element?(other)
  defp element?({pos, _}) when is_integer(pos) and pos > 0, do: true
  defp element?(_), do: false

  defp text(e) when is_binary(e), do: e
  defp text(:already_owner), do: "the process is already the owner of the table"
  defp text(:bad_info_item), do: "not a valid info item"
  defp text(:bad_key), do: "not a key that exists in the table"
  defp text(:bad_matchspec), do: "not a valid match specification"
  defp text(:bad_options), do: "invalid options"
  defp text(:bad_continuation), do: "invalid continuation"
  defp text(:bad_table_name), do: "invalid table name (must be an atom)"
  defp text(:bad_update_op), do: "not a valid update operation"
  defp text(:counter_not_integer), do: "the value in the given position, in the object, is not an integer"
  defp text(:dead_process), do: "the pid refers to a terminated process"
  defp text(:empty_tuple), do: "is an empty tuple"
  defp text(:name_already_exists), do: "table name already exists"
  defp text(:not_atom), do: "not an atom"
  defp text(:not_integer), do: "not an integer"
  defp text(:not_list), do: "not a list"
  defp text(:not_proper_list), do: "not a proper list"
  defp text(:not_owner), do: "the current process is not the owner"
  defp text(:not_pid), do: "not a pid"
  defp text(:not_tuple), do: "not a tuple"
  defp text(:not_tuple_or_list), do: "not a non-empty tuple or a list of non-empty tuples"
  defp text(:range), do: "out of range"
  defp text(:same_as_keypos), do: "the position is the same as the key position"
  defp text(:update_op_range), do: "the position in the update operation is out of range"
  defp text(other), do: inspect(other)
end
