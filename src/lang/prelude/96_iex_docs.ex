# Short built-in documentation for h/1: the modules a newcomer meets in
# the shell and in the distributed-Elixir walk-through (Node, :global,
# Agent, GenServer, Process, Task) and the shell's own helpers.  Written
# in the Markdown subset iex renders: paragraphs, `code`, "## Heading",
# indented code blocks and "  * " lists.
defmodule IEx.Docs do
  # moduledoc(module) -> text | nil
  def moduledoc(IEx.Helpers) do
    """
    Welcome to Interactive Elixir, as ciex runs it. You are currently seeing the
    documentation for the module `IEx.Helpers` which provides many helpers to
    make the shell more joyful to work with.

    This message was triggered by invoking the helper `h()`, usually referred to as
    `h/0` (since it expects 0 arguments).

    You can use the `h/1` function to invoke the documentation for a module or
    function:

        iex> h(Node)
        iex> h(Node.connect)
        iex> h(Agent.get/3)

    You can also use the `i/1` function to introspect any value you have in the
    shell:

        iex> i("hello")

    The helpers available in ciex:

      * `c/1`            - compiles a file
      * `clear/0`        - clears the screen
      * `exports/1`      - shows all exports (functions) in a module
      * `flush/0`        - flushes all messages sent to the shell
      * `h/0`            - prints this help message
      * `h/1`            - prints help for the given module or function
      * `i/0`            - prints information about the last value
      * `i/1`            - prints information about the given term
      * `pid/1`          - creates a PID from a string
      * `pid/3`          - creates a PID with the 3 integer arguments passed
      * `pwd/0`          - prints the current working directory
      * `r/1`            - recompiles the given module's source file
      * `recompile/0`    - recompiles the current project (`ciex -S mix`)
      * `ref/1`          - creates a reference from a string
      * `ref/4`          - creates a reference with the 4 integer arguments passed
      * `respawn/0`      - starts a new shell process, forgetting the variables
      * `runtime_info/0` - prints runtime info (processes, memory, nodes)
      * `v/0`            - retrieves the last value from the history
      * `v/1`            - retrieves the nth value from the history

    Help for all of those functions can be consulted directly from the command line
    using the `h/1` helper itself. Try:

        iex> h(v/0)

    Press Tab to complete module and function names, and Ctrl+C twice to exit.
    """
  end

  def moduledoc(Node) do
    """
    Functions related to VM nodes.

    A node is a running ciex or BEAM system with a name (`ciex --sname foo` or
    `iex --sname foo`). Nodes that share a cookie connect to each other and
    exchange messages over the Erlang distribution protocol.
    """
  end

  def moduledoc(:global) do
    """
    A global name registry facility.

    Names registered with `:global` are known on every connected node: a
    process started with `name: {:global, :agent1}` can be called as
    `{:global, :agent1}` from any node of the cluster.
    """
  end

  def moduledoc(Agent) do
    """
    Agents are a simple abstraction around state.

    An agent is a process that holds a value. The function given to `get/3`,
    `update/3` and friends runs inside the agent, which may live on another
    node.

    ## Examples

        iex> {:ok, pid} = Agent.start_link(fn -> 0 end)
        iex> Agent.update(pid, fn state -> state + 1 end)
        :ok
        iex> Agent.get(pid, fn state -> state end)
        1
    """
  end

  def moduledoc(GenServer) do
    """
    A behaviour module for implementing the server of a client-server relation.

    A GenServer is a process that keeps state, runs code asynchronously and
    answers calls. A module uses `use GenServer` and implements callbacks such as
    `init/1`, `handle_call/3`, `handle_cast/2` and `handle_info/2`.

    Its messages are OTP's, so a GenServer in ciex can be called from a BEAM
    node and the other way around.
    """
  end

  def moduledoc(Process) do
    """
    Conveniences for working with processes and the process dictionary.

    Besides the functions in this module, `Kernel` provides `spawn/1`,
    `send/2`, `self/0` and friends.
    """
  end

  def moduledoc(Task) do
    """
    Conveniences for spawning and awaiting tasks.

    A task runs one action, usually computing a value that `await/2` collects.
    """
  end

  def moduledoc(_), do: nil

  # fundocs(module, function) -> [{arity, heading, spec | nil, text}]
  def fundocs(Node, :alive?), do: [{0, "def alive?()", "@spec alive?() :: boolean()", "Returns `true` if the local node is alive.\n\nThat is, if the node can be part of a distributed system.\n"}]
  def fundocs(Node, :connect) do
    [{1, "def connect(node)", "@spec connect(t()) :: boolean() | :ignored",
      "Establishes a connection to `node`.\n\nReturns `true` if successful, `false` if not, and the atom `:ignored` if the\nlocal node is not alive.\n\nFor more information, see `:net_kernel.connect_node/1`.\n"}]
  end
  def fundocs(Node, :disconnect) do
    [{1, "def disconnect(node)", "@spec disconnect(t()) :: boolean() | :ignored",
      "Forces the disconnection of a node.\n\nThis will appear to the `node` as if the local node has crashed.\n"}]
  end
  def fundocs(Node, :get_cookie), do: [{0, "def get_cookie()", "@spec get_cookie() :: atom()", "Returns the magic cookie of the local node.\n\nReturns the cookie if the node is alive, otherwise `:nocookie`.\n"}]
  def fundocs(Node, :set_cookie) do
    [{2, "def set_cookie(node \\\\ Node.self(), cookie)", "@spec set_cookie(t(), atom()) :: true",
      "Sets the magic cookie of `node` to the atom `cookie`.\n\nThe default node is `Node.self/0`, the local node.\n"}]
  end
  def fundocs(Node, :list) do
    [{0, "def list()", "@spec list() :: [t()]",
      "Returns a list of all visible nodes in the system, excluding the local node.\n\nSame as `list(:visible)`.\n\nInlined by the compiler.\n"},
     {1, "def list(args)", "@spec list(state() | [state()]) :: [t()]",
      "Returns a list of nodes according to argument given.\n\nThe argument is one of `:visible`, `:hidden`, `:connected`, `:this` and\n`:known`, or a list of them.\n"}]
  end
  def fundocs(Node, :monitor) do
    [{2, "def monitor(node, flag)", "@spec monitor(t(), boolean()) :: true",
      "Monitors the status of the node.\n\nIf `flag` is `true`, monitoring is turned on; the caller receives\n`{:nodedown, node}` when the connection to `node` is lost.\n"}]
  end
  def fundocs(Node, :ping) do
    [{1, "def ping(node)", "@spec ping(t()) :: :pong | :pang",
      "Tries to set up a connection to node.\n\nReturns `:pang` if it fails, or `:pong` if it is successful.\n"}]
  end
  def fundocs(Node, :self), do: [{0, "def self()", "@spec self() :: t()", "Returns the current node.\n\nIt returns the same as the built-in `node()`.\n"}]
  def fundocs(Node, :spawn) do
    [{2, "def spawn(node, fun)", "@spec spawn(t(), (-> any())) :: pid()",
      "Returns the PID of a new process started by the application of `fun`\non `node`. If `node` does not exist, a useless PID is returned.\n"},
     {4, "def spawn(node, module, fun, args)", "@spec spawn(t(), module(), atom(), [any()]) :: pid()",
      "Returns the PID of a new process started by the application of\n`module.function(args)` on `node`.\n"}]
  end

  def fundocs(:global, :register_name) do
    [{2, "register_name/2", "@spec register_name(name, pid) :: yes | no when name: term(), pid: pid()",
      "Globally associates name `Name` with a pid, that is, globally notifies all nodes\nof a new global name in a network of Erlang nodes.\n\nReturns `yes` if successful, `no` if the name is already registered.\n"}]
  end
  def fundocs(:global, :registered_names) do
    [{0, "registered_names/0", "@spec registered_names() :: [name] when name: term()",
      "Returns a list of all globally registered names.\n"}]
  end
  def fundocs(:global, :unregister_name) do
    [{1, "unregister_name/1", "@spec unregister_name(name) :: term() when name: term()",
      "Removes the globally registered name `Name` from the network of Erlang nodes.\n"}]
  end
  def fundocs(:global, :whereis_name) do
    [{1, "whereis_name/1", "@spec whereis_name(name) :: pid() | :undefined when name: term()",
      "Returns the pid with the globally registered name `Name`. Returns `undefined`\nif the name is not globally registered.\n"}]
  end
  def fundocs(:global, :send) do
    [{2, "send/2", "@spec send(name, msg) :: pid when name: term(), msg: term()",
      "Sends message `Msg` to the pid globally registered as `Name`.\n\nIf `Name` is not a globally registered name, the calling function exits with\nreason `{badarg, {Name, Msg}}`.\n"}]
  end

  def fundocs(Agent, :start) do
    [{2, "def start(fun, options \\\\ [])", "@spec start((-> term()), GenServer.options()) :: on_start()",
      "Starts an agent process without links (outside of a supervision tree).\n\nThe `:name` option registers it, e.g. `name: {:global, :agent1}`.\n"}]
  end
  def fundocs(Agent, :start_link) do
    [{2, "def start_link(fun, options \\\\ [])", "@spec start_link((-> term()), GenServer.options()) :: on_start()",
      "Starts an agent linked to the current process with the given function.\n\nThe value `fun` returns is the agent's initial state.\n"}]
  end
  def fundocs(Agent, :get) do
    [{3, "def get(agent, fun, timeout \\\\ 5000)", "@spec get(agent(), (state() -> a), timeout()) :: a when a: var",
      "Gets an agent value via the given anonymous function.\n\nThe function `fun` is sent to the `agent` which invokes the function passing\nthe agent state. The result of the function invocation is returned from this\nfunction.\n\n## Examples\n\n    iex> {:ok, pid} = Agent.start_link(fn -> 42 end)\n    iex> Agent.get(pid, fn state -> state end)\n    42\n"}]
  end
  def fundocs(Agent, :update) do
    [{3, "def update(agent, fun, timeout \\\\ 5000)", "@spec update(agent(), (state() -> state()), timeout()) :: :ok",
      "Updates the agent state via the given anonymous function.\n\nThe return value of `fun` becomes the new state of the agent.\n"}]
  end
  def fundocs(Agent, :get_and_update) do
    [{3, "def get_and_update(agent, fun, timeout \\\\ 5000)", nil,
      "Gets and updates the agent state in one operation.\n\n`fun` returns a tuple `{value, new_state}`.\n"}]
  end
  def fundocs(Agent, :cast), do: [{2, "def cast(agent, fun)", "@spec cast(agent(), (state() -> state())) :: :ok", "Performs a cast (*fire and forget*) operation on the agent state.\n"}]
  def fundocs(Agent, :stop), do: [{3, "def stop(agent, reason \\\\ :normal, timeout \\\\ :infinity)", "@spec stop(agent(), reason :: term(), timeout()) :: :ok", "Synchronously stops the agent with the given `reason`.\n"}]

  def fundocs(GenServer, :start) do
    [{3, "def start(module, init_arg, options \\\\ [])", "@spec start(module(), any(), options()) :: on_start()",
      "Starts a `GenServer` process without links (outside of a supervision tree).\n\nThe `:name` option registers it, e.g. `name: {:global, :kv1}`.\n"}]
  end
  def fundocs(GenServer, :start_link) do
    [{3, "def start_link(module, init_arg, options \\\\ [])", "@spec start_link(module(), any(), options()) :: on_start()",
      "Starts a `GenServer` process linked to the current process.\n\n`init_arg` is passed to the `init/1` callback of `module`.\n"}]
  end
  def fundocs(GenServer, :call) do
    [{3, "def call(server, request, timeout \\\\ 5000)", "@spec call(server(), term(), timeout()) :: term()",
      "Makes a synchronous call to the `server` and waits for its reply.\n\nThe server's `handle_call/3` callback answers; `server` may be a pid, a name,\n`{:global, name}` or `{name, node}`.\n"}]
  end
  def fundocs(GenServer, :cast) do
    [{2, "def cast(server, request)", "@spec cast(server(), term()) :: :ok",
      "Casts a request to the `server` without waiting for a response.\n\nThe server's `handle_cast/2` callback handles it.\n"}]
  end
  def fundocs(GenServer, :reply), do: [{2, "def reply(client, reply)", "@spec reply(from(), term()) :: :ok", "Replies to a client.\n"}]
  def fundocs(GenServer, :stop), do: [{3, "def stop(server, reason \\\\ :normal, timeout \\\\ :infinity)", "@spec stop(server(), reason :: term(), timeout()) :: :ok", "Synchronously stops the server with the given `reason`.\n"}]
  def fundocs(GenServer, :whereis), do: [{1, "def whereis(server)", "@spec whereis(server()) :: pid() | {atom(), node()} | nil", "Returns the `pid` or `{name, node}` of a GenServer process, `nil` otherwise.\n"}]

  def fundocs(Process, :alive?), do: [{1, "def alive?(pid)", "@spec alive?(pid()) :: boolean()", "Tells whether the given process is alive on the local node.\n"}]
  def fundocs(Process, :send), do: [{3, "def send(dest, msg, options)", "@spec send(dest, msg, [option]) :: :ok | :noconnect | :nosuspend", "Sends a message to the given `dest`.\n\n`dest` may be a remote or local PID, a local port, a locally registered name,\nor a tuple in the form of `{registered_name, node}` for a registered name at\nanother node.\n"}]
  def fundocs(Process, :monitor), do: [{1, "def monitor(item)", "@spec monitor(pid() | {name, node()} | name) :: reference() when name: atom()", "Starts monitoring the given `item` from the calling process.\n\nWhen the monitored process dies, a message `{:DOWN, ref, :process, object, reason}`\nis delivered, also across nodes.\n"}]
  def fundocs(Process, :exit), do: [{2, "def exit(pid, reason)", "@spec exit(pid(), term()) :: true", "Sends an exit signal with the given `reason` to `pid`.\n"}]
  def fundocs(Process, :sleep), do: [{1, "def sleep(timeout)", "@spec sleep(timeout()) :: :ok", "Sleeps the current process for the given `timeout` (milliseconds or `:infinity`).\n"}]
  def fundocs(Process, :register), do: [{2, "def register(pid_or_port, name)", "@spec register(pid() | port(), atom()) :: true", "Registers the given `pid_or_port` under the given `name` on the local node.\n"}]
  def fundocs(Process, :whereis), do: [{1, "def whereis(name)", "@spec whereis(atom()) :: pid() | port() | nil", "Returns the PID or port identifier registered under `name` or `nil` if the\nname is not registered.\n"}]
  def fundocs(Process, :link), do: [{1, "def link(pid_or_port)", "@spec link(pid() | port()) :: true", "Creates a link between the calling process and the given item (process or port).\n"}]
  def fundocs(Process, :get), do: [{2, "def get(key, default \\\\ nil)", "@spec get(term(), default :: term()) :: term()", "Returns the value for the given `key` in the process dictionary, or `default`\nif `key` is not set.\n"}]
  def fundocs(Process, :put), do: [{2, "def put(key, value)", "@spec put(term(), term()) :: term() | nil", "Stores the given `key`-`value` pair in the process dictionary.\n"}]

  def fundocs(Task, :async), do: [{1, "def async(fun)", "@spec async((-> any())) :: t()", "Starts a task that must be awaited on.\n"}]
  def fundocs(Task, :await), do: [{2, "def await(task, timeout \\\\ 5000)", "@spec await(t(), timeout()) :: term()", "Awaits a task reply and returns it.\n"}]

  def fundocs(IEx.Helpers, :flush), do: [{0, "def flush()", nil, "Clears out all messages sent to the shell's inbox and prints them out.\n"}]
  def fundocs(IEx.Helpers, :v) do
    [{1, "def v(n \\\\ -1)", nil,
      "Returns the value of the `n`th expression in the history.\n\n`n` can be a negative value: if it is, the corresponding expression value\nrelative to the current one is returned. For example, `v(-2)` returns the value\nof the expression evaluated before the last evaluated expression. In\nparticular, `v(-1)` returns the result of the last evaluated expression and\n`v()` does the same.\n"}]
  end
  def fundocs(IEx.Helpers, :h), do: [{0, "def h()", nil, "Prints the documentation for `IEx.Helpers`.\n"}, {1, "defmacro h(term)", nil, "Prints the documentation for the given module or for the given `function/arity`.\n"}]
  def fundocs(IEx.Helpers, :i), do: [{1, "def i(term \\\\ v(-1))", nil, "Prints information about the data type of any given term.\n\nIf no argument is given, the value of the previous expression is used.\n"}]
  def fundocs(IEx.Helpers, :c), do: [{2, "def c(files, path \\\\ :in_memory)", nil, "Compiles the given files and loads them.\n\nIt returns the names of the modules the files define.\n"}]
  def fundocs(IEx.Helpers, :r), do: [{1, "def r(module)", nil, "Recompiles and reloads the given `module`'s source file.\n"}]
  def fundocs(IEx.Helpers, :recompile), do: [{1, "def recompile(options \\\\ [])", nil, "Recompiles the current project, as started with `ciex -S mix`.\n"}]
  def fundocs(IEx.Helpers, :clear), do: [{0, "def clear()", nil, "Clears the console screen.\n"}]
  def fundocs(IEx.Helpers, :exports), do: [{1, "def exports(module \\\\ Kernel)", nil, "Prints a list of all the functions exported by the given module.\n"}]
  def fundocs(IEx.Helpers, :pid), do: [{1, "def pid(string)", nil, "Creates a PID from `string`, as in `pid(\"0.21.32\")`.\n"}, {3, "def pid(x, y, z)", nil, "Creates a PID with 3 non-negative integers passed as arguments.\n"}]
  def fundocs(IEx.Helpers, :ref), do: [{1, "def ref(string)", nil, "Creates a Reference from `string`.\n"}, {4, "def ref(w, x, y, z)", nil, "Creates a Reference from its 4 non-negative integers components.\n"}]
  def fundocs(IEx.Helpers, :respawn), do: [{0, "def respawn()", nil, "Respawns the current shell by starting a new shell process.\n"}]
  def fundocs(IEx.Helpers, :runtime_info), do: [{0, "def runtime_info()", nil, "Prints ciex's runtime info: processes, memory and connected nodes.\n"}]
  def fundocs(IEx.Helpers, :pwd), do: [{0, "def pwd()", nil, "Prints the current working directory.\n"}]

  def fundocs(_, _), do: []
end
