#!/usr/bin/env bash
# Replays every transcript of this folder RUNS times in a row (20 by
# default), with ciex alone and, for transcripts with `$ iex` lines, with
# --iex (and the article's --iex-node mixes), and prints how many runs of
# each held.  Not part of CI: `make replay-soak` (RUNS=N to change the
# count).  The reports of failed runs are kept in the log directory it
# prints.  Each run has its own ERL_EPMD_PORT.
#   soak.sh CIEX [RUNS]
set -u
ciex=$(realpath "$1")
runs=${2:-20}
here=$(cd "$(dirname "$0")" && pwd)
logs=$(mktemp -d /tmp/replay-soak.XXXXXX)
command -v iex >/dev/null && have_iex=1 || have_iex=0
failed=0
printf '%-34s %-22s %s\n' transcript mix held
run_mix() { # file label args...
    local file=$1 label=$2 ok=0 start end
    shift 2
    start=$(date +%s)
    for ((i = 1; i <= runs; i++)); do
        port=$((20000 + RANDOM % 12000)) # below the ephemeral ports (32768-)
        if ERL_EPMD_PORT=$port "$ciex" --replay "$file" "$@" >"$logs/out" 2>&1; then
            ok=$((ok + 1))
        else
            cp "$logs/out" "$logs/$(basename "$file" .md).$label.$i.txt"
        fi
    done
    end=$(date +%s)
    [ "$ok" = "$runs" ] || failed=1
    printf '%-34s %-22s %d/%d  (%d s a run)\n' "$(basename "$file")" "$label" "$ok" "$runs" $(((end - start) / runs))
}
for file in "$here"/*.md; do
    run_mix "$file" ciex
    if [ "$have_iex" = 1 ] && grep -q '\$ iex ' "$file"; then
        run_mix "$file" iex --iex
    fi
done
if [ "$have_iex" = 1 ]; then
    for node in foo bar; do run_mix "$here/article.md" "iex,$node-on-beam" --iex --iex-node "$node"; done
fi
rm -f "$logs/out"
echo "reports of failed runs: $logs"
exit $failed
