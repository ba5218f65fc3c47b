# System.get_env/1,2: a set variable is a binary, an unset one nil or the default.
IO.inspect(is_binary(System.get_env("PATH")))
IO.inspect(System.get_env("CIEX_SURELY_UNSET_VARIABLE"))
IO.inspect(System.get_env("CIEX_SURELY_UNSET_VARIABLE", "fallback"))
IO.inspect(System.get_env("PATH", "fallback") == System.get_env("PATH"))
