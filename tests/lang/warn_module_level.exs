# Warnings about a module as a whole: unused private functions (one only
# called by itself too, and those only unused ones call), @doc on a
# private function, an undefined module attribute, a variable of the
# module body; printed when the module is defined, after what ran before.
IO.puts("before")

defmodule WarnModule do
  x = 1
  def pub(n), do: used(n)
  defp used(n), do: n + 1
  defp unused(_), do: :never
  defp countdown(0), do: 0
  defp countdown(n), do: countdown(n - 1)
  @doc "A private function"
  defp documented(_), do: 1
  @doc false
  defp hidden(_), do: 2
  def attr, do: @missing
  defp chain_a, do: chain_b()
  defp chain_b, do: 1
  defp cycle_c, do: cycle_d()
  defp cycle_d, do: cycle_c()
end

IO.inspect(WarnModule.pub(1))
IO.inspect(WarnModule.attr())
