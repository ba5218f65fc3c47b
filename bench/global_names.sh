#!/usr/bin/env bash
# Runs bench/global_names.exs on three nodes: two peers, then the driver.
# Usage: bench/global_names.sh CIEX [driver-kind] [peer1-kind] [peer2-kind]
#   kind: ciex (default) or beam (real Elixir).  Uses its own EPMD port.
set -u
ciex=$1 dk=${2:-ciex} p1=${3:-ciex} p2=${4:-ciex}
script=$(cd "$(dirname "$0")" && pwd)/global_names.exs
export ERL_EPMD_PORT=${ERL_EPMD_PORT:-$((35000 + RANDOM % 1000))}
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$work"' EXIT
run() { # run KIND NAME
    if [ "$1" = beam ]; then exec elixir --sname "$2" --cookie bench "$script"
    else exec "$ciex" --sname "$2" --cookie bench --script "$script"; fi
}
for peer in peer1:$p1 peer2:$p2; do
    run "${peer#*:}" "${peer%%:*}" >"$work/${peer%%:*}.out" 2>&1 &
    pids+=($!)
    for _ in $(seq 200); do grep -q READY "$work/${peer%%:*}.out" 2>/dev/null && break; sleep 0.05; done
done
run "$dk" driver
