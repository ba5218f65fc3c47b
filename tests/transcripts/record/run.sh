#!/usr/bin/env bash
# `ciex --replay --record` on a lesson with its inputs only: real iex in
# terminals fills in the outputs and the prompt counters, without echoed
# inputs, carriage returns or colours.
#   run.sh CIEX
set -u
ciex=$1 here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp "$here/lesson.md" "$dir/lesson.md"
"$ciex" --replay "$dir/lesson.md" --record --settle 300 || { echo "FAIL: --record failed"; exit 1; }
sed -i "s/@$(hostname -s)\b/@pathfinder/g" "$dir/lesson.md"
diff -u "$here/expected.md" "$dir/lesson.md" || { echo "FAIL: the recording differs"; exit 1; }
echo "ok: recorded as expected"
