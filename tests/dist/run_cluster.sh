#!/usr/bin/env bash
# Runs a distribution test of several nodes: CASE.NAME.exs for each node
# named on the command line, started in that order, each one once the one
# before it has printed READY; the last node runs to its end, and the
# others end by themselves (their scripts wait for a last message).  Each
# node's stdout is compared with CASE.NAME.out, after replacing this
# machine's short host name by HOST, removing the time of log lines and
# writing every pid as #PID<X> (pid numbers differ between runtimes).
#
# Usage: run_cluster.sh CIEX CASE [--keep-overlap-warnings] NAME:KIND...
#   kind: ciex or iex (real Elixir; the test is skipped, visibly, when
#   elixir is not installed).  Every test runs with its own ERL_EPMD_PORT
#   (set by ctest), so it never touches a user's EPMD.
# With RECORD=1 the outputs are written to the .out files instead: run it
# so with every node real Elixir to record what the BEAM prints.
set -u
ciex=$1 case=$2
shift 2
if [ "${1:-}" = --keep-overlap-warnings ]; then
    KEEP_OVERLAP_WARNINGS=1
    shift
fi
cd "$(dirname "$0")" || exit 2
host=$(hostname -s)
work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    rm -rf "$work"
}
trap cleanup EXIT
cookie=COOKIE-0123456789

start() { # start KIND NAME SCRIPT OUT
    local kind=$1 name=$2 script=$3 out=$4
    if [ "$kind" = iex ]; then
        # evaluated, not compiled: its funs are erl_eval funs, which other
        # BEAM nodes can run, as funs typed into iex are
        exec elixir --sname "$name" --cookie "$cookie" -e "Code.eval_file(\"$script\")" >"$out" 2>&1
    else
        exec "$ciex" --sname "$name" --cookie "$cookie" --script "$script" >"$out" 2>&1
    fi
}

for spec in "$@"; do
    if [ "${spec#*:}" = iex ] && ! command -v elixir >/dev/null; then
        echo "SKIPPED: elixir is not installed"; exit 0
    fi
done

names=()
n=$#
i=0
for spec in "$@"; do
    name=${spec%%:*} kind=${spec#*:}
    names+=("$name:$kind")
    i=$((i + 1))
    start "$kind" "$name" "$case.$name.exs" "$work/$name.out" &
    pids+=($!)
    [ $i -eq $n ] && break
    # wait (at most 20 s) for this node to say it is ready
    deadline=$((SECONDS + 20))
    until grep -q READY "$work/$name.out" 2>/dev/null; do
        if ! kill -0 "${pids[-1]}" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
            echo "node $name never became ready:"; cat "$work/$name.out"; exit 1
        fi
        sleep 0.05
    done
done

# every node ends by itself; give them 30 s
deadline=$((SECONDS + 30))
for p in "${pids[@]}"; do
    while kill -0 "$p" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.05; done
done

# When a node goes down, each of the others tells the rest
# (lost_connection); one that hears it before its own nodedown warns that
# it disconnects the node "to prevent overlapping partitions", as OTP 25's
# global does.  Which nodes warn is a race, so these lines (with the blank
# line a log entry starts with) are left out, unless the case is about them
# (--keep-overlap-warnings); then only the order of consecutive ones, which
# is a race too, is left out (they are sorted).  So is global's "failed to
# connect" warning: when two nodes connect to each other at once the BEAM
# sometimes fails one attempt and warns, though the other attempt connects
# them.
drop_overlap_warnings() {
    local keep=${KEEP_OVERLAP_WARNINGS:-0}
    awk -v keep="$keep" '
        function flush_blanks() { while (blank) { print ""; blank-- } }
        function flush_warnings(   i, j, t) {
            for (i = 1; i <= nw; i++) for (j = i + 1; j <= nw; j++) if (w[j] < w[i]) { t = w[i]; w[i] = w[j]; w[j] = t }
            for (i = 1; i <= nw; i++) { print ""; print w[i] }
            nw = 0
        }
        /^$/ { if (skip_blank) { skip_blank = 0; next } blank++; next }
        /^\[warning\] .global. at :.* failed to connect to :.*$/ { if (blank) blank--; skip_blank = 1; next }
        /^\[warning\] .global. at node .* in order to prevent overlapping partitions$/ {
            if (blank) blank--
            if (keep == 1) { if (blank) { flush_warnings(); flush_blanks() } w[++nw] = $0 }
            else flush_blanks()
            next
        }
        { skip_blank = 0; flush_warnings(); flush_blanks(); print }
        END { flush_warnings(); flush_blanks() }'
}

fail=0
for nk in "${names[@]}"; do
    name=${nk%%:*} kind=${nk#*:}
    sed -E "s/@$host\b/@HOST/g; s/^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3} //; s/#PID<[0-9]+\.[0-9]+\.[0-9]+>/#PID<X>/g" \
        "$work/$name.out" | drop_overlap_warnings >"$work/$name.norm"
    if [ "${RECORD:-0}" = 1 ]; then
        cp "$work/$name.norm" "$case.$name.out"
    elif ! diff -u --label "expected $case.$name.out" --label "node $name ($kind)" "$case.$name.out" "$work/$name.norm"; then
        fail=1
    fi
done
exit $fail
