# IO.gets and IO.read with stdin at its end (the test runs with no input):
# the prompt is written, and the answer is :eof.
IO.inspect(IO.gets("prompt? "))
IO.inspect(IO.read(:line))
IO.inspect(IO.read(:stdio, :line))
