# Uncaught UndefinedFunctionError: the module is not available.
IO.puts("calling a missing module")
mod = Enum.at([NoSuch.Module], 0)
mod.hello(1, 2)
IO.puts("never printed")
