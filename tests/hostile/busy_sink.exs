# The peer that stops reading (the test stops it with SIGSTOP): it takes
# the messages of the sender, in order, once it runs again.
Process.register(self(), :bp_sink)
IO.puts("READY")
{count, size} =
  receive do
    {:expect, count, size} -> {count, size}
  end
in_order =
  Enum.reduce(1..count, true, fn i, ok ->
    receive do
      {:msg, ^i, f} when is_function(f, 0) -> ok and f.() == i
      {:msg, ^i, bin} -> ok and bin == :binary.copy(<<rem(i, 256)>>, size)
      {:msg, j, _} ->
        IO.puts("message #{j} arrived where #{i} was due")
        false
    after
      60_000 ->
        IO.puts("message #{i} never arrived")
        System.halt(1)
    end
  end)
IO.puts("RECEIVED #{count} in_order=#{in_order}")
