# Node B: sends A a regex, matches with the one A sends back, and runs
# Regex on A through rpc with a regex made here.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
true = Node.connect(a)
send({:main, a}, {:regex, self(), ~r/(?<greet>hello)/i})
r =
  receive do
    {:regex, _from, r} -> r
  end
IO.inspect(r, label: "B got")
IO.inspect(Regex.run(r, "item 42-café!"), label: "run")
IO.inspect(Regex.named_captures(r, "7-x 8-y"), label: "named_captures")
IO.inspect(Regex.scan(r, "1-a 22-bb", capture: :all_but_first), label: "scan")
IO.inspect(Regex.names(r), label: "names")
IO.inspect(Regex.replace(r, "1-a", "\\2=\\1"), label: "replace")
IO.inspect(Regex.match?(r, "no digits"), label: "match?")
IO.inspect(:rpc.call(a, Regex, :run, [~r/b+/, "abbbc"]), label: "rpc run")
IO.inspect(:rpc.call(a, String, :split, ["a1b22c", ~r/\d+/]), label: "rpc split")
IO.inspect(:rpc.call(a, Kernel, :inspect, [~r/a\/b/ms]), label: "rpc inspect")
send({:main, a}, {:done, self()})
receive do
  :ok -> :ok
end
