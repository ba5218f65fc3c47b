# Remote shells, both ways, after Elixir 1.14's IEx.CLI and IEx.Server
# and OTP 25's group.
#
# `iex --remsh THIS_NODE`: the BEAM's group calls IEx.start/2 here through
# :rpc; the shell it spawns (IEx.Server) reads inputs from its group
# leader, the terminal on the other node, with IO.gets, has them
# evaluated by an IEx.Evaluator of this node, and everything printed goes
# back there.  Tab on that terminal calls IEx.Autocomplete.expand/2 here.
#
# `ciex --remsh NODE`: IEx.Remsh.attach/1 starts NODE's shell the same way,
# with this node's console (:user) as its group leader, so that this
# terminal serves its reads and writes (shell/repl.c).

defmodule IEx.CLI do
  # The other end of the handshake iex's remote_start_mfa/0 sets up.
  def remote_start(parent, ref) do
    send(parent, {:begin, ref, self()})
    receive do
      {:done, ^ref} -> :ok
    end
  end
end

defmodule IEx.Server do
  def run_from_shell(opts, {m, f, a}) do
    Process.flag(:trap_exit, true)
    set_expand_fun()
    {pid, ref} = spawn_monitor(m, f, a)
    receive do
      {:DOWN, ^ref, :process, ^pid, :normal} -> run(opts)
      {:DOWN, ^ref, :process, ^pid, _reason} -> :ok
    end
  end

  # Tab on the other node's terminal: its group runs this fun (an erl_eval
  # fun, which any node can run), which asks this node.
  defp set_expand_fun() do
    gl = Process.group_leader()
    {expand, _} = Code.eval_string(
      "fn e -> case :rpc.call(n, IEx.Autocomplete, :expand, [e, s]) do {:badrpc, _} -> {:no, '', []}; r -> r end end",
      n: node(), s: self())
    _ = :io.setopts(gl, expand_fun: expand)
    :io.setopts(gl, binary: true, encoding: :unicode)
  end

  defp run(opts) do
    Process.link(Process.group_leader())
    IO.puts(:ciex.shell_banner())
    state = %{counter: 1, buffer: "", on_eof: Keyword.get(opts, :on_eof, :stop_evaluator)}
    evaluator = start_evaluator(nil)
    loop(state, evaluator)
  end

  defp start_evaluator(announce) do
    spawn_link(fn -> IEx.Evaluator.serve(announce) end)
  end

  defp loop(state, evaluator) do
    prefix = if state.buffer == "", do: "iex", else: "..."
    prompt = prefix <> "(" <> Atom.to_string(node()) <> ")" <> Integer.to_string(state.counter) <> "> "
    me = self()
    input = spawn(fn -> send(me, {:input, self(), IO.gets(:stdio, prompt)}) end)
    wait_input(state, evaluator, input)
  end

  defp wait_input(state, evaluator, input) do
    receive do
      {:input, ^input, line} when is_binary(line) ->
        source = state.buffer <> line
        case :ciex.shell_incomplete(source) do
          true -> loop(%{state | buffer: source}, evaluator)
          false ->
            send(evaluator, {:"$ciex_eval", self(), source, state.counter})
            wait_eval(%{state | buffer: ""}, evaluator)
        end
      {:input, ^input, :eof} ->
        case state.on_eof do
          :halt -> System.halt(0)
          _ -> Process.exit(evaluator, :kill)
        end
      {:input, ^input, {:error, _}} ->
        Process.exit(evaluator, :kill)
      {:EXIT, _, :interrupt} ->
        Process.exit(input, :kill)
        interrupted(state, evaluator)
      {:EXIT, pid, reason} ->
        Process.exit(input, :kill)
        exited(pid, reason, state, evaluator, fn -> wait_input(state, evaluator, input) end)
    end
  end

  defp wait_eval(state, evaluator) do
    receive do
      {:"$ciex_evaled", ^evaluator, :ok} -> loop(%{state | counter: state.counter + 1}, evaluator)
      {:"$ciex_evaled", ^evaluator, _} -> loop(state, evaluator)
      {:EXIT, _, :interrupt} -> interrupted(state, evaluator)
      {:EXIT, pid, reason} -> exited(pid, reason, state, evaluator, fn -> wait_eval(state, evaluator) end)
    end
  end

  # Ctrl+C on the other node: a fresh evaluator, the same counter.
  defp interrupted(state, evaluator) do
    Process.unlink(evaluator)
    Process.exit(evaluator, :kill)
    loop(%{state | buffer: ""}, start_evaluator(:interrupted))
  end

  defp exited(pid, reason, state, evaluator, go_on) do
    cond do
      pid == Process.group_leader() ->
        Process.exit(evaluator, :kill)
        exit(reason)
      pid == evaluator ->
        # iex prints the exit and starts a new shell at 1
        loop(%{state | counter: 1, buffer: ""}, start_evaluator({:exit, pid, reason}))
      true ->
        go_on.()
    end
  end
end

defmodule IEx.Autocomplete do
  # code: the text before the cursor, reversed (edlin's expand_fun).
  def expand(code, _shell \\ nil), do: :ciex.shell_expand(code)
end

defmodule IEx.Remsh do
  # `ciex --remsh NODE`: as iex's tty_args/0 and OTP's group start a
  # remote shell.  Returns (the process exits normally) when the remote
  # shell ends; Ctrl+C here arrives as :interrupt.
  def attach(node) do
    case Node.alive?() do
      false ->
        abort("In order to use --remsh, you need to name the current node using --name or --sname. Aborting...")
      true ->
        node = with_host(node)
        case :rpc.call(node, :code, :ensure_loaded, [IEx]) do
          {:badrpc, reason} ->
            abort("Could not contact remote node #{node}, reason: #{inspect(reason)}. Aborting...")
          {:module, IEx} ->
            case :rpc.call(node, :net_kernel, :get_net_ticktime, []) do
              seconds when is_integer(seconds) -> :net_kernel.set_net_ticktime(seconds)
              _ -> :ok
            end
            start_shell(node)
          _ ->
            abort("Could not find IEx on remote node #{node}. Aborting...")
        end
    end
  end

  defp start_shell(node) do
    Process.flag(:trap_exit, true)
    ref = make_ref()
    parent = spawn_link(fn ->
      receive do
        {:begin, ^ref, other} -> send(other, {:done, ref})
      end
    end)
    case :rpc.call(node, IEx, :start, [[dot_iex_path: nil, on_eof: :halt], {IEx.CLI, :remote_start, [parent, ref]}]) do
      shell when is_pid(shell) ->
        Process.link(shell)
        serve(shell)
      other ->
        abort("Could not start a shell on remote node #{node}: #{inspect(other)}. Aborting...")
    end
  end

  defp serve(shell) do
    receive do
      :interrupt ->
        Process.exit(shell, :interrupt)
        serve(shell)
      {:EXIT, ^shell, _reason} ->
        IO.puts("*** ERROR: Shell process terminated! ***")
        exit(:shell_terminated)
      _ ->
        serve(shell)
    end
  end

  defp with_host(node) do
    name = Atom.to_string(node)
    case String.contains?(name, "@") do
      true -> node
      false -> String.to_atom(name <> "@" <> (Atom.to_string(node()) |> String.split("@") |> List.last()))
    end
  end

  defp abort(message) do
    IO.puts(:stderr, message)
    exit(:aborted)
  end
end
