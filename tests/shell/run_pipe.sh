#!/usr/bin/env bash
# Runs one pipe test: ciex reads NAME.in through a pipe, and what it prints
# must be what real iex printed (NAME.expected, from record.sh), both
# normalised as common.sh says.  ciex must also end by itself at the end
# of its input, with status 0.
#
# Usage: run_pipe.sh CIEX NAME
set -u
ciex=$1 name=$2
cd "$(dirname "$0")" || exit 2
export LC_ALL=C.UTF-8
. ./common.sh
out=$(mktemp)
trap 'rm -f "$out" "$out.stderr"' EXIT
run_pipe_case "$ciex" "$name" "$out"
status=$?
fail=0
if [ -f "$name.sha256" ]; then
    # a generated case: only the digest of iex's output is kept
    if [ "$(digest "$out")" != "$(cat "$name.sha256")" ]; then
        echo "ciex's output differs from iex's (digest and size in $name.sha256):"
        digest "$out"
        echo "ciex's output begins:"
        head -c 2000 "$out" | cat -v
        echo "ciex's output ends:"
        tail -c 2000 "$out" | cat -v
        fail=1
    fi
elif ! diff -u --label "iex ($name.expected)" --label "ciex" <(normalise <"$name.expected") <(normalise <"$out"); then
    fail=1
fi
# stderr (compiler warnings) is compared where iex wrote some
if [ -f "$name.expected.stderr" ] &&
    ! diff -u --label "iex stderr ($name.expected.stderr)" --label "ciex stderr" <(normalise <"$name.expected.stderr") \
        <(normalise <"$out.stderr"); then
    fail=1
fi
if [ $status -ne 0 ]; then
    echo "ciex exited with status $status (expected 0 at the end of its input)"
    sed 's/^/stderr: /' "$out.stderr"
    fail=1
fi
exit $fail
