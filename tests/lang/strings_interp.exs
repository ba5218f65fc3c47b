# Interpolation and heredocs.
name = "world"
n = 3
IO.puts("hello #{name}")
IO.puts("n=#{n} n+1=#{n + 1} nested=#{"in#{n}ner"}")
IO.puts("atom #{:ok} float #{1.5} list #{[104, 105]} nil[#{nil}]")
IO.puts("charlist #{'abc'} bignum #{2 * 9_223_372_036_854_775_807}")
IO.puts("expr #{if n > 2, do: "big", else: "small"}")
IO.puts("inspect #{inspect({:a, [1, 2]})}")
IO.puts("#{n}#{n}")
IO.puts("tail #{n}")
doc = """
  first line
    indented
  last line with #{name}
  """
IO.inspect(doc, label: "heredoc stripped")
doc2 = """
no indent
"""
IO.inspect(doc2, label: "heredoc plain")
doc3 = """
line \
continued
"""
IO.inspect(doc3, label: "heredoc continuation")
doc4 = """
has "quotes" and 'single'
"""
IO.inspect(doc4, label: "heredoc quotes")
cl = '''
charlist heredoc
'''
IO.inspect(cl, label: "charlist heredoc")
sig = ~S"""
raw #{x} \n
"""
IO.inspect(sig, label: "~S heredoc")
IO.inspect("a" <> "b" <> "#{n}", label: "concat with interp")
IO.inspect(to_string(:abc) <> "!", label: "to_string concat")
IO.inspect("#{}", label: "empty interpolation")
multi = "x=#{
  1 +
    2
}"
IO.inspect(multi, label: "multiline interp")
