# Node b: tries the locks a holds, and others.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
true = Node.connect(a)
:global.sync()
tell = fn step ->
  send({:main, a}, {:step, step, self()})
  receive do
    :ok -> :ok
  end
end
tell.(:lock)
IO.inspect(:global.set_lock({:res, self()}, [node() | Node.list()], 0), label: "b set_lock while a holds it")
IO.inspect(:global.trans({:res, self()}, fn -> :ran end, [node() | Node.list()], 0), label: "b trans while a holds it")
IO.inspect(:global.set_lock({:other, self()}), label: "b set_lock other resource")
IO.inspect(:global.del_lock({:other, self()}), label: "b del_lock other")
tell.(:unlock)
IO.inspect(:global.trans({:res, self()}, fn -> :ran end), label: "b trans after a let go")
IO.inspect(:global.set_lock({:res, self()}), label: "b set_lock")
IO.inspect(:global.set_lock({:res, self()}), label: "b set_lock again (same requester)")
IO.inspect(:global.del_lock({:res, self()}), label: "b del_lock")
tell.(:halt)
