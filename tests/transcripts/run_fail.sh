#!/usr/bin/env bash
# A transcript that must not replay: checks the exit status of
# `ciex --replay FILE` and that its report names the expected line.
#   run_fail.sh CIEX FILE STATUS LINE [REPLAY OPTIONS...]
set -u
ciex=$1 file=$2 want_status=$3 line=$4
shift 4
out=$("$ciex" --replay "$file" "$@" 2>&1)
status=$?
printf '%s\n' "$out"
if [ "$status" != "$want_status" ]; then
    echo "FAIL: exit status $status, expected $want_status"; exit 1
fi
if ! grep -qF -- "$file:$line: " <<<"$out"; then
    echo "FAIL: the report does not point at $file:$line"; exit 1
fi
if [ "$(grep -c -- "^$file:[0-9]*: " <<<"$out")" != 1 ]; then
    echo "FAIL: more than one problem reported"; exit 1
fi
echo "ok: status $status, the report points at line $line"
