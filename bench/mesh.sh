#!/usr/bin/env bash
# The mesh start: N nodes of one kind (ciex or beam) on this host start
# and say READY; then, at once, N - 1 of them connect to a hub, and
# :global's full connection must join them all.  Prints how many
# "overlapping partitions" warnings the nodes logged (:global disconnecting
# a node; a clean start has none), how many nodes converged and how long
# after the go every node saw all the others.
# Usage: bench/mesh.sh CIEX [kind] [N]     (kind: ciex, beam or mixed,
# half of each; N: 20)
# MESH_HUB_KIND=ciex|beam makes the hub of another kind than the others;
# MESH_KEEP=FILE keeps the nodes' output.  Uses its own EPMD on a private
# port and stops everything it started.
set -u
ciex=$1 kind=${2:-ciex} n=${3:-20}
script=$(cd "$(dirname "$0")" && pwd)/mesh.exs
export ERL_EPMD_PORT=${MESH_EPMD_PORT:-$((36000 + RANDOM % 1000))} MESH_N=$n
host=$(hostname -s)
export MESH_HUB=hub@$host
work=$(mktemp -d)
pids=()
stop() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$work"
}
trap stop EXIT
"$ciex" --epmd-foreground &
pids+=($!)
for _ in $(seq 100); do "$ciex" --epmd-names >/dev/null 2>&1 && break; sleep 0.05; done
start() { # start NAME ROLE KIND: reads its go from the fifo NAME.in
    mkfifo "$work/$1.in"
    if [ "$3" = beam ]; then MESH_ROLE=$2 elixir --sname "$1" --cookie mesh "$script" <"$work/$1.in" >"$work/$1.out" 2>&1 &
    else MESH_ROLE=$2 "$ciex" --sname "$1" --cookie mesh --script "$script" <"$work/$1.in" >"$work/$1.out" 2>&1 & fi
    pids+=($!)
}
hub_kind=${MESH_HUB_KIND:-$kind}
[ "$hub_kind" = mixed ] && hub_kind=ciex
start hub hub "$hub_kind"
for i in $(seq 2 "$n"); do
    k=$kind
    [ "$kind" = mixed ] && k=$([ $((i % 2)) = 0 ] && echo beam || echo ciex)
    start "node$i" node "$k"
done
# the writing ends, held open until the end
fds=()
for f in "$work"/*.in; do exec {fd}>"$f"; fds+=("$fd"); done
for _ in $(seq 1200); do
    [ "$(cat "$work"/*.out | grep -c '^READY')" -ge "$n" ] && break
    sleep 0.05
done
t0=$(date +%s%3N)
for fd in "${fds[@]}"; do echo go >&"$fd"; done
for _ in $(seq 1200); do
    [ "$(cat "$work"/*.out | grep -c '^CONVERGED\|^NOT CONVERGED')" -ge "$n" ] && break
    sleep 0.05
done
sleep 0.5 # warnings logged just after convergence count too
converged=$(cat "$work"/*.out | grep -c '^CONVERGED')
last=$(cat "$work"/*.out | sed -n 's/^CONVERGED //p' | sort -n | tail -1)
warnings=$(cat "$work"/*.out | grep -c 'overlapping partitions')
echo "mesh kind=$kind nodes=$n converged=$converged overlap_warnings=$warnings converge_ms=$(( ${last:-$t0} - t0 ))"
if [ -n "${MESH_KEEP:-}" ]; then cat "$work"/*.out > "$MESH_KEEP"; fi
for fd in "${fds[@]}"; do exec {fd}>&-; done
