# Uncaught custom exception with message/1.
defmodule Quota do
  defexception [:used, :limit]
  @impl true
  def message(e), do: "quota exceeded: #{e.used}/#{e.limit}"
end
IO.puts("checking quota")
raise Quota, used: 11, limit: 10
