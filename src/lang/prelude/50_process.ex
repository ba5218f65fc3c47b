# Process: the functions of Elixir's Process module over the :erlang BIFs.
#
# Where a BIF is still missing from the VM (process_info/2, processes/0,
# read_timer/1, ...) the function checks for it at run time and falls back
# to what the prelude can answer by itself, so the day the BIF lands it is
# used without touching this file.
defmodule Process do
  def alive?(pid), do: :erlang.is_process_alive(pid)

  def sleep(:infinity) do
    receive do
    after
      :infinity -> :ok
    end
  end

  def sleep(ms) when is_integer(ms) and ms >= 0 do
    receive do
    after
      ms -> :ok
    end
  end

  def group_leader(), do: :erlang.group_leader()
  def group_leader(pid, leader), do: :erlang.group_leader(leader, pid)

  def monitor(item), do: :erlang.monitor(:process, item)
  def demonitor(ref, opts \\ []), do: :erlang.demonitor(ref, opts)
  def link(pid_or_port), do: :erlang.link(pid_or_port)
  def unlink(pid_or_port), do: :erlang.unlink(pid_or_port)
  def exit(pid, reason), do: :erlang.exit(pid, reason)

  def flag(flag, value), do: :erlang.process_flag(flag, value)
  def flag(pid, flag, value), do: :erlang.process_flag(pid, flag, value)

  # erlang:send/3 answers :ok (or :noconnect / :nosuspend, which need a
  # distribution connection to happen).
  def send(dest, msg, _options) do
    :erlang.send(dest, msg)
    :ok
  end

  def send_after(dest, msg, time, opts \\ []) do
    case opts do
      [] -> :erlang.send_after(time, dest, msg)
      _ -> :erlang.send_after(time, dest, msg, opts)
    end
  end

  def cancel_timer(ref, opts \\ []) do
    case opts do
      [] -> :erlang.cancel_timer(ref)
      _ -> :erlang.cancel_timer(ref, opts)
    end
  end

  def read_timer(ref), do: :erlang.read_timer(ref)

  def spawn(fun, opts) when is_function(fun, 0), do: spawn_with(fun, opts)
  def spawn(mod, fun, args, opts), do: spawn_with(fn -> apply(mod, fun, args) end, opts)

  defp spawn_with(fun, opts) do
    if :erlang.function_exported(:erlang, :spawn_opt, 2) do
      :erlang.spawn_opt(fun, opts)
    else
      pid =
        case :lists.member(:link, opts) do
          true -> :erlang.spawn_link(fun)
          false -> :erlang.spawn(fun)
        end
      case :lists.member(:monitor, opts) do
        true -> {pid, :erlang.monitor(:process, pid)}
        false -> pid
      end
    end
  end

  def hibernate(mod, fun, args), do: apply(mod, fun, args)

  def register(pid_or_port, name)
      when is_atom(name) and name != nil and name != false and name != true and name != :undefined do
    try do
      :erlang.register(name, pid_or_port)
    catch
      :error, :badarg ->
        message =
          "could not register " <> inspect(pid_or_port) <> " with name " <> inspect(name) <>
            " because it is not alive, the name is already taken, or it has already been given another name"
        :erlang.error(ArgumentError.exception(message))
    end
  end

  def unregister(name), do: :erlang.unregister(name)

  def whereis(name) do
    case :erlang.whereis(name) do
      :undefined -> nil
      pid -> pid
    end
  end

  def registered(), do: :erlang.registered()

  def list() do
    if :erlang.function_exported(:erlang, :processes, 0) do
      :erlang.processes()
    else
      :erlang.error(:undef)
    end
  end

  # ---- the process dictionary ----

  def get() do
    if :erlang.function_exported(:erlang, :get, 0), do: :erlang.get(), else: []
  end

  def get(key, default \\ nil) do
    case :erlang.get(key) do
      :undefined -> default
      v -> v
    end
  end

  def get_keys() do
    if :erlang.function_exported(:erlang, :get_keys, 0), do: :erlang.get_keys(), else: for({k, _} <- get(), do: k)
  end

  def get_keys(value) do
    if :erlang.function_exported(:erlang, :get_keys, 1) do
      :erlang.get_keys(value)
    else
      for {k, v} <- get(), v === value, do: k
    end
  end

  def put(key, value) do
    case :erlang.put(key, value) do
      :undefined -> nil
      v -> v
    end
  end

  def delete(key) do
    case :erlang.erase(key) do
      :undefined -> nil
      v -> v
    end
  end

  # ---- info ----

  def info(pid) do
    if :erlang.function_exported(:erlang, :process_info, 1) do
      case :erlang.process_info(pid) do
        :undefined -> nil
        other -> other
      end
    else
      case alive?(pid) do
        false -> nil
        true -> info(pid, [:registered_name, :message_queue_len, :trap_exit, :links, :dictionary]) |> drop_empty_name()
      end
    end
  end

  defp drop_empty_name([{:registered_name, []} | rest]), do: rest
  defp drop_empty_name(list), do: list

  def info(pid, spec) when is_list(spec) do
    if :erlang.function_exported(:erlang, :process_info, 2) do
      case :erlang.process_info(pid, spec) do
        :undefined -> nil
        other -> other
      end
    else
      case alive?(pid) do
        false -> nil
        true -> for item <- spec, do: fallback_info(pid, item)
      end
    end
  end

  def info(pid, :registered_name) do
    case info_item(pid, :registered_name) do
      nil -> nil
      [] -> {:registered_name, []}
      other -> other
    end
  end

  def info(pid, item) when is_atom(item), do: info_item(pid, item)

  defp info_item(pid, item) do
    if :erlang.function_exported(:erlang, :process_info, 2) do
      case :erlang.process_info(pid, item) do
        :undefined -> nil
        other -> other
      end
    else
      case alive?(pid) do
        false -> nil
        true -> fallback_info(pid, item)
      end
    end
  end

  # What the prelude can tell without :erlang.process_info/2.
  defp fallback_info(pid, :registered_name) do
    names = for name <- :erlang.registered(), :erlang.whereis(name) == pid, do: name
    case names do
      [name | _] -> {:registered_name, name}
      [] -> {:registered_name, []}
    end
  end

  defp fallback_info(pid, :message_queue_len) do
    case pid == self() do
      true -> {:message_queue_len, :ciex.mailbox_len()}
      false -> :erlang.error(:undef)
    end
  end

  defp fallback_info(pid, :dictionary) when pid == self(), do: {:dictionary, get()}
  defp fallback_info(_pid, :current_stacktrace), do: {:current_stacktrace, []}
  defp fallback_info(_pid, :status), do: {:status, :waiting}
  defp fallback_info(_pid, _item), do: :erlang.error(:undef)
end
