#!/usr/bin/env bash
# Command-line checks of what ciex does on its own terms (where real
# iex/elixir print the same thing, the expected text below is theirs):
# --help and --version, --erl, -e and --script (elixir's exit statuses, library
# stack frames), -S mix
# and recompile/0, r/1, runtime_info/0, and the manual page.
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
    contains "$out" "Usage: ciex [options] [FILE.ex ...]"
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
    # recompile/0 picks up a changed file
    printf 'defmodule Q do\n  def b, do: 41\nend\n' >lib/sub/q.ex
    say 'recompile()'
    await 'iex(3)> '
    say 'P.a()'
    await 'iex(4)> '
    end_session
    [ $status = 0 ] || fail "-S mix exited with $status: $(cat "$work/err")"
    contains "$(cat "$work/out")" "iex(2)> :ok"
    contains "$(cat "$work/out")" "iex(3)> 42"
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

if ! declare -F "case_$case" >/dev/null; then
    echo "unknown case $case"
    exit 2
fi
"case_$case"
echo "ok ($case)"
