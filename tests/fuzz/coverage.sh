#!/bin/sh
# Checks that a fuzz target sees the library's coverage: its seeds alone
# must reach at least MIN edges (`cov:`), which only an instrumented
# library gives (uninstrumented, libFuzzer sees the target's own few).
#
# Usage: coverage.sh TARGET-BINARY SEED-DIR MIN
set -u
bin=$1 seeds=$2 min=$3
out=$("$bin" -runs=0 "$seeds" 2>&1)
cov=$(printf '%s\n' "$out" | sed -n 's/.*INITED cov: \([0-9]*\).*/\1/p' | tail -1)
if [ -z "$cov" ]; then
    printf '%s\n' "$out"
    echo "FAIL: no INITED line from $bin"
    exit 1
fi
if [ "$cov" -lt "$min" ]; then
    echo "FAIL: $(basename "$bin") reaches $cov edges from its seeds (at least $min expected): is the library instrumented for coverage?"
    exit 1
fi
echo "ok: $(basename "$bin") reaches $cov edges from its seeds"
