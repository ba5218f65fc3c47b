# A Supervisor (:one_for_one) restarting the article's KV GenServer
# (verbatim) after Process.exit(pid, :kill); state starts afresh.
defmodule KV do
use GenServer
@moduledoc """
A simple key-value server.
"""
@impl true
def init(_) do
{:ok, %{}}
end
@impl true
def handle_call({:get, key}, _, state) do
{:reply, Map.get(state, key), state}
end
@impl true
def handle_call({:set, key, value}, _, state) do
{:reply, {key, value}, Map.put(state, key, value)}
end
@impl true
def handle_call(:keys, _, state) do
{:reply, Map.keys(state), state}
end
end

defmodule Wait do
  def down(ref) do
    receive do
      {:DOWN, ^ref, :process, _, reason} -> reason
    end
  end

  # Poll until `name` is registered to a pid other than `old`.
  def new_pid(name, old, tries \\ 100) do
    case Process.whereis(name) do
      pid when is_pid(pid) and pid != old -> pid
      _ when tries > 0 -> Process.sleep(10); new_pid(name, old, tries - 1)
      _ -> :not_restarted
    end
  end
end

children = [
  %{id: :kv_a, start: {GenServer, :start_link, [KV, nil, [name: :kv_a]]}},
  %{id: :kv_b, start: {GenServer, :start_link, [KV, nil, [name: :kv_b]]}}
]
{:ok, sup} = Supervisor.start_link(children, strategy: :one_for_one)
IO.inspect(is_pid(sup), label: "supervisor started")
IO.inspect(Supervisor.count_children(sup), label: "count_children")
IO.inspect(Supervisor.which_children(sup) |> Enum.map(fn {id, pid, type, mods} -> {id, is_pid(pid), type, mods} end), label: "which_children")
GenServer.call(:kv_a, {:set, :x, 1})
GenServer.call(:kv_b, {:set, :y, 2})
old_a = Process.whereis(:kv_a)
old_b = Process.whereis(:kv_b)
ref = Process.monitor(old_a)
Process.exit(old_a, :kill)
IO.inspect(Wait.down(ref), label: "kv_a killed")
new_a = Wait.new_pid(:kv_a, old_a)
IO.inspect(is_pid(new_a) and new_a != old_a, label: "kv_a restarted with a new pid")
IO.inspect(GenServer.call(:kv_a, :keys), label: "restarted kv_a has fresh state")
IO.inspect(Process.whereis(:kv_b) == old_b, label: "one_for_one: kv_b untouched")
IO.inspect(GenServer.call(:kv_b, :keys), label: "kv_b keeps its state")
IO.inspect(Supervisor.terminate_child(sup, :kv_b), label: "terminate_child")
IO.inspect(Process.whereis(:kv_b), label: "kv_b gone")
IO.inspect(Supervisor.restart_child(sup, :kv_b) |> elem(0), label: "restart_child")
IO.inspect(GenServer.call(:kv_b, :keys), label: "kv_b back, empty")
IO.inspect(Supervisor.delete_child(sup, :kv_b), label: "delete_child needs a stopped child")
Supervisor.terminate_child(sup, :kv_b)
IO.inspect(Supervisor.delete_child(sup, :kv_b), label: "delete_child")
{:ok, c} = Supervisor.start_child(sup, %{id: :kv_c, start: {GenServer, :start_link, [KV, nil, [name: :kv_c]]}})
IO.inspect(Process.whereis(:kv_c) == c, label: "start_child")
IO.inspect(Supervisor.count_children(sup).active, label: "active children")
sref = Process.monitor(sup)
IO.inspect(Supervisor.stop(sup), label: "Supervisor.stop")
IO.inspect(Wait.down(sref), label: "supervisor down")
IO.inspect({Process.whereis(:kv_a), Process.whereis(:kv_c)}, label: "children stopped with it")
