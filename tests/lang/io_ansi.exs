# IO.ANSI: every sequence function, 256 colours, cursor movement,
# format/2 and format_fragment/2 (the nested iodata they build, the reset
# format/2 appends), enabled?/0 in a script, and bad input.
for {f, 0} <- IO.ANSI.__info__(:functions), f not in [:enabled?, :syntax_colors] do
  v = apply(IO.ANSI, f, [])
  formats = try do IO.ANSI.format([f], true) == [[] | v] or IO.ANSI.format([f], true) == [[[] | v] | "\e[0m"] rescue _ -> false end
  IO.puts "#{f} #{inspect v} #{formats}"
end
IO.inspect IO.ANSI.syntax_colors()
IO.inspect IO.ANSI.enabled?()
IO.inspect [IO.ANSI.color(3), IO.ANSI.color(1, 2, 3), IO.ANSI.color_background(200), IO.ANSI.color_background(5, 0, 0),
            IO.ANSI.color(0), IO.ANSI.color(255), IO.ANSI.color(5, 5, 5)]
IO.inspect [IO.ANSI.cursor(3, 4), IO.ANSI.cursor(0, 0), IO.ANSI.cursor_up(), IO.ANSI.cursor_up(5), IO.ANSI.cursor_down(2),
            IO.ANSI.cursor_left(), IO.ANSI.cursor_right(7)]
for f <- [fn -> IO.ANSI.color(256) end, fn -> IO.ANSI.color(6, 0, 0) end, fn -> IO.ANSI.format([:nope], true) end,
          fn -> IO.ANSI.format([:nope], false) end, fn -> IO.ANSI.format_fragment([:nope], true) end,
          fn -> IO.ANSI.format([:red], :yes) end, fn -> IO.ANSI.cursor_up(0) end, fn -> IO.ANSI.cursor(-1, 0) end] do
  try do
    IO.inspect f.()
  rescue
    e -> IO.puts "#{inspect(e.__struct__)}: #{Exception.message(e)}"
  end
end
IO.inspect IO.ANSI.format(["Hello, ", :red, :bright, "world!"], true)
IO.inspect IO.ANSI.format_fragment([:bright, 'Word'], true)
IO.inspect IO.ANSI.format([:red, "x"])
IO.inspect IO.ANSI.format([:red, "x"], false)
IO.inspect IO.ANSI.format("plain", true)
IO.inspect IO.ANSI.format([], true)
IO.inspect IO.ANSI.format([:red], true)
IO.inspect IO.ANSI.format(["a", ["b", :blue], :reset, ?c], true)
IO.inspect IO.ANSI.format_fragment([:red, "x"], true)
IO.inspect IO.ANSI.format_fragment([:red, "x"], false)
IO.inspect IO.ANSI.format_fragment(:red, true)
IO.inspect IO.ANSI.format([[:green, [:bright]], 'é', "ok"], true) |> IO.iodata_to_binary()
IO.puts IO.ANSI.format([:green, "ok"], true)
IO.puts [IO.ANSI.red(), "red", IO.ANSI.reset(), " ", IO.ANSI.color(208), "orange", IO.ANSI.reset()]
IO.write IO.ANSI.format([:clear, :home, :clear_line], true)
IO.puts ""
