# Node A: matches with a regex B compiled, then sends B one of its own.
Process.register(self(), :main)
IO.puts("READY")
receive do
  {:regex, from, r} ->
    IO.inspect(r, label: "A got")
    IO.inspect(Regex.regex?(r), label: "regex?")
    IO.inspect(Regex.source(r), label: "source")
    IO.inspect(Regex.opts(r), label: "opts")
    IO.inspect(Regex.match?(r, "say HELLO"), label: "match?")
    IO.inspect(Regex.run(r, "say Hello there"), label: "run")
    IO.inspect(Regex.run(r, "say Hello there", return: :index), label: "run index")
    IO.inspect(Regex.scan(r, "hello HeLLo"), label: "scan")
    IO.inspect(Regex.named_captures(r, "oh hello"), label: "named_captures")
    IO.inspect(Regex.names(r), label: "names")
    IO.inspect(Regex.replace(r, "hello and hello", "bye"), label: "replace")
    IO.inspect(Regex.split(r, "a hello b HELLO c"), label: "split")
    IO.inspect(String.split("a hello b", r), label: "String.split")
    IO.inspect("xhellox" =~ r, label: "=~")
    IO.inspect(Regex.recompile!(r), label: "recompile!")
    send(from, {:regex, self(), ~r/(?<num>\d+)-(?<word>\w+)/u})
end
receive do
  {:done, from} -> send(from, :ok)
end
