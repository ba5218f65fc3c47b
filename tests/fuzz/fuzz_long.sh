#!/bin/sh
# The long fuzzing run (`make fuzz-long`): each libFuzzer target of a
# sanitizer build (clang, CIEX_SANITIZE: the library carries coverage
# instrumentation) runs for FUZZ_RUNS executions (10,000,000 by default),
# one target after the other on one core, starting from its seeds
# (tests/fuzz/corpus/<target>, only read) and what earlier runs found
# (BUILD/tests/fuzz/found_<target>).  FUZZ_TIME=SECONDS bounds each
# target's run in time instead of count (whichever comes first).
# A crash, leak or timeout is written as BUILD/tests/fuzz/<kind>-<hash>
# and makes the run fail; the summary gives each target's executions and
# coverage.
#
# Usage: tests/fuzz/fuzz_long.sh BUILD-DIR [TARGET...]
set -u
build=${1:?usage: fuzz_long.sh BUILD-DIR [TARGET...]}
shift
here=$(cd "$(dirname "$0")" && pwd)
runs=${FUZZ_RUNS:-10000000}
time_bound=${FUZZ_TIME:-0}
# fuzz_dist runs a node: it gets a private EPMD port, never 4369
export ERL_EPMD_PORT=${ERL_EPMD_PORT:-$((20000 + $$ % 10000))}
targets=$*
if [ -z "$targets" ]; then
    targets=$(cd "$here" && ls fuzz_*.c | sed 's/\.c$//')
fi
status=0
summary=""
for t in $targets; do
    bin=$build/tests/fuzz/$t
    if [ ! -x "$bin" ]; then
        echo "fuzz_long.sh: $bin is not built (make fuzz-long builds it)" >&2
        exit 2
    fi
    found=$build/tests/fuzz/found_$t
    log=$build/tests/fuzz/$t.long.log
    mkdir -p "$found"
    echo "== $t: $runs executions${FUZZ_TIME:+ or $time_bound s} (log: $log)"
    "$bin" -runs="$runs" -max_total_time="$time_bound" -rss_limit_mb=2048 -timeout=10 \
        -print_final_stats=1 -artifact_prefix="$build/tests/fuzz/" "$found" "$here/corpus/$t" >"$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
    secs=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    if [ $rc -ne 0 ]; then
        status=1
        verdict="FINDING (exit $rc): $(grep -m1 -E 'ERROR|SUMMARY|Test unit written' "$log")"
    else
        verdict="no finding"
    fi
    line="$t: ${execs:-?} executions, ${cov:-cov: ?}, ${secs:-?} exec/s, $verdict"
    echo "$line"
    summary="$summary$line
"
done
echo "== summary"
printf '%s' "$summary"
exit $status
