# Node B: sends A big binaries and maps, some back to back, and checks
# what comes back and what A says it received.
[_, host] = :binary.split(:erlang.atom_to_binary(node()), "@")
a = :erlang.binary_to_atom("a@" <> host)
IO.inspect(Node.connect(a), label: "connect")
echo = {:echo, a}
pattern = :binary.list_to_bin(Enum.to_list(0..255))
sizes = [0, 1, 65_531, 65_532, 65_536, 65_537, 1_000_000, 4_194_304 + 3]
bins = for s <- sizes, do: :binary.part(:binary.copy(pattern, div(s, 256) + 1), 0, s)
ints = Map.new(1..40_000, fn i -> {i * 7919 - 100_000, i} end)
strs = Map.new(1..40_000, fn i -> {"key#{i}", i} end)
mixed = Map.new(1..5_000, fn i -> {if(rem(i, 2) == 0, do: i, else: "k#{i}"), {i}} end)
# a big bitstring; more big binaries in one message than a write takes
# at once; big binaries among small terms; one inside an encoded term
bits = <<:binary.copy(pattern, 400)::binary, 5::3>>
many = for i <- 1..40, do: {i, :binary.copy(<<i>>, 65_536 + i), "after #{i}"}
packed = :erlang.term_to_binary({many, bits})
terms = bins ++ [ints, strs, mixed, {bins, strs}, bits, many, packed, {packed, :erlang.binary_to_term(packed)}]
describe = fn
  b when is_binary(b) -> {:binary, byte_size(b), :erlang.phash2(b)}
  m when is_map(m) -> {:map, map_size(m), :erlang.phash2(Enum.sort(Map.to_list(m)))}
end
# one at a time
for t <- terms do
  send(echo, {:echo, self(), t})
  receive do
    {:back, back} -> IO.puts("round trip #{back === t}")
  after
    10_000 -> IO.puts("no answer")
  end
end
# all at once: the frames queue behind each other
for t <- terms, do: send(echo, {:echo, self(), t})
backs = for _ <- terms, do: (receive do {:back, b} -> b after 10_000 -> :none end)
IO.inspect(backs === terms, label: "back to back")
# what A received, as A sees it
for t <- bins ++ [ints, strs, mixed] do
  send(echo, {:describe, self(), t})
  receive do
    {:described, d} -> IO.puts("#{elem(d, 0)} #{elem(d, 1)} #{d == describe.(t)}")
  after
    10_000 -> IO.puts("no answer")
  end
end
IO.inspect(Map.get(strs, "key40000"), label: "strs key40000")
# a binary that came in a big message, as a part of another term
send(echo, {:echo, self(), {bins, many}})
receive do
  {:back, {bins2, many2}} ->
    IO.inspect(:erlang.binary_to_term(:erlang.term_to_binary(many2)) === many, label: "many again")
    IO.inspect(:binary.part(List.last(bins2), 4_000_000, 7), label: "a part")
    IO.inspect(byte_size(Enum.at(bins2, 6) <> "x"), label: "appended")
after
  10_000 -> IO.puts("no answer")
end
send(echo, {:bye, self()})
receive do
  :bye -> IO.puts("bye")
after
  5000 -> IO.puts("no bye")
end
