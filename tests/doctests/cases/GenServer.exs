# The iex> examples of GenServer's documentation (Elixir 1.14.0),
# written by extract.exs: do not edit, run `make doctests-extract`.
[
{"GenServer.moduledoc.1", 357, "raises on the BEAM too", "require GenServer\nIO.puts(\"1> \" <> inspect((\n {:ok, pid} = Stack.start_link([])\n :sys.statistics(pid, true) # turn on collecting process statistics\n :sys.trace(pid, true) # turn on event printing\n Stack.push(pid, 1)\n), limit: :infinity, printable_limit: :infinity))\n"},
{"GenServer.moduledoc.2", 365, "raises on the BEAM too", "require GenServer\nIO.puts(\"1> \" <> inspect((\n :sys.get_state(pid)\n), limit: :infinity, printable_limit: :infinity))\n"},
{"GenServer.moduledoc.3", 368, "raises on the BEAM too", "require GenServer\nIO.puts(\"1> \" <> inspect((\n Stack.pop(pid)\n), limit: :infinity, printable_limit: :infinity))\n"},
{"GenServer.moduledoc.4", 373, "raises on the BEAM too", "require GenServer\nIO.puts(\"1> \" <> inspect((\n :sys.statistics(pid, :get)\n), limit: :infinity, printable_limit: :infinity))\n"},
{"GenServer.moduledoc.5", 383, "raises on the BEAM too", "require GenServer\nIO.puts(\"1> \" <> inspect((\n :sys.no_debug(pid) # turn off all debug handlers\n), limit: :infinity, printable_limit: :infinity))\n"},
{"GenServer.moduledoc.6", 386, "raises on the BEAM too", "require GenServer\nIO.puts(\"1> \" <> inspect((\n :sys.get_status(pid)\n), limit: :infinity, printable_limit: :infinity))\n"}
]
