#!/usr/bin/env bash
# A mesh start in ctest (bench/mesh.sh at a smaller size): N nodes of KIND
# start, N - 1 connect at once to a hub of HUB-KIND, and :global's full
# connection must join every node to every other with no "overlapping
# partitions" warning (no node disconnected), as a BEAM cluster does.
# Usage: tests/dist/mesh.sh CIEX KIND HUB-KIND N   (kinds: ciex, beam; KIND
# also mixed: BEAM and ciex nodes alternate)
set -u
ciex=$1 kind=$2 hub=$3 n=$4
here=$(cd "$(dirname "$0")" && pwd)
if [ "$kind$hub" != ciexciex ] && ! command -v elixir >/dev/null 2>&1; then
    echo "SKIPPED: elixir is not installed"
    exit 0
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
line=$(MESH_EPMD_PORT=$ERL_EPMD_PORT MESH_HUB_KIND=$hub MESH_KEEP=$log "$here/../../bench/mesh.sh" "$ciex" "$kind" "$n")
echo "$line"
if [ "$line" = "${line/converged=$n overlap_warnings=0 /}" ]; then
    echo "FAIL: not every node converged, or :global disconnected a node:"
    grep -B1 -A1 'overlapping partitions\|NOT CONVERGED\|error' "$log"
    exit 1
fi
