#!/usr/bin/env bash
# Command-line checks of what ciex does on its own terms (where real
# iex/elixir print the same thing, the expected text below is theirs):
# --help and --version, --erl, -e and --script (elixir's exit statuses, library
# stack frames), -S mix
# and recompile/0, r/1, runtime_info/0, the manual page, a node's own
# EPMD (named as an EPMD in ps, stopped by --epmd-kill), scripts that block
# as elixir's do, and what out of memory says.
#
# Usage: run_cli.sh CIEX CASE
set -u
ciex=$1 case=$2
here=$(cd "$(dirname "$0")" && pwd)
export LC_ALL=C.UTF-8
work=$(mktemp -d)
export HOME=$work/home
mkdir -p "$HOME"
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2

fail() {
    echo "FAIL ($case): $*"
    exit 1
}

# run ARGS...: ciex with stdin from $work/in (or nothing); sets out, err, status
run() {
    [ -f "$work/in" ] || : >"$work/in"
    timeout 30 "$ciex" "$@" <"$work/in" >"$work/out" 2>"$work/err"
    status=$?
    out=$(cat "$work/out")
    err=$(cat "$work/err")
}

contains() { grep -qF -- "$2" <<<"$1" || fail "expected '$2' in: $1"; }

case_help() {
    run --help
    [ $status = 0 ] || fail "--help exited with $status"
    contains "$out" "Usage: ciex [options] [FILE [ARGS]]"
    # every option of --help is in the manual page
    local man="$here/../../man/ciex.1"
    for opt in $(grep -oE '^  (-[a-zA-Z]|--[a-z-]+)' <<<"$out" | sort -u); do
        grep -qE -- "Fl $(sed 's/^-//' <<<"$opt")( |$)" "$man" || fail "option $opt is not in man/ciex.1"
    done
    run --no-such-option
    [ $status = 1 ] || fail "an unknown option exited with $status"
    contains "$err" "ciex: unknown option '--no-such-option'"
}

# --erl: erl switches ciex does not have, or bad values, are reported on
# stderr and the rest runs
case_erl() {
    run --erl "-kernel net_ticktime 0" -e 'IO.inspect(:net_kernel.get_net_ticktime())'
    [ $status = 0 ] && [ "$out" = ":ignored" ] || fail "--erl with a bad tick time printed '$out' (status $status)"
    contains "$err" "ciex: --erl: -kernel net_ticktime 0: not a positive number of seconds"
    run --erl "-kernel net_ticktime x" -e 'IO.puts(:ran)'
    contains "$err" "ciex: --erl: -kernel net_ticktime x: not a positive number of seconds"
    run --erl "-kernel inet_dist_use_interface x" -e 'IO.puts(:ran)'
    [ "$out" = "ran" ] || fail "--erl with another kernel parameter printed '$out'"
    contains "$err" "ciex: --erl: ignoring -kernel inet_dist_use_interface (ciex has no such kernel parameter)"
    run --erl "-kernel net_ticktime" -e 'IO.puts(:ran)'
    contains "$err" "ciex: --erl: -kernel needs a parameter and a value"
    run --erl "+P 1000" -e 'IO.puts(:ran)'
    contains "$err" "ciex: --erl: ignoring +P (ciex has no such emulator flag)"
    # +S N[:M]: erl's words for bad amounts, and its exit status
    run --erl "+S abc" -e 'IO.puts(:ran)'
    [ $status = 1 ] && [ -z "$out" ] || fail "--erl +S abc: status $status, printed '$out'"
    contains "$err" "ciex: --erl: bad amount of schedulers abc"
    run --erl "+S 2:3" -e 'IO.puts(:ran)'
    [ $status = 1 ] || fail "--erl +S 2:3: status $status"
    contains "$err" "ciex: --erl: bad amount of schedulers online 3 (total amount of schedulers 2)"
    run --erl "+S 2" -e 'IO.inspect({System.schedulers(), System.schedulers_online()})'
    [ "$out" = "{2, 2}" ] || fail "--erl +S 2 printed '$out'"
}

# --remsh's refusals, in iex's words (iex --remsh prints the same)
case_remsh() {
    run --remsh foo
    [ $status = 1 ] || fail "--remsh without a name: status $status"
    contains "$err" "In order to use --remsh, you need to name the current node using --name or --sname. Aborting..."
    run --sname remshcase --remsh nosuch
    [ $status = 1 ] || fail "--remsh to no node: status $status"
    contains "$err" "Could not contact remote node nosuch@$(hostname -s), reason: :nodedown. Aborting..."
    run --sname remshcase --erl "-remsh nosuch@nohost"
    [ $status = 1 ] || fail "--erl -remsh to no node: status $status"
    contains "$err" "Could not contact remote node nosuch@nohost, reason: :nodedown. Aborting..."
    run --remsh foo -e 1
    [ $status = 1 ] || fail "--remsh with -e: status $status"
    contains "$err" "--remsh opens a shell: it does not go with --script or -e"
}

case_version() {
    run --version
    [ $status = 0 ] || fail "--version exited with $status"
    grep -qE '^ciex [0-9]+\.[0-9]+\.[0-9]+ ' <<<"$out" || fail "unexpected version line: $out"
}

case_eval() {
    run -e 'IO.puts(1 + 2)' -e 'IO.puts(:second)'
    [ $status = 0 ] && [ "$out" = $'3\nsecond' ] || fail "-e printed '$out' (status $status)"
    # as `elixir -e 'raise "oops"'`: the error on stderr, status 1
    run -e 'raise "oops"'
    [ $status = 1 ] || fail "a raising -e exited with $status"
    contains "$err" "** (RuntimeError) oops"
    printf 'IO.puts("from a script")\n' >script.exs
    run --script script.exs
    [ $status = 0 ] && [ "$out" = "from a script" ] || fail "--script printed '$out' (status $status)"
    run --script missing.exs
    [ $status = 1 ] || fail "a missing script exited with $status"
    contains "$err" "No file named missing.exs"
    # library frames name their application, as iex's "(elixir 1.14.0) lib/enum.ex:..."
    # do; the user's frames and :erlang's (erts on the BEAM) do not
    printf 'defmodule U do\n  def go, do: {Enum.map(1, & &1)}\nend\nU.go()\n' >lib_frames.exs
    run --script lib_frames.exs
    grep -qE '^    \(ciex [0-9]+\.[0-9]+\.[0-9]+\) lib/[0-9]{2}_enum\.ex:[0-9]+: Enum\.map/2$' <<<"$err" ||
        fail "no library frame of the ciex application in: $err"
    contains "$err" "    lib_frames.exs:2: U.go/0"
    run -e '1 / Enum.count([])'
    contains "$err" "    :erlang./(1, 0)"
}

# System.argv(): the same command lines given to ciex and to real elixir
# (for --script and -e) or iex (a FILE, then the shell) print the same
case_argv() {
    command -v elixir >/dev/null || { echo "SKIPPED: elixir is not installed"; exit 77; }
    printf 'IO.inspect(System.argv())\n' >a.exs
    printf 'IO.inspect({:b, System.argv()})\n' >b.exs
    local e='IO.inspect({:e, System.argv()}); System.argv(["set"]); IO.inspect(System.argv())'
    # same ARGS...: elixir ARGS against ciex ARGS, with --script before
    # the FILE that elixir runs (after any -r FILE)
    same() {
        local want got
        want=$(timeout 30 elixir "$@" 2>&1 </dev/null)
        if [ "$1" = -e ]; then run "$@"
        elif [ "$1" = -r ]; then run "$1" "$2" --script "${@:3}"
        else run --script "$@"; fi
        [ "$out$err" = "$want" ] || fail "ciex $* printed '$out$err', elixir '$want'"
    }
    same a.exs x y
    same a.exs -e x --sname foo
    same a.exs
    same -e "$e" p q
    same -e "$e" a.exs q
    same -r b.exs a.exs q
    # the shell: iex FILE ARGS loads FILE (and only FILE) with ARGS
    shell_same() {
        local want
        want=$(timeout 30 iex "$@" 2>&1 </dev/null | grep -v '^Interactive Elixir\|^iex(')
        run "$@"
        got=$(grep -v '^Interactive Elixir\|^iex(' <<<"$out$err")
        [ "$got" = "$want" ] || fail "ciex $* printed '$got', iex '$want'"
    }
    shell_same a.exs x y
    shell_same a.exs b.exs
    shell_same -r b.exs a.exs --cookie x
}

# session ARGS...: ciex reading from a fifo, so that a test can change
# files between inputs; `say LINE` types, `await TEXT` waits for output.
session() {
    mkfifo "$work/fifo"
    timeout 60 "$ciex" "$@" <"$work/fifo" >"$work/out" 2>"$work/err" &
    ciex_pid=$!
    exec 3>"$work/fifo"
}
say() { printf '%s\n' "$1" >&3; }
await() {
    local end=$((SECONDS + 15))
    while [ $SECONDS -lt $end ]; do
        grep -qF -- "$1" "$work/out" 2>/dev/null && return 0
        sleep 0.05
    done
    fail "ciex never printed '$1'; it printed: $(cat "$work/out")"
}
end_session() {
    exec 3>&-
    wait $ciex_pid
    status=$?
    rm -f "$work/fifo"
}

case_mix() {
    mkdir -p proj/lib/sub
    printf 'defmodule P do\n  def a, do: Q.b() + 1\nend\n' >proj/lib/p.ex
    printf 'defmodule Q do\n  def b, do: 6\nend\n' >proj/lib/sub/q.ex
    cd proj || fail "no project"
    session -S mix
    say 'P.a()'
    await 'iex(2)> '
    contains "$(cat "$work/out")" "Compiling 2 files (.ex)"
    contains "$(cat "$work/out")" "iex(1)> 7"
    # recompile/0 as iex -S mix: nothing changed, :noop; a changed file is
    # compiled again without "redefining module" (iex prints the same)
    say 'recompile()'
    await 'iex(3)> '
    printf 'defmodule Q do\n  def b, do: 41\nend\n' >lib/sub/q.ex
    say 'recompile()'
    await 'iex(4)> '
    say 'P.a()'
    await 'iex(5)> '
    # a new file: the set of modules changed
    printf 'defmodule N do\n  def n, do: :new\nend\n' >lib/n.ex
    say 'recompile()'
    await 'iex(6)> '
    say 'N.n()'
    await 'iex(7)> '
    end_session
    [ $status = 0 ] || fail "-S mix exited with $status: $(cat "$work/err")"
    contains "$(cat "$work/out")" "iex(2)> :noop"
    contains "$(cat "$work/out")" "iex(3)> Compiling 1 file (.ex)"
    contains "$(cat "$work/out")" "iex(4)> 42"
    contains "$(cat "$work/out")" "iex(5)> Compiling 1 file (.ex)
:ok"
    contains "$(cat "$work/out")" "iex(6)> :new"
    if grep -q "redefining module" "$work/err"; then fail "recompile warned: $(cat "$work/err")"; fi
    # without -S mix there is no project to recompile (iex's words)
    printf 'recompile()\n' >"$work/in"
    run
    contains "$out" "Mix is not running. Please start IEx with: iex -S mix"
    mkdir -p "$work/empty" && cd "$work/empty" || fail "no dir"
    run -S mix
    [ $status = 1 ] || fail "-S mix without a project exited with $status"
    contains "$err" '"mix" with no arguments must be executed in a directory with a mix.exs file'
}

case_reload() {
    printf 'defmodule R do\n  def v, do: 1\nend\n' >r.ex
    session
    say 'c("r.ex")'
    await 'iex(2)> '
    say 'R.v()'
    await 'iex(3)> '
    # r/1 recompiles the module's file: the new version answers
    printf 'defmodule R do\n  def v, do: 2\nend\n' >r.ex
    say 'r(R)'
    await 'iex(4)> '
    say 'R.v()'
    say 'r(Enum)'
    say 'r(NoSuchModule)'
    end_session
    local out
    out=$(cat "$work/out")
    contains "$out" "iex(1)> [R]"
    contains "$out" "iex(2)> 1"
    contains "$out" "iex(3)> {:reloaded, [R]}"
    contains "$out" "iex(4)> 2"
    contains "$out" "** (ArgumentError) could not find source (built into ciex) for module: Enum"
    contains "$out" "** (ArgumentError) could not load nor find module: NoSuchModule"
}

# Without an installed Elixir (no elixir on the PATH) h, t and b say in
# one line that the docs come from it; ciex's own helpers keep theirs.
case_nodocs() {
    printf 'h Enum.map\nh Enum\nh Enum.reduce/3\nt Enum\nb GenServer\nh v/0\nh Nope\n' >"$work/in"
    timeout 30 env PATH="$work/empty" "$ciex" <"$work/in" >"$work/out" 2>"$work/err"
    status=$?
    out=$(cat "$work/out")
    [ $status = 0 ] || fail "exited with $status: $(cat "$work/err")"
    contains "$out" "iex(1)> ciex has no docs for Enum.map/2: install elixir to read them"
    contains "$out" "iex(2)> ciex has no docs for Enum: install elixir to read them"
    contains "$out" "iex(3)> ciex has no docs for Enum.reduce/3: install elixir to read them"
    contains "$out" "iex(4)> ciex has no docs for Enum: install elixir to read them"
    contains "$out" "iex(5)> ciex has no docs for GenServer: install elixir to read them"
    contains "$out" "def v(n \\\\ -1)"
    contains "$out" "Returns the value of the \`n\`th expression in the history."
    contains "$out" "iex(7)> Could not load module Nope, got: nofile"
}

# open: without an editor, the file (and line) it would open, with iex's
# words; with ELIXIR_EDITOR, the command with __FILE__ and __LINE__
# replaced, its output shown; EDITOR gets "FILE:LINE".
case_open() {
    printf 'defmodule M do\n  def f, do: 1\nend\n' >"$work/m.exs"
    printf 'c "m.exs"\nopen M.f\nopen M.g\nopen Nope\nopen Enum.nope\n' >"$work/in"
    timeout 30 env -u ELIXIR_EDITOR -u EDITOR "$ciex" <"$work/in" >"$work/out" 2>"$work/err"
    out=$(cat "$work/out")
    contains "$out" "iex(2)> Could not open: \"$work/m.exs\":1. Please set the ELIXIR_EDITOR or EDITOR environment variables with the command line invocation of your favorite EDITOR."
    contains "$out" "iex(3)> Could not open: M.g. Function/macro is not available."
    contains "$out" "iex(4)> Could not open: Nope. Module is not available."
    contains "$out" "iex(5)> Could not open: Enum.nope. Function/macro is not available."
    printf 'c "m.exs"\nopen M.f\n' >"$work/in"
    timeout 30 env ELIXIR_EDITOR='echo edit __FILE__ at __LINE__' "$ciex" <"$work/in" >"$work/out" 2>"$work/err"
    contains "$(cat "$work/out")" "iex(2)> edit $work/m.exs at 1"
    timeout 30 env -u ELIXIR_EDITOR EDITOR=echo "$ciex" <"$work/in" >"$work/out" 2>"$work/err"
    contains "$(cat "$work/out")" "iex(2)> $work/m.exs:1"
    # a module of the standard library: the installed Elixir's source, as iex names it
    if command -v elixir >/dev/null; then
        printf 'open Enum.map\n' >"$work/in"
        timeout 30 env -u ELIXIR_EDITOR -u EDITOR "$ciex" <"$work/in" >"$work/out" 2>"$work/err"
        root=$(dirname "$(readlink -f "$(command -v elixir)")")
        if [ -f "$root/../lib/elixir/lib/enum.ex" ]; then
            contains "$(cat "$work/out")" "Could not open: \"$root/../lib/elixir/lib/enum.ex\":"
        else
            contains "$(cat "$work/out")" "iex(1)> Could not open: \"$root/../lib/elixir/lib/enum.ex\". File is not available."
        fi
    fi
}

case_runtime_info() {
    printf 'runtime_info()\nruntime_info(:memory)\n' >"$work/in"
    run
    [ $status = 0 ] || fail "exited with $status"
    contains "$out" "## System and architecture "
    contains "$out" "ciex version:"
    contains "$out" "## Memory "
    contains "$out" "Total:"
    contains "$out" "## Statistics / limits "
    contains "$out" "Processes:"
    contains "$out" "Connected nodes:    0 []"
    contains "$out" "Showing topics:     [:memory]"
    contains "$out" "To view a specific topic call runtime_info(topic)"
}

case_man() {
    local man="$here/../../man/ciex.1"
    if ! command -v mandoc >/dev/null; then
        echo "SKIPPED: mandoc is not installed (apt-get install mandoc)"
        exit 77
    fi
    local lint
    # all of -Tlint's levels; only the state of this machine's manual
    # database (cross-references to iex(1)...) is not the page's business
    lint=$(mandoc -Tlint "$man" 2>&1 | grep -v 'mandoc\.db')
    [ -z "$lint" ] || fail "mandoc -Tlint: $lint"
    mandoc -Tascii "$man" >/dev/null 2>&1 || fail "mandoc cannot render the page"
}

# The distribution trace and the lesson page: a trace file that cannot be
# written keeps the node from starting, with the reason; --html without
# --replay is a usage error; a page that cannot be written is reported
# (status 1) after the replay.
case_trace_dist() {
    run --sname clitrace --trace-dist "$work/no/such/dir/trace.jsonl" -e 'IO.puts(:started)'
    [ $status = 1 ] || fail "an unwritable trace exited with $status"
    contains "$err" "ciex: cannot start distribution: cannot write the distribution trace $work/no/such/dir/trace.jsonl: No such file or directory"
    run --html "$work/page.html"
    [ $status = 1 ] || fail "--html without --replay exited with $status"
    contains "$err" "ciex: --settle, --iex, --iex-node, --update, --record, --runs and --html go with --replay FILE"
    printf '$ ciex\niex(1)> 1 + 1\n2\n' >"$work/lesson.txt"
    run --replay "$work/lesson.txt" --html "$work/no/such/dir/page.html"
    [ $status = 1 ] || fail "an unwritable page exited with $status"
    contains "$out" "lesson.txt: 1 outputs checked, all hold"
    contains "$err" "ciex --replay: cannot write $work/no/such/dir/page.html: No such file or directory"
    run --replay "$work/lesson.txt" --html "$work/page.html"
    [ $status = 0 ] || fail "a plain-text lesson's page: status $status"
    grep -qF '<pre class="prompt">iex(1)&gt; 1 + 1' "$work/page.html" || fail "the page lacks the input"
    grep -qF '<p class="status">holds</p>' "$work/page.html" || fail "the page does not say the output holds"
    run --sname clitrace2 --trace-dist "$work/trace.jsonl" -e ':ok = :ciex.trace(:dist); :ok = :ciex.trace(false); IO.puts(:done)'
    [ $status = 0 ] || fail "the trace switches: status $status ($err)"
    run -e 'IO.inspect(:ciex.trace(:dist))'
    contains "$out" "{:error, :not_alive}"
}

# An expression nested deeper than the C stack allows (real iex has no
# such limit; ciex's is past 20,000 terms of 1 + 1 + ...): a CompileError,
# in a script and at the prompt, which goes on.
case_deep() {
    local deep
    deep=$(printf '1%.0s+' $(seq 200000))1
    printf 'IO.puts(%s)
' "$deep" >"$work/deep.exs"
    run --script "$work/deep.exs"
    [ $status = 1 ] || fail "a too deep script exited with $status"
    contains "$err" "** (CompileError) $work/deep.exs:1: expression too deeply nested"
    printf '%s
1 + 1
' "$deep" >"$work/in"
    run
    [ $status = 0 ] || fail "the shell exited with $status"
    contains "$out" "** (CompileError) iex:1: expression too deeply nested"
    contains "$out" "iex(1)> 2"
}

# A macro that expands to a call of itself (in a body, a guard, a
# module's body): elixir expands until memory runs out; ciex stops after
# 1,000 nested expansions with a CompileError, in a script and at the
# prompt, which goes on.
case_macro_loop() {
    cat >"$work/loop.exs" <<'EOF'
defmodule M do
  defmacro loop(x), do: quote(do: M.loop(unquote(x) + 1))
  defmacro g(x), do: quote(do: M.g(unquote(x)))
  defmacro body, do: quote(do: M.body())
end
EOF
    local use
    for use in 'def f, do: M.loop(1)' 'def f(x) when M.g(x), do: x' 'M.body()'; do
        printf 'defmodule N do\n  require M\n  %s\nend\n' "$use" >"$work/use.exs"
        printf 'c("%s")\nc("%s")\n:still_here\n' "$work/loop.exs" "$work/use.exs" >"$work/in"
        run
        [ $status = 0 ] || fail "the shell exited with $status"
        contains "$out" "macro expansion nested more than 1000 levels deep"
        contains "$out" ":still_here"
    done
    cat "$work/loop.exs" >"$work/script.exs"
    printf 'defmodule N do\n  require M\n  def f, do: M.loop(1)\nend\n' >>"$work/script.exs"
    rm -f "$work/in"
    run --script "$work/script.exs"
    [ $status = 1 ] || fail "the script exited with $status"
    contains "$err" "** (CompileError) $work/script.exs:8: macro expansion nested more than 1000 levels deep (in loop/1)"
}

# The cookie file by erl's rules (kernel's auth.erl; the messages are
# erl's): owner-only access, printable characters on one line, not empty,
# no longer than an atom; ~/.config/erlang/.erlang.cookie next; none is
# created without a home.
case_cookie() {
    local file=$HOME/.erlang.cookie
    cookie_fails() { # CONTENT MODE MESSAGE
        rm -f "$file"
        printf "$1" >"$file"
        chmod "$2" "$file"
        run --sname cookiecase -e 'IO.inspect(Node.get_cookie())'
        [ $status = 1 ] || fail "cookie '$1' (mode $2) was accepted: $out"
        contains "$err" "ciex: cannot start distribution: $3"
    }
    cookie_fails 'SECRET' 644 "Cookie file $file must be accessible by owner only"
    cookie_fails 'SECRET' 440 "Cookie file $file must be accessible by owner only"
    cookie_fails '' 400 "Too short cookie string"
    cookie_fails '\n \n' 400 "Too short cookie string"
    cookie_fails 'SEC\tRET' 400 "Bad characters in cookie"
    cookie_fails 'SECRET\nMORE' 400 "Bad characters in cookie"
    cookie_fails "$(printf 'A%.0s' $(seq 256))" 400 "Cookie in $file is longer than 255 characters"
    rm -f "$file"
    run --sname cookiecase --cookie "$(printf 'A%.0s' $(seq 256))" -e 'IO.puts(:started)'
    [ $status = 1 ] || fail "a cookie of 256 characters was accepted"
    contains "$err" "the cookie is longer than 255 characters"
    # as erl: a trailing space belongs to the cookie
    printf 'SECRET \r\n' >"$file"
    chmod 400 "$file"
    run --sname cookiecase -e 'IO.inspect(Node.get_cookie())'
    [ "$out" = ':"SECRET "' ] || fail "the cookie read as $out $err"
    rm -f "$file"
    mkdir -p "$HOME/.config/erlang"
    printf 'XDGCOOKIE\n' >"$HOME/.config/erlang/.erlang.cookie"
    chmod 400 "$HOME/.config/erlang/.erlang.cookie"
    run --sname cookiecase -e 'IO.inspect(Node.get_cookie())'
    [ "$out" = ':XDGCOOKIE' ] || fail "the XDG cookie read as $out $err"
    [ ! -e "$file" ] || fail "a cookie was created beside the XDG one"
    rm -rf "$HOME/.config"
    run --sname cookiecase -e 'IO.puts(:started)'
    [ "$out" = started ] || fail "no cookie was created: $out $err"
    [ "$(stat -c %a "$file")" = 400 ] || fail "the new cookie file has mode $(stat -c %a "$file")"
    # no home: erl does not start distribution, and writes nothing here
    rm -f "$file"
    env -u HOME "$ciex" --sname cookiecase -e 'IO.puts(:started)' >"$work/out" 2>"$work/err"
    status=$?
    [ $status = 1 ] || fail "without HOME the node started: $(cat "$work/out")"
    contains "$(cat "$work/err")" "ciex: cannot start distribution: No home for cookie file"
    [ ! -e "$work/.erlang.cookie" ] || fail "a cookie file was written into the current directory"
}

# A node's own EPMD: shown in ps as an EPMD (not as a copy of the node's
# command line with its cookie), and stopped by --epmd-kill.
case_epmd() {
    # the test's own EPMD port (ctest gives every test one), where nothing
    # answers yet; a random one below the ephemeral ports (where nodes
    # listen) when run by hand
    local port=${ERL_EPMD_PORT:-}
    if [ -z "$port" ] || ERL_EPMD_PORT=$port "$ciex" --epmd-names >/dev/null 2>&1; then
        for _ in $(seq 20); do
            port=$((31000 + RANDOM % 1700))
            ERL_EPMD_PORT=$port "$ciex" --epmd-names >/dev/null 2>&1 || break
        done
    fi
    export ERL_EPMD_PORT=$port
    local cookie=SECRET-COOKIE-$RANDOM$RANDOM
    run --sname epmdcase --cookie "$cookie" -e 'IO.puts(:started)'
    [ $status = 0 ] && [ "$out" = started ] || fail "the node did not run: $out $err (status $status)"
    local procs
    procs=$(ps -eo args)
    if grep -F -- "$cookie" <<<"$procs"; then
        "$ciex" --epmd-kill >/dev/null 2>&1
        fail "a process left behind shows the node's cookie"
    fi
    grep -qx -- "ciex --epmd-foreground -port $port" <<<"$procs" || fail "no 'ciex --epmd-foreground -port $port' in ps"
    # the EPMD takes the node's name off once it sees the node's connection
    # close: until then it refuses, as epmd does
    for _ in $(seq 50); do
        run --epmd-kill
        [ "$out" = "Killing not allowed - living nodes in database." ] || break
        sleep 0.1
    done
    [ $status = 0 ] && [ "$out" = Killed ] || fail "--epmd-kill: $out $err (status $status)"
    run --epmd-names
    [ $status = 1 ] || fail "the EPMD still answers after --epmd-kill"
}

# A script whose processes all wait for a message that nothing can send
# blocks, as elixir does (it does not exit 0 and skip the rest); a
# signal ends it.
case_blocked() {
    local script pid
    for script in 'spawn(fn -> receive do _ -> :ok end end); IO.puts(:waiting); receive do _ -> :ok end; IO.puts(:skipped)' \
        'IO.puts(:waiting); receive do _ -> :ok end; IO.puts(:skipped)'; do
        : >"$work/out"
        "$ciex" -e "$script" </dev/null >"$work/out" 2>&1 &
        pid=$!
        for _ in $(seq 100); do
            grep -q waiting "$work/out" && break
            sleep 0.1
        done
        grep -q waiting "$work/out" || { kill $pid; fail "the script did not start: $(cat "$work/out")"; }
        # still waiting a second later, as the BEAM is
        sleep 1
        kill -0 $pid 2>/dev/null || fail "a script whose processes all wait exited: $(cat "$work/out")"
        kill -TERM $pid
        wait $pid
        status=$?
        [ $status = 143 ] || fail "SIGTERM ended the waiting script with status $status"
        grep -q skipped "$work/out" && fail "the rest of the script ran"
    done
}

# Out of memory: a line says what ran out, as the BEAM's
# "binary_alloc: Cannot allocate N bytes of memory (of type "binary").",
# then ciex aborts (no silent SIGABRT).  Address space is limited with
# ulimit -v, which AddressSanitizer's shadow memory cannot live with.
case_oom() {
    if grep -q __asan_init "$ciex"; then
        echo "SKIPPED: the sanitizer build cannot run under ulimit -v"
        exit 77
    fi
    (ulimit -v 2000000 && exec timeout 30 "$ciex" -e 'IO.puts(byte_size(String.duplicate("x", 3_000_000_000)))') \
        >"$work/out" 2>"$work/err"
    status=$?
    [ $status = 134 ] || fail "out of memory ended with status $status: $(cat "$work/out" "$work/err")"
    grep -qE '^ciex: Cannot allocate 3000000[0-9]* bytes of memory \(of type "binary"\)\.$' "$work/err" ||
        fail "no line says what ran out: $(cat "$work/err")"
}

if ! declare -F "case_$case" >/dev/null; then
    echo "unknown case $case"
    exit 2
fi
"case_$case"
echo "ok ($case)"
