# The report of a process that ends with an error (or throw) nothing
# caught, as Elixir's logger prints the emulator's "Error in process"
# report: the VM spawns report/4 with the dead process's pid and exception.
# The text is made by :ciex_log (68_logger.ex).
defmodule :ciex_crash do
  def report(pid, kind, reason, stack), do: :ciex_log.process_crashed(pid, kind, reason, stack)
end
