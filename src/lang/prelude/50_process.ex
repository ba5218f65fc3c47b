# Process: the functions of Elixir's Process module over the :erlang BIFs.
defmodule Process do
  def group_leader(), do: :erlang.group_leader()
  def sleep(ms) do
    receive do
    after
      ms -> :ok
    end
  end
  def alive?(pid), do: :erlang.is_process_alive(pid)
  def monitor(pid), do: :erlang.monitor(:process, pid)
  def demonitor(ref, opts \\ []), do: :erlang.demonitor(ref, opts)
  def link(pid), do: :erlang.link(pid)
  def unlink(pid), do: :erlang.unlink(pid)
  def flag(flag, value), do: :erlang.process_flag(flag, value)
  def exit(pid, reason), do: :erlang.exit(pid, reason)
  def send(dest, msg, _opts), do: :erlang.send(dest, msg)
  def send_after(dest, msg, ms, _opts \\ []), do: :erlang.send_after(ms, dest, msg)
  def cancel_timer(ref, _opts \\ []), do: :erlang.cancel_timer(ref)
  def register(pid, name), do: :erlang.register(name, pid)
  def unregister(name), do: :erlang.unregister(name)
  def whereis(name) do
    case :erlang.whereis(name) do
      :undefined -> nil
      pid -> pid
    end
  end
  def registered(), do: :erlang.registered()
  def get(key, default \\ nil) do
    case :erlang.get(key) do
      :undefined -> default
      v -> v
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
end

