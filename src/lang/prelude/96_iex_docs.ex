# The documentation of ciex's own helpers (IEx.Helpers), written for
# ciex in Markdown; Code.fetch_docs(IEx.Helpers) serves it.  The rest of
# the standard library's documentation is read from the installed
# Elixir (Code.fetch_docs/1), never copied here.
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

      * `b/1`            - prints callbacks info and docs for a given module
      * `c/1`            - compiles a file
      * `cd/1`           - changes the current directory
      * `clear/0`        - clears the screen
      * `exports/1`      - shows all exports (functions) in a module
      * `flush/0`        - flushes all messages sent to the shell
      * `h/0`            - prints this help message
      * `h/1`            - prints help for the given module or function
      * `i/0`            - prints information about the last value
      * `i/1`            - prints information about the given term
      * `ls/0`           - lists the contents of the current directory
      * `ls/1`           - lists the contents of the specified directory
      * `open/1`         - opens the source for the given module or function in your editor
      * `pid/1`          - creates a PID from a string
      * `pid/3`          - creates a PID with the 3 integer arguments passed
      * `pwd/0`          - prints the current working directory
      * `r/1`            - recompiles the given module's source file
      * `recompile/0`    - recompiles the current project (`ciex -S mix`)
      * `ref/1`          - creates a reference from a string
      * `ref/4`          - creates a reference with the 4 integer arguments passed
      * `respawn/0`      - starts a new shell process, forgetting the variables
      * `runtime_info/0` - prints runtime info (processes, memory, nodes)
      * `t/1`            - prints the types for the given module or function
      * `v/0`            - retrieves the last value from the history
      * `v/1`            - retrieves the nth value from the history

    Help for all of those functions can be consulted directly from the command line
    using the `h/1` helper itself. Try:

        iex> h(v/0)

    Press Tab to complete module and function names, and Ctrl+C twice to exit.
    """
  end

  def moduledoc(_), do: nil

  # fundocs(IEx.Helpers, function) -> [{arity, heading, spec | nil, text}]
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
