#!/usr/bin/env bash
# Runs a two-node distribution test: node A (`A.exs`) is started first and
# must print READY once it can be reached; then node B (`B.exs`) runs to
# its end.  Each node's stdout is compared with CASE.A.out / CASE.B.out,
# after replacing this machine's short host name by HOST and removing the
# time of log lines.
#
# A case may add erl switches for both nodes in CASE.erl, or for one in
# CASE.A.erl / CASE.B.erl (passed as `--erl "..."`, which iex and ciex
# both take).  In them @PKI@ stands for a throw-away CA and certificates
# made for the test (tls/make_certs.sh: its option files for TLS
# distribution).  A B script that prints the
# line STOP ME is stopped there with SIGSTOP (its whole process group, as a
# node stopped with ^Z) and killed once A has ended: A sees a peer that
# stops answering.
#
# A ciex node may run under a command named in CASE.A.wrap / CASE.B.wrap
# (for example strace pausing after every read, as a loaded machine
# deschedules a node; LeakSanitizer cannot run under ptrace, so such a
# wrapper turns it off for that node).
#
# Usage: run_pair.sh CIEX CASE [a-kind] [b-kind]
#   kind: ciex (default) or iex (real Elixir; the test is skipped, visibly,
#   when elixir is not installed).  Every test runs with its own
#   ERL_EPMD_PORT (set by ctest), so it never touches a user's EPMD.
set -u
ciex=$1 case=$2 akind=${3:-ciex} bkind=${4:-ciex}
cd "$(dirname "$0")" || exit 2
host=$(hostname -s)
work=$(mktemp -d)
# A runs in its own process group, so that everything it started (a BEAM
# runs under a wrapper script) goes when the test ends
set -m
trap 'kill -- -$apid 2>/dev/null; rm -rf "$work"' EXIT
cookie=COOKIE-0123456789
erl_switches() { # erl_switches A|B: the --erl option of that node, if any
    local f
    for f in "$case.$1.erl" "$case.erl"; do
        if [ -f "$f" ]; then sed "s|@PKI@|$work/pki|g" "$f"; return; fi
    done
}

if cat "$case".*erl "$case.erl" 2>/dev/null | grep -q @PKI@; then
    mkdir "$work/pki" && tls/make_certs.sh "$work/pki" "$host" || exit 1
fi

start() { # start KIND NAME SCRIPT OUT
    local kind=$1 name=$2 script=$3 out=$4 erl=() switches wrap=() upper
    upper=$(echo "$name" | tr ab AB)
    switches=$(erl_switches "$upper")
    [ -n "$switches" ] && erl=(--erl "$switches")
    if [ -f "$case.$upper.wrap" ] && [ "$kind" = ciex ]; then
        read -r -a wrap <"$case.$upper.wrap"
        if ! "${wrap[@]}" true 2>/dev/null; then echo "SKIPPED: cannot run under ${wrap[0]} here"; exit 0; fi
    fi
    if [ "$kind" = iex ]; then
        if ! command -v elixir >/dev/null; then echo "SKIPPED: elixir is not installed"; exit 0; fi
        exec timeout 60 elixir --sname "$name" --cookie "$cookie" "${erl[@]}" "$script" >"$out" 2>&1
    else
        exec timeout 60 "${wrap[@]}" "$ciex" --sname "$name" --cookie "$cookie" "${erl[@]}" --script "$script" >"$out" 2>&1
    fi
}

start "$akind" a "$case.A.exs" "$work/a.out" &
apid=$!
# wait (at most 20 s) for A to say it is ready
for _ in $(seq 200); do
    grep -q READY "$work/a.out" 2>/dev/null && break
    if ! kill -0 $apid 2>/dev/null; then break; fi
    sleep 0.1
done
if ! grep -q READY "$work/a.out"; then
    echo "node A never became ready:"; cat "$work/a.out"; exit 1
fi
if grep -q 'STOP ME' "$case.B.exs"; then
    start "$bkind" b "$case.B.exs" "$work/b.out" &
    bpid=$!
    disown $bpid # killed at the end: no job report
    trap 'kill -- -$apid 2>/dev/null; kill -KILL -- -$bpid 2>/dev/null; rm -rf "$work"' EXIT
    while kill -0 $bpid 2>/dev/null; do
        if grep -qx 'STOP ME' "$work/b.out" 2>/dev/null; then kill -STOP -- -$bpid; break; fi
        sleep 0.05
    done
else
    (start "$bkind" b "$case.B.exs" "$work/b.out")
fi
# A ends by itself once B is done (each A script waits for B's goodbye)
for _ in $(seq 200); do kill -0 $apid 2>/dev/null || break; sleep 0.1; done
fail=0
for n in A B; do
    lower=$(echo $n | tr AB ab)
    # host names and log times vary
    sed -E "s/@$host\b/@HOST/g; s/^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3} //" "$work/$lower.out" >"$work/$lower.norm"
    if ! diff -u --label "expected $case.$n.out" --label "node $n ($([ $n = A ] && echo $akind || echo $bkind))" "$case.$n.out" "$work/$lower.norm"; then
        fail=1
    fi
done
exit $fail
