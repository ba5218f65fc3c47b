# Node B: GenServer.multi_call/abcast over [node() | Node.list()], :erpc's
# multicall, multicast and requests, :rpc's multicall, async_call and
# yield, against A (and a node that does not exist).
defmodule Echo do
  use GenServer
  def init(state), do: {:ok, state}
  def handle_call(:who, _from, state), do: {:reply, {node(), state}, state}
  def handle_call(:slow, _from, state), do: {:reply, :fast, state}

  def handle_cast({:note, from}, state) do
    send(from, {:noted, node()})
    {:noreply, state}
  end
end

defmodule T do
  def show(label, fun) do
    result =
      try do
        fun.()
      catch
        kind, reason -> {:caught, kind, reason}
      end
    IO.inspect(result, label: label)
  end
end

[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
bad = :erlang.binary_to_atom("nobody@" <> host)
b = node()
Process.register(self(), :main)
true = Node.connect(a)
{:ok, _} = GenServer.start(Echo, :b, name: :echo)

IO.puts("-- GenServer")
T.show("multi_call/2", fn -> GenServer.multi_call(:echo, :who) end)
T.show("multi_call/3 with a bad node", fn -> GenServer.multi_call([a, bad], :echo, :who) end)
T.show("multi_call/3 no such server", fn -> GenServer.multi_call([a], :no_such_server, :who) end)
T.show("multi_call/4 timeout", fn -> GenServer.multi_call([b, a], :echo, :slow, 100) end)
T.show("multi_call/4 bad timeout", fn -> GenServer.multi_call([a], :echo, :who, :soon) end)
T.show("abcast/2", fn -> GenServer.abcast(:echo, {:note, self()}) end)
receive do
  {:noted, ^a} -> IO.puts("noted on A")
end
receive do
  {:noted, ^b} -> IO.puts("noted on B")
end
T.show("abcast/3 with a bad node", fn -> GenServer.abcast([a, bad], :echo, {:note, self()}) end)
receive do
  {:noted, ^a} -> IO.puts("noted on A")
end

IO.puts("-- :erpc.multicall")
T.show("node", fn -> :erpc.multicall([b, a], :erlang, :node, []) end)
T.show("bad node", fn -> :erpc.multicall([a, bad], :erlang, :+, [1, 2]) end)
T.show("undef", fn -> :erpc.multicall([a], :erlang, :no_such_function, []) end)
T.show("error", fn -> :erpc.multicall([a], :erlang, :error, [:boom]) end)
T.show("throw", fn -> :erpc.multicall([a, b], :erlang, :throw, [:ball]) end)
T.show("exit", fn -> :erpc.multicall([a, b], :erlang, :exit, [:bye]) end)
T.show("timeout", fn -> :erpc.multicall([b, a], :timer, :sleep, [300], 100) end)
T.show("elixir module", fn -> :erpc.multicall([a, b], String, :upcase, ["abc"], 5000) end)
T.show("badarg module", fn -> :erpc.multicall([a], "erlang", :node, []) end)
T.show("badarg nodes", fn -> :erpc.multicall([a | :x], :erlang, :node, []) end)
T.show("badarg timeout", fn -> :erpc.multicall([a], :erlang, :node, [], -1) end)
T.show("multicast", fn -> :erpc.multicast([a], :erlang, :send, [{:main, b}, :multicast_hello]) end)
receive do
  :multicast_hello -> IO.puts("multicast ran on A")
end

IO.puts("-- :rpc.multicall")
T.show("node", fn -> :rpc.multicall(:erlang, :node, []) end)
T.show("bad node", fn -> :rpc.multicall([a, bad], :erlang, :node, []) end)
T.show("undef", fn -> :rpc.multicall([a], :erlang, :no_such_function, []) end)
T.show("throw", fn -> :rpc.multicall([a], :erlang, :throw, [:ball]) end)
T.show("exit", fn -> :rpc.multicall([a], :erlang, :exit, [:bye]) end)
T.show("timeout", fn -> :rpc.multicall([b, a], :timer, :sleep, [300], 100) end)
T.show("multicall/4 timeout", fn -> :rpc.multicall(:erlang, :node, [], 5000) end)
T.show("badarg", fn -> :rpc.multicall([a], "erlang", :node, []) end)

IO.puts("-- :rpc.async_call")
T.show("yield", fn -> :rpc.yield(:rpc.async_call(a, :erlang, :+, [1, 2])) end)
key = :rpc.async_call(a, :timer, :sleep, [200])
T.show("nb_yield/1", fn -> :rpc.nb_yield(key) end)
T.show("nb_yield/2", fn -> :rpc.nb_yield(key, 2000) end)
T.show("bad node", fn -> :rpc.yield(:rpc.async_call(bad, :erlang, :node, [])) end)
T.show("error", fn -> :rpc.yield(:rpc.async_call(a, :erlang, :error, [:boom])) end)
T.show("throw", fn -> :rpc.yield(:rpc.async_call(a, :erlang, :throw, [:ball])) end)
T.show("badarg", fn -> :rpc.async_call(a, "erlang", :node, []) end)

IO.puts("-- :erpc.send_request")
T.show("receive_response", fn -> :erpc.receive_response(:erpc.send_request(a, :erlang, :node, [])) end)
T.show("timeout", fn -> :erpc.receive_response(:erpc.send_request(a, :timer, :sleep, [300]), 50) end)
req = :erpc.send_request(a, :timer, :sleep, [100])
T.show("wait_response/1", fn -> :erpc.wait_response(req) end)
T.show("wait_response/2", fn -> :erpc.wait_response(req, 2000) end)
req = :erpc.send_request(a, :erlang, :node, [])
T.show("check_response", fn ->
  receive do
    msg -> :erpc.check_response(msg, req)
  end
end)
T.show("check_response other", fn -> :erpc.check_response(:other, :erpc.send_request(a, :erlang, :node, [])) end)
T.show("bad node", fn -> :erpc.receive_response(:erpc.send_request(bad, :erlang, :node, [])) end)
T.show("exit", fn -> :erpc.receive_response(:erpc.send_request(a, :erlang, :exit, [:bye])) end)
T.show("badarg", fn -> :erpc.receive_response(:not_a_request) end)

IO.puts("-- :erpc request id collections")
c0 = :erpc.reqids_new()
c1 = :erpc.send_request(a, :erlang, :node, [], :first, c0)
c2 = :erpc.send_request(a, :erlang, :+, [1, 2], :second, c1)
c3 = :erpc.reqids_add(:erpc.send_request(a, :erlang, :error, [:boom]), :third, c2)
IO.inspect(:erpc.reqids_size(c3), label: "reqids_size")
IO.inspect(:erpc.reqids_to_list(c3) |> Enum.map(&elem(&1, 1)) |> Enum.sort(), label: "labels")
# the replies come in any order (the requests run in parallel on a node
# with several schedulers), the error among them: each is checked
# against its label
take = fn coll ->
  try do
    :erpc.receive_response(coll, 5000, true)
  catch
    :error, {{:exception, reason, _stack}, label, rest} -> {{:caught, reason}, label, rest}
  end
end
{r1, l1, c4} = take.(c3)
{r2, l2, c5} = take.(c4)
{r3, l3, c5b} = take.(c5)
replies = Map.new([{l1, r1}, {l2, r2}, {l3, r3}])
IO.inspect(replies.first == a and replies.second == 3, label: "two results with their labels")
{:caught, reason} = replies.third
IO.inspect({:caught, reason, :third, map_size(c5b)}, label: "an error with its label")
IO.inspect(:erpc.receive_response(%{}, 100, true), label: "empty collection")
c6 = :erpc.send_request(a, :timer, :sleep, [100], :sleepy, %{})
IO.inspect(:erpc.wait_response(c6, 0, false), label: "wait_response/3 at once")
{{:response, :ok}, :sleepy, c7} = :erpc.wait_response(c6, 5000, false)
IO.inspect(map_size(c7), label: "kept in the collection")
c8 = :erpc.send_request(a, :timer, :sleep, [1000], :slow, %{})
IO.inspect(
  try do
    :erpc.receive_response(c8, 50, false)
  catch
    :error, reason -> reason
  end,
  label: "timeout of a collection"
)
c9 = :erpc.send_request(a, :erlang, :node, [], :checked, %{})
[req9] = Map.keys(c9)
msg =
  receive do
    {:DOWN, ^req9, _, _, _} = m -> m
  end
{{:response, node_a}, :checked, c10} = :erpc.check_response(msg, c9, true)
IO.inspect({node_a == a, map_size(c10)}, label: "check_response/3")
IO.inspect(:erpc.check_response(:other, c9, true), label: "check_response/3 other")
T.show("reqids_add badarg", fn -> :erpc.reqids_add(:x, :l, %{}) end)

send({:main, a}, {:done, self()})
receive do
  :ok -> :ok
end
