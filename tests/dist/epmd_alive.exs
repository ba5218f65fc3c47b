# Run by tests/dist/epmd_alive.sh with real elixir: asks two EPMDs (OTP's
# epmd on the first port, ciex's on the second) the same ALIVE2 requests
# and prints what each answers, creations masked where they are chosen by
# the daemon; then, with a name held on ciex's EPMD, starts real iex, real
# elixir and ciex under that name and prints what they say.
[real_port, ciex_port, ciex] = System.argv() |> then(fn [a, b, c] -> [String.to_integer(a), String.to_integer(b), c] end)

defmodule Alive do
  # ALIVE2_REQ: port, node type, protocol, highest and lowest version, name, extra
  def register(epmd, name, highest) do
    {:ok, s} = :gen_tcp.connect(~c"127.0.0.1", epmd, [:binary, active: false])
    body = <<120, 5555::16, 77, 0, highest::16, 5::16, byte_size(name)::16, name::binary, 0::16>>
    :ok = :gen_tcp.send(s, <<byte_size(body)::16, body::binary>>)
    {s, answer(s, [])}
  end

  # the result byte, then the creation its tag promises (whatever arrives
  # within 2 s)
  defp answer(s, _) do
    case :gen_tcp.recv(s, 2, 2000) do
      {:ok, <<tag, _>> = head} ->
        case :gen_tcp.recv(s, if(tag == 118, do: 4, else: 2), 2000) do
          {:ok, rest} -> head <> rest
          {:error, _} -> head
        end
      {:error, _} -> ""
    end
  end

  # the creation a daemon picks is its own: show its size and range only
  def show(<<118, 0, cr::32>>), do: "ALIVE2_X_RESP ok creation:32 nonzero=#{cr != 0}"
  def show(<<121, 0, cr::16>>), do: "ALIVE2_RESP ok creation:16 in_1_3=#{cr in 1..3}"
  def show(other), do: inspect(other)
end

for {label, port} <- [{"epmd", real_port}, {"ciex --epmd", ciex_port}] do
  {held, first} = Alive.register(port, "taken", 6)
  {_, again} = Alive.register(port, "taken", 6)
  {_, again5} = Alive.register(port, "taken", 5)
  {old, fresh5} = Alive.register(port, "fresh5", 5)
  IO.puts("#{label}: first #{Alive.show(first)}")
  IO.puts("#{label}: taken, version 6: #{Alive.show(again)}")
  IO.puts("#{label}: taken, version 5: #{Alive.show(again5)}")
  IO.puts("#{label}: fresh, version 5: #{Alive.show(fresh5)}")
  :gen_tcp.close(old)
  :gen_tcp.close(held)
end

# a name held on ciex's EPMD, then nodes that want it
{held, _} = Alive.register(ciex_port, "held", 6)
env = [{"ERL_EPMD_PORT", Integer.to_string(ciex_port)}]
host = :inet.gethostname() |> elem(1) |> to_string()
clean = fn out -> out |> String.replace("@" <> host, "@HOST") |> String.trim_trailing() end
for {label, cmd, args} <- [
      {"iex", "iex", ["--sname", "held", "--cookie", "c", "-e", "IO.puts(:started)"]},
      {"elixir", "elixir", ["--sname", "held", "--cookie", "c", "-e", "IO.puts(:started)"]},
      {"ciex", ciex, ["--sname", "held", "--cookie", "c", "-e", "IO.puts(:started)"]}] do
  {out, status} = System.cmd(cmd, args, env: env, stderr_to_stdout: true)
  IO.puts("#{label}: exit #{status}: #{clean.(out)}")
end
:gen_tcp.close(held)
