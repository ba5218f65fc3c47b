# Node B: :erlang.phash2/1,2 and phash/2 of terms made on B (its pids and
# references among them) agree with what node A computes for the same
# terms, whatever kind each node is: hash-based sharding agrees.
import Bitwise
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
true = Node.connect(a)
terms = [
  {"atom", :a}, {"utf8 atom", :"héllo_日本"}, {"small int", 42}, {"negative", -7},
  {"big int", 1 <<< 100}, {"float", 2.5}, {"minus zero", -0.0}, {"binary", "hello"},
  {"bitstring", <<1::5>>}, {"charlist", ~c"abc"}, {"improper list", [1 | 2]},
  {"tuple", {:ok, [1, 2], %{a: 1}}}, {"large map", Map.new(1..50, &{&1, "v#{&1}"})},
  {"own pid", self()}, {"own ref", make_ref()}, {"node name", node()},
  {"export", &Enum.map/2}, {"a's main", :rpc.call(a, Process, :whereis, [:main])}
]
for {label, t} <- terms do
  mine = {:erlang.phash2(t), :erlang.phash2(t, 1000), apply(:erlang, :phash, [t, 65536])}
  theirs = {:rpc.call(a, :erlang, :phash2, [t]), :rpc.call(a, :erlang, :phash2, [t, 1000]),
            :rpc.call(a, :erlang, :phash, [t, 65536])}
  IO.puts("#{label}: #{if mine == theirs, do: "same", else: "differ: #{inspect(mine)} here, #{inspect(theirs)} on A"}")
end
send({:main, a}, :halt)
