# Process: Elixir 1.14's Process module over the :erlang BIFs.
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

  def send(dest, msg, options), do: :erlang.send(dest, msg, options)

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

  def spawn(fun, opts) when is_function(fun, 0), do: :erlang.spawn_opt(fun, opts)
  def spawn(mod, fun, args, opts), do: :erlang.spawn_opt(mod, fun, args, opts)

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

  def list(), do: :erlang.processes()

  # ---- the process dictionary ----

  # get/0 and get_keys/0,1 wait for :erlang.get/0 and :erlang.get_keys/0,1
  # in the VM; until then the whole dictionary reads as empty.
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

  def info(pid), do: nillify(:erlang.process_info(pid))

  def info(pid, :registered_name) do
    case :erlang.process_info(pid, :registered_name) do
      :undefined -> nil
      [] -> {:registered_name, []}
      other -> other
    end
  end

  def info(pid, spec) when is_atom(spec) or is_list(spec), do: nillify(:erlang.process_info(pid, spec))

  defp nillify(:undefined), do: nil
  defp nillify(other), do: other
end
