#!/bin/sh
# run.sh CIEX MAKER RUNNER: the fns of cases.txt made into funs on a MAKER
# node (ciex or iex, by evaluation, as typed at a prompt) and run by the
# erl_eval of a RUNNER node; the results must be expected.out, what the
# BEAM prints for BEAM-made funs.  Skipped, visibly, without elixir.
set -eu
ciex=$1 maker=$2 runner=$3
dir=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! command -v elixir >/dev/null && { [ "$maker" = iex ] || [ "$runner" = iex ]; }; then
    echo "SKIPPED: elixir is not installed"; exit 0
fi
run() { # run KIND SCRIPT
    if [ "$1" = iex ]; then elixir "$2"; else "$ciex" --script "$2"; fi
}
CASES=$dir/cases.txt OUT=$work/envs.bin run "$maker" "$dir/dump.exs" 2>/dev/null
IN=$work/envs.bin run "$runner" "$dir/run.exs" >"$work/out" 2>&1
diff -u --label expected.out --label "made on $maker, run on $runner" "$dir/expected.out" "$work/out"
