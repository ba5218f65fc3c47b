#!/usr/bin/env bash
# EPMD registrations: ciex's EPMD answers ALIVE2 requests as OTP's epmd
# does (tests/dist/epmd_alive.exs asks both the same), and a node asking
# for a name held there is told that it is in use.
#
# Usage: epmd_alive.sh CIEX   (ciex's EPMD listens on ERL_EPMD_PORT, set
# by ctest, or a free random port when it is taken; OTP's epmd on a free
# random port)
set -u
ciex=$1
cd "$(dirname "$0")" || exit 2
if ! command -v elixir >/dev/null || ! command -v epmd >/dev/null; then echo "SKIPPED: elixir is not installed"; exit 0; fi
work=$(mktemp -d)
cpid= rpid=
trap 'kill $cpid $rpid 2>/dev/null; rm -rf "$work"' EXIT
# start_daemon VAR CMD...: runs CMD (which listens on $try) in the
# background and waits until it answers; fails when it exits first, as it
# does when the port is taken (by an EPMD another test left, for one)
start_daemon() {
    local var=$1; shift
    ERL_EPMD_PORT=$try "$@" >/dev/null 2>&1 &
    local pid=$!
    for _ in $(seq 50); do
        kill -0 $pid 2>/dev/null || return 1
        if ERL_EPMD_PORT=$try "$ciex" --epmd-names >/dev/null 2>&1; then
            # the answer may have come from an older EPMD, with ours exiting
            sleep 0.2
            kill -0 $pid 2>/dev/null || return 1
            printf -v "$var" %s $pid
            return 0
        fi
        sleep 0.1
    done
    kill $pid; return 1
}
# a random port below the ephemeral ones (where nodes listen)
random_port() { echo $((12000 + RANDOM % 20000)); }
# two free ports: ERL_EPMD_PORT first, then random ones
try=$ERL_EPMD_PORT
until start_daemon cpid "$ciex" --epmd-foreground; do try=$(random_port); done
port=$try
try=$(random_port)
until start_daemon rpid epmd -port $try; do try=$(random_port); done
real=$try
# the checker itself is no distributed node: it speaks to the EPMDs by hand
ERL_EPMD_PORT=$real timeout 120 elixir epmd_alive.exs $real $port "$ciex" >"$work/out" 2>&1
diff -u --label "expected epmd_alive.out" --label "actual" epmd_alive.out "$work/out"
