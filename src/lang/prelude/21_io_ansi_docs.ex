# IO.ANSI.Docs: Markdown documentation printed as iex prints it.  With
# enabled: false (a pipe) the text keeps its Markdown marks: paragraphs
# re-wrapped at :width columns, headings as written, code blocks (indented
# or fenced) indented by 4, list items with a hanging indent.  With
# enabled: true, headings and code are coloured and inline `code` loses
# its backticks.
defmodule IO.ANSI.Docs do
  @width 80

  # The heading of a doc, centred in :width columns.
  def print_headings(headings, options \\ []) do
    enabled = Keyword.get(options, :enabled, true)
    width = Keyword.get(options, :width, @width)
    if enabled, do: IO.write(IO.ANSI.reset())
    IO.write("\n")
    Enum.each(headings, fn heading ->
      padding = div(width + String.length(heading), 2)
      line = String.pad_leading(heading, padding)
      if enabled,
        do: IO.puts(IEx.color(:doc_title, String.pad_trailing(line, width))),
        else: IO.puts(line)
    end)
    if enabled, do: IO.puts(IO.ANSI.reset()), else: IO.puts("")
  end

  # deprecated/guard/since/delegate_to, one a line, then a blank line.
  def print_metadata(metadata, options \\ []) do
    lines =
      Enum.flat_map([:deprecated, :guard, :since, :delegate_to], fn key ->
        case Map.get(metadata, key) do
          value when is_binary(value) -> [label(key, options) <> " " <> value]
          value when is_boolean(value) -> [label(key, options) <> " " <> Atom.to_string(value)]
          {m, f, a} when key == :delegate_to -> [label(key, options) <> " " <> Exception.format_mfa(m, f, a)]
          _ -> []
        end
      end)
    if lines != [] do
      Enum.each(lines, &IO.puts/1)
      IO.puts("")
    end
  end

  defp label(key, options) do
    text = Atom.to_string(key) <> ":"
    if Keyword.get(options, :enabled, true), do: IEx.color(:doc_headings, text), else: text
  end

  def print(doc, format \\ "text/markdown", options \\ [])
  def print(doc, "text/markdown", options) when is_binary(doc) do
    options = Keyword.merge([enabled: true, width: @width], options)
    doc
    |> String.split(["\r\n", "\n"])
    |> Enum.map(&String.trim_trailing/1)
    |> blocks("", options)
  end
  def print(doc, "application/erlang+html", options) when is_list(doc),
    do: print(IO.iodata_to_binary(Enum.map(doc, &html_block/1)), "text/markdown", options)
  def print(_doc, format, _options) do
    IO.puts("ciex cannot render documentation in the " <> inspect(format) <> " format")
  end

  # ---- OTP's application/erlang+html, as Markdown ----

  defp html_block(text) when is_binary(text), do: text
  defp html_block({tag, _, content}) when tag in [:h1, :h2, :h3, :h4, :h5, :h6] do
    level = String.to_integer(String.trim_leading(Atom.to_string(tag), "h"))
    [String.duplicate("#", level), " ", html_inline(content), "\n\n"]
  end
  defp html_block({:pre, _, content}) do
    code = content |> html_text() |> String.trim_trailing() |> String.split("\n")
    [Enum.map_join(code, "\n", &("    " <> &1)), "\n\n"]
  end
  defp html_block({list, _, items}) when list in [:ul, :ol] do
    items
    |> Enum.with_index(1)
    |> Enum.map(fn {{:li, _, content}, i} ->
      bullet = if list == :ol, do: Integer.to_string(i) <> ". ", else: "* "
      ["  ", bullet, String.replace(String.trim(html_inline(content)), "\n", " "), "\n"]
      {other, _} -> html_block(other)
    end)
    |> Kernel.++(["\n"])
  end
  defp html_block({:div, attributes, content}) do
    class = attributes |> Keyword.get(:class, "") |> to_string() |> String.upcase()
    body = content |> Enum.map(&html_block/1) |> IO.iodata_to_binary() |> String.trim()
    lines = [class, "" | String.split(body, "\n")]
    [Enum.map_join(lines, "\n", fn "" -> "> "; line -> "> " <> line end), "\n\n"]
  end
  defp html_block({:dl, _, content}), do: Enum.map(content, &html_block/1)
  defp html_block({:dt, _, content}), do: ["  * ", html_inline(content), "\n\n"]
  defp html_block({:p, _, content}), do: [html_inline(content), "\n\n"]
  defp html_block({_, _, content}) do
    if Enum.all?(content, &inline?/1),
      do: [html_inline(content), "\n\n"],
      else: Enum.map(content, &html_block/1)
  end

  defp inline?(text) when is_binary(text), do: true
  defp inline?({tag, _, _}), do: tag in [:code, :em, :i, :strong, :b, :a, :br, :span]

  defp html_inline(content) when is_list(content), do: IO.iodata_to_binary(Enum.map(content, &inline/1))

  defp inline(text) when is_binary(text), do: text
  defp inline({:code, _, content}), do: ["`", html_text(content), "`"]
  defp inline({tag, _, content}) when tag in [:em, :i], do: ["*", html_inline(content), "*"]
  defp inline({tag, _, content}) when tag in [:strong, :b], do: ["**", html_inline(content), "**"]
  defp inline({:br, _, _}), do: "\n"
  defp inline({:a, attributes, content}) do
    case Keyword.get(attributes, :href) do
      nil -> html_inline(content)
      href -> [html_inline(content), " (", to_string(href), ")"]
    end
  end
  defp inline({_, _, content}), do: html_inline(content)

  defp html_text(content) when is_list(content), do: Enum.map_join(content, &html_text/1)
  defp html_text(text) when is_binary(text), do: text
  defp html_text({_, _, content}), do: html_text(content)

  # ---- blocks ----

  defp blocks([], _indent, _options), do: :ok
  defp blocks(["" | rest], indent, options), do: blocks(rest, indent, options)
  defp blocks(["#" <> _ = line | rest], indent, options) do
    if heading?(line) do
      write_block(indent <> style(:doc_headings, line, options), options)
      blocks(rest, indent, options)
    else
      paragraph([line | rest], indent, options)
    end
  end
  defp blocks(["```" <> _ | rest], indent, options) do
    {code, rest} = Enum.split_while(rest, fn line -> not String.starts_with?(String.trim_leading(line), "```") end)
    write_code(code, indent, options)
    blocks(Enum.drop(rest, 1), indent, options)
  end
  defp blocks(["    " <> _ | _] = lines, indent, options) do
    {code, rest} = take_code(lines, [])
    write_code(Enum.map(code, &drop_spaces(&1, 4)), indent, options)
    blocks(rest, indent, options)
  end
  defp blocks([line | rest] = lines, indent, options) do
    cond do
      item(line) != nil -> list(lines, indent, options)
      String.starts_with?(line, ">") -> quote_block(lines, indent, options)
      String.starts_with?(line, "|") -> table(lines, indent, options)
      true -> paragraph([line | rest], indent, options)
    end
  end

  defp heading?(line), do: Regex.match?(~r/^#+ /, line)

  # An indented code block runs over blank lines followed by more code.
  defp take_code(["    " <> _ = line | rest], acc), do: take_code(rest, [line | acc])
  defp take_code(["" | rest] = lines, acc) do
    case Enum.drop_while(rest, &(&1 == "")) do
      ["    " <> _ | _] ->
        {blanks, more} = Enum.split_while(rest, &(&1 == ""))
        take_code(more, Enum.map(blanks, fn _ -> "" end) ++ ["" | acc])
      _ -> {Enum.reverse(acc), lines}
    end
  end
  defp take_code(lines, acc), do: {Enum.reverse(acc), lines}

  defp write_code(code, indent, options) do
    text = Enum.map_join(code, "\n", fn line -> indent <> "    " <> line end)
    write_block(style(:doc_code, text, options), options)
  end

  defp quote_block(lines, indent, options) do
    {quoted, rest} = Enum.split_while(lines, &String.starts_with?(&1, ">"))
    text = Enum.map(quoted, fn line -> String.trim_leading(String.replace_prefix(line, ">", "")) end)
    # its paragraphs apart by a line of "> "
    paragraphs = text |> Enum.chunk_by(&(&1 == "")) |> Enum.reject(&(&1 |> hd() == ""))
    shown = Enum.map_join(paragraphs, "\n" <> indent <> "> \n", &wrap(words(&1, options), indent <> "> ", indent <> "> ", :quote))
    write_block(shown, options)
    blocks(rest, indent, options)
  end

  # A table: its rows with the cells joined by " | ", the separator row dropped.
  defp table(lines, indent, options) do
    {rows, rest} = Enum.split_while(lines, &String.starts_with?(&1, "|"))
    text =
      rows
      |> Enum.reject(&Regex.match?(~r/^\|[\s:|-]*$/, &1))
      |> Enum.map_join("\n", fn row ->
        cells = row |> String.trim() |> String.trim_leading("|") |> String.trim_trailing("|") |> String.split("|")
        indent <> Enum.map_join(cells, " | ", &String.trim/1)
      end)
    write_block(text, options)
    blocks(rest, indent, options)
  end

  # A paragraph runs to a blank line or the start of a fenced code block.
  defp paragraph(lines, indent, options) do
    {para, rest} = Enum.split_while(lines, fn line -> line != "" and not String.starts_with?(line, "```") end)
    write_block(wrap(words(para, options), indent, indent, options), options)
    blocks(rest, indent, options)
  end

  # ---- lists ----

  # "* x", "- x", "+ x" or "1. x" after some spaces: {spaces, bullet, text}
  defp item(line) do
    case Regex.run(~r/^( *)([*+-]|\d+\.) (.*)$/, line) do
      [_, spaces, bullet, text] -> {String.length(spaces), bullet, text}
      _ -> nil
    end
  end

  defp list([], _indent, options), do: end_list(options)
  # items apart by blank lines print as one list
  defp list(["" | rest] = lines, indent, options) do
    case Enum.drop_while(rest, &(&1 == "")) do
      [next | _] = more -> if item(next) != nil, do: list(more, indent, options), else: (end_list(options); blocks(lines, indent, options))
      [] -> end_list(options)
    end
  end
  defp list([line | rest] = lines, indent, options) do
    case item(line) do
      nil -> end_list(options); blocks(lines, indent, options)
      {spaces, bullet, text} ->
        bullet = if bullet in ["-", "+"], do: "*", else: bullet
        {body, rest} = item_body(rest, spaces, [])
        {para, more} = Enum.split_while(body, fn l -> l != "" and item(l) == nil end)
        first = indent <> "  " <> bullet <> " "
        hanging = indent <> String.duplicate(" ", String.length(bullet) + 3)
        # in an item a backslash escapes any character, as IO.ANSI.Docs reads it
        item_text = Enum.map([text | para], &String.replace(&1, ~r/\\(.)/, "\\1"))
        {item_words, width} = words(item_text, options)
        # "*  text" keeps its second space
        item_words = if String.starts_with?(text, " "), do: [{"", 0} | item_words], else: item_words
        IO.puts(wrap({item_words, width}, first, hanging, :item))
        dedent = spaces + String.length(bullet) + 1
        case Enum.map(more, &drop_spaces(&1, dedent)) do
          [] -> :ok
          nested -> blocks(nested, indent <> "  ", options)
        end
        list(rest, indent, options)
    end
  end

  defp end_list(options), do: IO.puts(if Keyword.get(options, :enabled), do: IO.ANSI.reset(), else: "")

  # The lines of an item: up to a blank line followed by a line no more
  # indented than the item, or the next item at its level.
  defp item_body([], _spaces, acc), do: {Enum.reverse(acc), []}
  defp item_body(["" | rest] = lines, spaces, acc) do
    case Enum.drop_while(rest, &(&1 == "")) do
      [next | _] -> if indentation(next) > spaces, do: item_body(rest, spaces, ["" | acc]), else: {Enum.reverse(acc), lines}
      [] -> {Enum.reverse(acc), lines}
    end
  end
  defp item_body([line | rest] = lines, spaces, acc) do
    if item(line) != nil and indentation(line) <= spaces,
      do: {Enum.reverse(acc), lines},
      else: item_body(rest, spaces, [line | acc])
  end

  defp indentation(line), do: String.length(line) - String.length(String.trim_leading(line, " "))

  defp drop_spaces(line, n) do
    strip = min(n, indentation(line))
    binary_part(line, strip, byte_size(line) - strip)
  end

  # ---- text ----

  defp write_block(text, options) do
    IO.puts(text)
    IO.puts(if Keyword.get(options, :enabled), do: IO.ANSI.reset(), else: "")
  end

  defp style(kind, text, options) do
    if Keyword.get(options, :enabled), do: IEx.color(kind, text), else: text
  end

  # The words of a paragraph's lines: {shown, visible length}.  Links
  # [text](url) read "text (url)", a doubled backslash one; with colours, `code` spans are cyan
  # without their backticks.
  defp words(lines, options) do
    text =
      lines
      |> Enum.map_join(" ", &String.trim/1)
      |> String.replace(~r/\[([^\]]*)\]\(([^)]*)\)/, "\\1 (\\2)")
      |> String.replace("\\\\", "\\")
    enabled = Keyword.get(options, :enabled)
    {words, _} =
      text
      |> String.split(" ")
      |> Enum.map_reduce(false, fn word, in_code ->
        if enabled, do: code_spans(word, in_code), else: {{word, String.length(word)}, in_code}
      end)
    {words, Keyword.get(options, :width, @width)}
  end

  defp code_spans(word, in_code) do
    {shown, visible, in_code, _} =
      word
      |> String.split("`")
      |> Enum.reduce({"", 0, in_code, true}, fn part, {acc, length, in_code, first} ->
        in_code = if first, do: in_code, else: not in_code
        shown = if in_code and part != "", do: IEx.color(:doc_code, part), else: part
        {acc <> shown, length + String.length(part), in_code, false}
      end)
    {{shown, visible}, in_code}
  end

  # Lines of at most width columns: the first starts with `first`, the
  # others with `hanging`.
  # A paragraph's lines are at most width - 1 columns; a list item's first
  # line at most width - 5 and its other lines width - 1, as IO.ANSI.Docs
  # counts them.
  defp wrap({words, width}, first, hanging, :item), do: wrap(words, first, hanging, width - 5, width - 1)
  # a quote's text is wrapped as a paragraph, after its "> "
  defp wrap({words, width}, first, hanging, :quote), do: wrap(words, first, hanging, width + 1, width + 1)
  defp wrap({words, width}, first, hanging, _options), do: wrap(words, first, hanging, width - 1, width - 1)

  defp wrap(words, first, hanging, first_max, rest_max) do
    {lines, line, _, _} =
      Enum.reduce(words, {[], first, nil, first_max}, fn {shown, visible}, {lines, line, used, max} ->
        cond do
          used == nil -> {lines, line <> shown, String.length(first) + visible, max}
          used + 1 + visible > max -> {[line | lines], hanging <> shown, String.length(hanging) + visible, rest_max}
          true -> {lines, line <> " " <> shown, used + 1 + visible, max}
        end
      end)
    Enum.join(Enum.reverse([line | lines]), "\n")
  end
end
