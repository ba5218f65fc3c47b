# :logger_proxy: log events of processes whose group leader is on another
# node, as OTP's logger does them (logger.erl's log_remote and
# logger_proxy.erl).  OTP logs such an event where it happens and also
# sends {:log, level, format, args, meta} to {:logger_proxy, gl_node},
# which logs it there: a name clash resolved through rpc is reported both
# on the node that ran the resolver and on the node that asked.
#
# log/3 is the entry for Erlang-style format strings (global's messages);
# the process registered as :logger_proxy logs what other nodes, ciex or
# BEAM, send.  Formatting is Elixir's Logger's: ~p and ~w print as inspect/1
# (Logger.Utils.scan_inspect), everything else as io_lib does.
defmodule :logger_proxy do
  def log(level, format, args) do
    gl = :erlang.group_leader()
    :ciex_log.log(level, format(format, args))
    case node(gl) == node() do
      true ->
        :ok
      false ->
        meta = %{pid: self(), gl: gl, time: :erlang.system_time(:microsecond)}
        :ciex_dist.send_noconnect({:logger_proxy, node(gl)}, {:log, level, to_charlist(format), args, meta})
        :ok
    end
  end

  def start() do
    pid = :erlang.spawn(fn -> loop() end)
    :erlang.register(:logger_proxy, pid)
    pid
  end

  def loop() do
    receive do
      {:log, level, format, args, _meta} when is_list(args) -> safe_log(level, fn -> format(format, args) end)
      {:log, level, {:string, string}, _meta} -> safe_log(level, fn -> string end)
      {:log, level, string, _meta} when is_list(string) or is_binary(string) -> safe_log(level, fn -> string end)
      {:log, level, report, _meta} -> safe_log(level, fn -> inspect(report) end)
      _ -> :ok
    end
    loop()
  end

  defp safe_log(level, text) do
    try do
      :ciex_log.log(level, text.())
    catch
      _, _ -> :ok
    end
  end

  defp to_charlist(f) when is_binary(f), do: :erlang.binary_to_list(f)
  defp to_charlist(f) when is_atom(f), do: :erlang.atom_to_list(f)
  defp to_charlist(f), do: f

  # Logger.Utils.scan_inspect, then io_lib
  def format(format, args), do: :ciex.chardata_to_binary(scan(to_charlist(format), args, []))

  defp scan([?~ | rest], args, acc) do
    {directive, rest} = directive(rest, [?~])
    case {last(directive), args} do
      {c, [arg | args]} when c == ?p or c == ?w or c == ?P or c == ?W ->
        scan(rest, args, [inspect(arg) | acc])
      {c, [arg | args]} when c == ?s or c == ?e or c == ?f or c == ?g or c == ?b or c == ?B or c == ?x or
                             c == ?X or c == ?c or c == ?i or c == ?# or c == ?+ ->
        scan(rest, args, [:io_lib.format(directive, [arg]) | acc])
      _ ->
        scan(rest, args, [:io_lib.format(directive, []) | acc])
    end
  end

  defp scan([c | rest], args, acc), do: scan(rest, args, [[c] | acc])
  defp scan([], _args, acc), do: :lists.reverse(acc)

  defp last([c]), do: c
  defp last([_ | t]), do: last(t)

  # ~, then field width/precision/pad/modifiers, then the control character
  defp directive([c | rest], acc) when (c >= ?0 and c <= ?9) or c == ?. or c == ?- or c == ?* or c == ?t or c == ?l or c == ?k,
    do: directive(rest, [c | acc])

  defp directive([c | rest], acc), do: {:lists.reverse([c | acc]), rest}
  defp directive([], acc), do: {:lists.reverse(acc), []}
end

:logger_proxy.start()
