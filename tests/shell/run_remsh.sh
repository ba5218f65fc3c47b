#!/usr/bin/env bash
# Remote shells in a terminal, typed as a person types: a terminal of
# kind TERM attaches with --remsh to a node of kind NODE (each iex or
# ciex).  The node runs a script that only waits; the terminal runs in a
# tmux pane.  The expectations hold for iex -> iex, which is how they
# were checked (run_remsh.sh iex iex needs no ciex but its EPMD port).
#
#   run_remsh.sh CIEX TERM NODE
#
# Every step waits, with a deadline, for what the screen must show.
set -u
ciex=$(realpath "$1") term_kind=$2 node_kind=$3
export LC_ALL=C.UTF-8
if ! command -v tmux >/dev/null || ! command -v iex >/dev/null; then
    echo "SKIPPED: tmux and elixir are needed (scripts/install-deps.sh installs them)"
    exit 77
fi
work=$(mktemp -d)
sock=$work/tmux.sock
deadline_s=${TTY_DEADLINE:-20}
host=$(hostname -s)
node_pid=
T() { tmux -S "$sock" "$@"; }
# the node, and with an iex node the BEAM under elixir's launcher, which
# runs with this test's EPMD port on its command line
stop_node() {
    [ -n "$node_pid" ] && kill "$node_pid" 2>/dev/null
    [ $node_kind = iex ] && pkill -f -- "-epmd_port ${ERL_EPMD_PORT:-4369} .*-sname foo" 2>/dev/null
    node_pid=
}
cleanup() {
    T kill-server 2>/dev/null
    stop_node
    [ $term_kind = iex ] && pkill -f -- "-epmd_port ${ERL_EPMD_PORT:-4369} .*-sname bar" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "FAIL (remsh $term_kind -> $node_kind): $*"
    echo "--- screen:"; screen
    echo "--- node:"; cat "$work/node.log"
    exit 1
}
. "$(dirname "$0")/tty_screen.sh"
type_line() { T send-keys -t 0 -l "$1"; T send-keys -t 0 Enter; }

# the node: waits until killed
cookie=remsh-cookie
wait_script='Process.sleep(:infinity)'
case $node_kind in
    iex) elixir --sname foo --cookie $cookie -e "$wait_script" >"$work/node.log" 2>&1 & ;;
    ciex) "$ciex" --sname foo --cookie $cookie -e "$wait_script" >"$work/node.log" 2>&1 & ;;
esac
node_pid=$!
# registered with EPMD: the node is up
end=$((SECONDS + deadline_s))
until "$ciex" --epmd-names 2>/dev/null | grep -q "name foo "; do
    [ $SECONDS -lt $end ] || fail "the node did not start"
    sleep 0.05
done

case $term_kind in
    iex) prog="iex --sname bar --cookie $cookie --remsh foo" ;;
    ciex) prog="$ciex --sname bar --cookie $cookie --remsh foo" ;;
esac
T -f /dev/null new-session -d -x 100 -y 40 "cd '$work' && $prog; echo \$? >status; sleep 600"
T set-option -g remain-on-exit on

p() { echo "^iex\\(foo@$host\\)$1>\$"; }
case $node_kind in
    iex) wait_for '^Interactive Elixir \(1\.14\.0\) - press Ctrl\+C to exit' ;;
    ciex) wait_for '^Interactive Elixir \(ciex [0-9.]+\) - press Ctrl\+C to exit' ;;
esac
wait_last "$(p 1)"

# inputs run on the remote node
type_line 'Node.self'
wait_for "^:foo@$host\$"
wait_last "$(p 2)"
type_line 'Node.list'
wait_for "^\\[:bar@$host\\]\$"
wait_last "$(p 3)"
# a continuation line, a binding, output of the remote code
type_line '[1,'
wait_last "^\\.\\.\\.\\(foo@$host\\)3>\$"
type_line '2]'
wait_for '^\[1, 2\]$'
type_line 'x = 20'
wait_last "$(p 5)"
type_line 'IO.puts("x is #{x + 1}")'
wait_for '^x is 21$'
wait_last "$(p 6)"
# an error keeps the counter
type_line 'raise "boom"'
wait_for '^\*\* \(RuntimeError\) boom$'
wait_last "$(p 6)"
# Tab lists what the remote node's Enum exports
T send-keys -t 0 -l 'Enum.map_'
keys Tab
wait_for 'map_every/3 +map_intersperse/3'
keys C-u
# history: Up recalls the last input
keys Up
wait_last "^iex\\(foo@$host\\)6> raise \"boom\"\$"
keys C-u
# Ctrl+C during an evaluation interrupts it (a ciex terminal; iex's
# opens the BREAK menu of its own emulator)
if [ $term_kind = ciex ]; then
    type_line 'Process.sleep(60_000)'
    sleep 0.3 # the input has to reach the remote node; nothing on screen tells
    keys C-c
    wait_for '^\*\* \(EXIT\) interrupted$'
    wait_last "$(p 6)"
    # a fresh evaluator: the same counter, the variables gone (as iex)
    type_line 'binding()'
    wait_for '^\[\]$'
    wait_last "$(p 7)"
fi

# the remote node goes away: the terminal says so
stop_node
wait_for '\*\*\* ERROR: Shell process terminated!'
if [ $term_kind = ciex ]; then
    end=$((SECONDS + deadline_s))
    until [ -s "$work/status" ]; do
        [ $SECONDS -lt $end ] || fail "ciex did not exit"
        sleep 0.05
    done
    [ "$(cat "$work/status")" = 1 ] || fail "exit status $(cat "$work/status"), not 1"
fi
echo "remsh $term_kind -> $node_kind: ok"
