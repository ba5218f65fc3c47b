#!/usr/bin/env bash
# A node with short names and one with long names refuse each other as
# BEAM nodes do: Node.connect returns false on the side that connects,
# with inet_tcp_dist's log lines, and the other side hears nothing.
#
# Usage: name_kinds.sh CIEX CONNECTOR_KIND TARGET_KIND   (kinds: ciex, iex)
# The targets a (short) and b@127.0.0.1 (long) run name_kinds.hold.exs;
# c@127.0.0.1 (long) connects to a, d (short) to b; the output is compared
# with name_kinds.out, recorded with two BEAM kinds.
set -u
ciex=$1 ckind=$2 tkind=$3
cd "$(dirname "$0")" || exit 2
if ! command -v elixir >/dev/null; then echo "SKIPPED: elixir is not installed"; exit 0; fi
host=$(hostname -s)
work=$(mktemp -d)
set -m
pids=
trap 'for p in $pids; do kill -- -$p 2>/dev/null; done; wait 2>/dev/null; rm -rf "$work"' EXIT
cookie=COOKIE-0123456789

node() { # node KIND NAMEOPT NAME SCRIPT [ARGS...]
    local kind=$1 opt=$2 name=$3 script=$4
    shift 4
    if [ "$kind" = iex ]; then
        exec timeout 60 elixir "$opt" "$name" --cookie "$cookie" "$script" "$@"
    else
        exec timeout 60 "$ciex" "$opt" "$name" --cookie "$cookie" --script "$script" "$@"
    fi
}

node "$tkind" --sname a name_kinds.hold.exs >"$work/a.out" 2>&1 &
pids="$pids $!"
node "$tkind" --name b@127.0.0.1 name_kinds.hold.exs >"$work/b.out" 2>&1 &
pids="$pids $!"
for _ in $(seq 200); do
    grep -q READY "$work/a.out" && grep -q READY "$work/b.out" && break
    sleep 0.1
done
{
    echo "== c@127.0.0.1 (long) connects to a@HOST (short)"
    (node "$ckind" --name c@127.0.0.1 name_kinds.connect.exs "a@$host" 2>&1)
    echo "== d (short) connects to b@127.0.0.1 (long)"
    (node "$ckind" --sname d name_kinds.connect.exs b@127.0.0.1 2>&1)
    echo "== a"
    cat "$work/a.out"
    echo "== b"
    cat "$work/b.out"
} | sed -E "s/@$host\b/@HOST/g; s/Hostname $host is/Hostname HOST is/; s/^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3} //" >"$work/out"
diff -u --label "expected name_kinds.out" --label "connector $ckind, targets $tkind" name_kinds.out "$work/out"
