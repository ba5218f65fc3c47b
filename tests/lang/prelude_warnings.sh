#!/usr/bin/env bash
# The prelude compiles without compiler warnings: the tool that writes its
# image compiles it as a file is compiled (every warning on), and must
# print nothing on stderr.
#
# Usage: prelude_warnings.sh PRELUDE_IMAGE_TOOL
set -u
tool=$1
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
"$tool" "$out" 2>"$err" >/dev/null || { echo "the prelude image tool failed"; cat "$err"; exit 1; }
if [ -s "$err" ]; then
    echo "the prelude compiles with warnings:"
    cat "$err"
    exit 1
fi
exit 0
