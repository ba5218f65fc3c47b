#!/usr/bin/env bash
# Terminal tests: ciex runs in a tmux pane (a real pseudo-terminal), the
# test types keys and reads the screen (capture-pane) and the raw bytes
# ciex wrote (pipe-pane).  No sleeps stand in for synchronisation: every
# step waits, with a deadline, for what the screen must show.
#
#   run_tty.sh CIEX CASE           one case against ciex
#   run_tty.sh --iex CASE          the same case against real iex, for the
#                                  cases marked "iex too" below: this is how
#                                  their expectations were checked
#
# Each case runs with a fresh HOME and working directory and its own tmux
# server (a socket in the temporary directory), so cases run in parallel.
set -u
if [ "$1" = --iex ]; then prog=iex; kind=iex; else prog=$1; kind=ciex; fi
case=$2
export LC_ALL=C.UTF-8
if ! command -v tmux >/dev/null; then
    echo "SKIPPED: tmux is not installed (scripts/install-deps.sh installs it)"
    exit 77
fi
work=$(mktemp -d)
home=$work/home
mkdir -p "$home"
sock=$work/tmux.sock
deadline_s=${TTY_DEADLINE:-15}
T() { tmux -S "$sock" "$@"; }
cleanup() { T kill-server 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

fail() {
    echo "FAIL ($case, $kind): $*"
    echo "--- screen:"
    screen
    exit 1
}

# start [ARGS...]: the program in a 100x30 pane; it starts once the raw
# output is being recorded (the pane waits for the file `go`), and its
# exit status lands in the file `status` (the shell around it ignores
# Ctrl+C, which only the program must see).
start() {
    rm -f "$work/go" "$work/status" "$work/raw"
    T -f /dev/null new-session -d -x 100 -y 30 \
        "cd '$work' && while [ ! -e go ]; do sleep 0.01; done; trap '' INT; HOME='$home' $prog $*; echo \$? >status"
    T set-option -g remain-on-exit on
    T pipe-pane -o "cat >> '$work/raw'"
    touch "$work/go"
}

. "$(dirname "$0")/tty_screen.sh"

# wait_cursor_row N: until the cursor is on row N (0-based), i.e. the
# program has read the keys before (readline moved to the next line).
wait_cursor_row() {
    local end=$((SECONDS + deadline_s))
    while [ $SECONDS -lt $end ]; do
        if [ "$(T display -p -t 0 '#{cursor_y}')" = "$1" ]; then return 0; fi
        sleep 0.05
    done
    fail "the cursor never reached row $1"
}

# wait_exit: until the program has ended; prints its exit status.
wait_exit() {
    local end=$((SECONDS + deadline_s))
    while [ $SECONDS -lt $end ]; do
        if [ -s "$work/status" ]; then
            cat "$work/status"
            return 0
        fi
        sleep 0.05
    done
    fail "the program did not exit"
}

raw_has() { grep -qF -- "$(printf '%b' "$1")" "$work/raw"; }
expect_screen_line() { screen | grep -qxF -- "$1" || fail "no screen line '$1'"; }
only_for_ciex() {
    if [ $kind != ciex ]; then
        echo "SKIPPED: $case is ciex's own behaviour"
        exit 0
    fi
}

prompt1='^iex\(1\)>$'

# ---- cases ----

# Prompts, continuation prompts and the counter (iex too).
case_prompts() {
    start
    wait_last "$prompt1"
    type_text '1 + 1'; keys Enter
    wait_last '^iex\(2\)>$'
    type_text '[1,'; keys Enter
    wait_last '^\.\.\.\(2\)>$'
    type_text '2]'; keys Enter
    wait_last '^iex\(3\)>$'
    type_text 'raise "boom"'; keys Enter
    wait_count '^iex\(3\)>' 2
    type_text ':done'; keys Enter
    wait_last '^iex\(4\)>$'
    screen | grep -A 20 '^iex(1)> ' >"$work/got"
    cat >"$work/want" <<'EOF'
iex(1)> 1 + 1
2
iex(2)> [1,
...(2)> 2]
[1, 2]
iex(3)> raise "boom"
** (RuntimeError) boom

iex(3)> :done
:done
iex(4)>
EOF
    diff -u "$work/want" "$work/got" || fail "the screen differs"
}

# Colours: iex's exact escape sequences for a result and an error (iex too).
case_colours() {
    start
    wait_last "$prompt1"
    type_text '1 + 1'; keys Enter
    wait_last '^iex\(2\)>$'
    type_text '{:ok, "text", [nil]}'; keys Enter
    wait_last '^iex\(3\)>$'
    type_text 'raise "boom"'; keys Enter
    wait_count '^iex\(3\)>' 2
    raw_has '\e[33m\e[33m2\e[0m\e[33m\e[0m' || fail "no yellow result"
    raw_has '\e[33m\e[39m{\e[0m\e[33m\e[36m:ok\e[0m\e[33m\e[39m,\e[0m\e[33m \e[32m"text"\e[0m\e[33m' ||
        fail "no syntax colours"
    raw_has '\e[31m** (RuntimeError) boom\e[0m' || fail "no red error"
}

# NO_COLOR set (iex too, through elixir's launcher): no colours at all on
# a terminal, neither results nor errors.
case_no_color() {
    export NO_COLOR=1
    start
    wait_last "$prompt1"
    type_text '{:ok, 1 + 1}'; keys Enter
    wait_last '^iex\(2\)>$'
    type_text 'raise "boom"'; keys Enter
    wait_count '^iex\(2\)>' 2
    expect_screen_line '{:ok, 2}'
    expect_screen_line '** (RuntimeError) boom'
    if raw_has '\e[33m' || raw_has '\e[31m' || raw_has '\e[36m'; then fail "colours with NO_COLOR set"; fi
}

# A compiler warning at the prompt (iex too): "warning: " in yellow on
# stderr, the text and the iex:N location, then the result.
case_warnings() {
    start
    wait_last "$prompt1"
    type_text 'fn a -> 1 end'; keys Enter
    wait_last '^iex\(2\)>$'
    expect_screen_line 'warning: variable "a" is unused (if the variable is not meant to be used, prefix it with an underscore)'
    expect_screen_line '  iex:1'
    raw_has '\e[33mwarning: \e[0mvariable "a" is unused' || fail "no yellow warning"
}

# Tab completion (iex too).
case_completion() {
    start
    wait_last "$prompt1"
    type_text 'Node.'; keys Tab
    wait_for '^alive\?/0 +connect/1 +disconnect/1 +get_cookie/0$'
    wait_last '^iex\(1\)> Node\.$'
    keys C-u; type_text 'Nod'; keys Tab
    wait_last '^iex\(1\)> Node$'
    keys C-u; type_text 'Node.con'; keys Tab
    wait_last '^iex\(1\)> Node\.connect$'
    keys C-u; type_text ':glo'; keys Tab
    wait_last '^iex\(1\)> :global$'
    type_text '.'; keys Tab
    wait_for 'registered_names/0'
    wait_for 'whereis_name/1'
    keys C-u; type_text 'Agent'; keys Tab
    wait_last '^iex\(1\)> Agent\.$'
    keys C-u; type_text 'foobar = 1'; keys Enter
    wait_last '^iex\(2\)>$'
    type_text 'foo'; keys Tab
    wait_last '^iex\(2\)> foobar$'
    keys Enter
    wait_last '^iex\(3\)>$'
    expect_screen_line '1'
}

# History: kept in ~/.ciex_history across sessions, one entry per input,
# so that a multi-line input comes back whole.
case_history() {
    only_for_ciex
    start
    wait_last "$prompt1"
    type_text 'x = 41'; keys Enter
    wait_last '^iex\(2\)>$'
    type_text 'defmodule H do'; keys Enter
    wait_last '^\.\.\.\(2\)>$'
    type_text '  def f, do: 1'; keys Enter
    wait_last '^\.\.\.\(2\)>$'
    type_text 'end'; keys Enter
    wait_last '^iex\(3\)>$'
    keys C-d
    local st; st=$(wait_exit); [ "$st" = 0 ] || fail "Ctrl+D did not end ciex with status 0 (status $st)"
    grep -qx 'x = 41' "$home/.ciex_history" || fail "x = 41 is not in ~/.ciex_history"
    grep -qx '  def f, do: 1' "$home/.ciex_history" || fail "the defmodule is not in ~/.ciex_history"
    T kill-server
    start
    wait_last "$prompt1"
    keys Up
    wait_for '^  def f, do: 1$'
    wait_last '^end$'
    keys Enter
    wait_last '^iex\(2\)>$'
    wait_for '^\{:module, H,'
    keys Up Up
    wait_last '^iex\(2\)> x = 41$'
    keys Enter
    wait_last '^iex\(3\)>$'
    expect_screen_line '41'
}

# A paste of several inputs (bracketed paste) runs them one after the
# other, each shown after its prompt.
case_paste() {
    only_for_ciex
    start
    wait_last "$prompt1"
    T set-buffer "$(printf 'x = 1 +\n  1\nx * 10\n[x,\n x]')"
    T paste-buffer -p -t 0
    wait_last '^ x\]$'
    keys Enter
    wait_last '^iex\(4\)>$'
    screen | grep -A 20 '^iex(1)> ' >"$work/got"
    cat >"$work/want" <<'EOF'
iex(1)> x = 1 +
  1
x * 10
[x,
 x]
2
iex(2)> x * 10
20
iex(3)> [x,
...(3)>  x]
[2, 2]
iex(4)>
EOF
    diff -u "$work/want" "$work/got" || fail "the screen differs"
}

# Output from another process appears above the line being typed, which
# stays as it was, cursor included.
case_async() {
    only_for_ciex
    start
    wait_last "$prompt1"
    type_text 'spawn(fn -> :timer.sleep(1500); IO.puts("hello from a process") end); :spawned'; keys Enter
    wait_last '^iex\(2\)>$'
    type_text 'abc'
    wait_last '^iex\(2\)> abc$'
    keys Left
    wait_for '^hello from a process$'
    wait_last '^iex\(2\)> abc$'
    type_text 'X'
    wait_last '^iex\(2\)> abXc$'
    screen | grep -B1 '^iex(2)> abXc$' | head -1 | grep -qx 'hello from a process' ||
        fail "the output is not right above the prompt"
}

# Ctrl+C interrupts a long evaluation; at an idle prompt it shows the
# BREAK menu, and a second Ctrl+C exits.
case_ctrl_c() {
    only_for_ciex
    start
    wait_last "$prompt1"
    type_text 'x = 1'; keys Enter
    wait_last '^iex\(2\)>$'
    type_text ':timer.sleep(:infinity)'; keys Enter
    local row
    row=$(screen | grep -n '^iex(2)> :timer' | cut -d: -f1)
    wait_cursor_row "$row"
    keys C-c
    wait_for '^\*\* \(EXIT\) interrupted$'
    wait_last '^iex\(2\)>$'
    raw_has '\e[31m** (EXIT) interrupted\e[0m' || fail "the interrupt is not in red"
    type_text ':back'; keys Enter
    wait_last '^iex\(3\)>$'
    expect_screen_line ':back'
    keys C-c
    wait_for '^BREAK: \(a\)bort \(c\)ontinue \(v\)ersion$'
    wait_for 'Ctrl\+C again to exit'
    keys c Enter
    wait_last '^iex\(3\)>$'
    keys C-c
    wait_for '^BREAK'
    keys C-c
    local st; st=$(wait_exit); [ "$st" = 0 ] || fail "a second Ctrl+C did not end ciex with status 0 (status $st)"
}

# Ctrl+D at an empty prompt exits; with text on the line it does not.
# IO.gets at the prompt: its prompt, the typed line as its answer, and
# the shell going on after it (iex too).
case_gets() {
    start
    wait_last "$prompt1"
    type_text 'name = IO.gets("name? ")'; keys Enter
    wait_last '^name\?$'
    type_text 'sven'; keys Enter
    wait_last '^iex\(2\)>$'
    expect_screen_line 'name? sven'
    expect_screen_line '"sven\n"'
    type_text 'String.upcase(name)'; keys Enter
    wait_last '^iex\(3\)>$'
    expect_screen_line '"SVEN\n"'
}

case_ctrl_d() {
    only_for_ciex
    start
    wait_last "$prompt1"
    type_text 'ab'; keys Left C-d
    wait_last '^iex\(1\)> a$'
    keys C-u C-d
    local st; st=$(wait_exit); [ "$st" = 0 ] || fail "Ctrl+D did not end ciex with status 0 (status $st)"
}

# A named node: the prompt carries the node name (iex too).
case_node_prompt() {
    start --sname ttynode
    wait_last '^iex\(ttynode@[^)]+\)1>$'
    type_text 'String.starts_with?(Atom.to_string(node()), "ttynode@")'
    keys Enter
    wait_last '^iex\(ttynode@[^)]+\)2>$'
    expect_screen_line 'true'
}

# :ciex.trace(:dist) prints each distribution message as an arrow above
# the line being typed, which stays as it was; :ciex.trace(false) stops.
case_trace() {
    only_for_ciex
    local host
    host=$(hostname -s)
    # the peer: a ciex node whose input stays open until the test ends
    mkfifo "$work/peer_in"
    "$prog" --sname ttypeer --cookie trace_cookie <"$work/peer_in" >"$work/peer_out" 2>&1 &
    peer_pid=$!
    exec 9>"$work/peer_in"
    trap 'exec 9>&-; kill "$peer_pid" 2>/dev/null; cleanup' EXIT
    local end=$((SECONDS + deadline_s))
    until grep -q 'iex(ttypeer@' "$work/peer_out" 2>/dev/null; do
        [ $SECONDS -lt $end ] || fail "the peer node did not start"
        sleep 0.05
    done
    start --sname ttytrace --cookie trace_cookie
    wait_last '^iex\(ttytrace@[^)]+\)1>$'
    type_text ':ciex.trace(:dist)'; keys Enter
    wait_last '^iex\(ttytrace@[^)]+\)2>$'
    type_text "Node.connect(:ttypeer@$host)"; keys Enter
    wait_last '^iex\(ttytrace@[^)]+\)3>$'
    expect_screen_line "ttytrace@$host → ttypeer@$host  (connected)"
    type_text "spawn(fn -> :timer.sleep(1000); send({:shell, :ttypeer@$host}, {:hello, 1}) end); :ok"; keys Enter
    wait_last '^iex\(ttytrace@[^)]+\)4>$'
    type_text 'abc'
    wait_for "^ttytrace@$host → ttypeer@$host  \{:hello, 1\}$"
    wait_last '^iex\(ttytrace@[^)]+\)4> abc$'
    screen | grep -B1 '^iex(ttytrace@[^)]*)4> abc$' | head -1 | grep -qxF "ttytrace@$host → ttypeer@$host  {:hello, 1}" ||
        fail "the arrow is not right above the line being typed"
    keys BSpace BSpace BSpace
    wait_last '^iex\(ttytrace@[^)]+\)4>$'
    type_text ':ciex.trace(false)'; keys Enter
    wait_last '^iex\(ttytrace@[^)]+\)5>$'
    type_text "send({:shell, :ttypeer@$host}, {:bye, 2})"; keys Enter
    wait_last '^iex\(ttytrace@[^)]+\)6>$'
    ! screen | grep -q '→ .*:bye' || fail "a message was traced after :ciex.trace(false)"
    type_text ':ciex.trace(:everything)'; keys Enter
    wait_for '^\*\* \(ArgumentError\) argument error$'
}

# helpers on a terminal: clear/0 clears, h/1 draws a title bar (iex too).
case_helpers() {
    start
    wait_last "$prompt1"
    type_text 'h Node.connect'; keys Enter
    wait_last '^iex\(2\)>$'
    raw_has '\e[7m\e[33m                               def connect(node)                                \e[0m' ||
        fail "no doc title bar"
    raw_has '  \e[36m@spec\e[0m connect(t()) :: boolean() | :ignored' || fail "no spec line"
    type_text 'clear()'; keys Enter
    wait_last '^iex\(3\)>$'
    [ "$(screen | wc -l)" = 1 ] || fail "clear() left lines on the screen"
}

# the installed Elixir's docs on a terminal, coloured as iex colours them
# (recorded from iex 1.14 in tmux): title bar, @spec, inline code, heading
# and code block.
case_docs() {
    command -v elixir >/dev/null || exit 77
    start
    wait_last "$prompt1"
    type_text 'h Enum.map'; keys Enter
    wait_last '^iex\(2\)>$'
    raw_has '\e[7m\e[33m                            def map(enumerable, fun)                            \e[0m' ||
        fail "no doc title bar"
    raw_has '  \e[36m@spec\e[0m map(t(), (element() -> any())) :: list()' || fail "no spec line"
    raw_has 'Returns a list where each element is the result of invoking \e[36mfun\e[0m on each' ||
        fail "inline code not coloured"
    raw_has '\e[33m## Examples\e[0m' || fail "no heading"
    raw_has '\e[36m    iex> Enum.map([1, 2, 3], fn x -> x * 2 end)' || fail "no code block"
}

if ! declare -F "case_$case" >/dev/null; then
    echo "unknown case $case"
    exit 2
fi
"case_$case"
echo "ok ($case, $kind)"
