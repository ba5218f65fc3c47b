# Code.string_to_quoted_with_comments/2 and its ! version: the AST and the
# comments with their line, column and the newlines around them.
for s <- [":foo\n\n# Hello, world!\n\n\n# Some more comments!\n", ":foo # :bar", "# a\n# b\n1\n",
          "1 # x\n\n\n2 # y", "\n\n  # indented\nfoo()", "# only", "[\n  1, # one\n  2\n]",
          "a = \"#{1}\" # c\n", "x\r\n# crlf\r\n\r\ny", "# a\n  \n# b", "# a\n\t\n\n x", "1\n  \n  # c\n",
          "é = 1 # c", "\"\"\"\nheredoc # no\n\"\"\" # yes", "'#' ++ [?#] # real", "1;  # c\n2"] do
  IO.puts(inspect(Code.string_to_quoted_with_comments(s)))
end
IO.puts(inspect(Code.string_to_quoted_with_comments("1 +", [])))
IO.puts(inspect(Code.string_to_quoted_with_comments("# c\n1", line: 10)))
IO.puts(inspect(Code.string_to_quoted_with_comments!("1 # c", columns: true)))
try do
  Code.string_to_quoted_with_comments!("1 + # c\n)")
rescue
  e -> IO.puts("** (#{inspect(e.__struct__)}) #{e |> Exception.message() |> String.split("\n") |> hd()}")
end
