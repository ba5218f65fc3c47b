#!/usr/bin/env bash
# Runs bench/global_names.exs on two nodes, each ciex or real Elixir, to
# compare mixed clusters (bench/run.sh measures ciex/ciex and BEAM/BEAM).
# Usage: bench/global_names.sh CIEX [driver-kind] [peer-kind] [names]
#   kind: ciex (default) or beam.  Uses its own EPMD on a private port.
# The "@rss" lines are left unanswered here (bench/benchtool answers them).
set -u
ciex=$1 dk=${2:-ciex} pk=${3:-ciex}
export BENCH_N=${4:-10000}
script=$(cd "$(dirname "$0")" && pwd)/global_names.exs
export ERL_EPMD_PORT=$((35000 + RANDOM % 1000))
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$work"' EXIT
if command -v epmd >/dev/null 2>&1; then epmd -port "$ERL_EPMD_PORT" & else "$ciex" --epmd-foreground & fi
pids+=($!)
run() { # run KIND NAME ROLE
    if [ "$1" = beam ]; then BENCH_ROLE=$3 exec elixir --sname "$2" --cookie bench "$script"
    else BENCH_ROLE=$3 exec "$ciex" --sname "$2" --cookie bench --script "$script"; fi
}
sleep 0.2
run "$pk" peer peer >"$work/peer.out" 2>&1 &
pids+=($!)
for _ in $(seq 300); do grep -q READY "$work/peer.out" 2>/dev/null && break; sleep 0.05; done
BENCH_PEER=peer run "$dk" driver driver | grep -v '^@rss'
