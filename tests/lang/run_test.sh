#!/usr/bin/env bash
# Runs one language test: `ciex --script NAME.exs` from tests/lang, compared
# with what real elixir printed (NAME.out, and NAME.err / NAME.exit when
# the script ends with an error; see record.sh for how they were made).
#
# Usage: run_test.sh CIEX NAME
set -u
ciex=$1
name=$2
cd "$(dirname "$0")" || exit 2
export LC_ALL=C.UTF-8
# the filter of record.sh: log times stripped, pids as #PID<X>, stack-trace
# lines dropped (but not the nested "    ** (EXIT) ..." line of an exit report)
filter() { sed -E 's/^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3} //; s/#PID<[0-9]+\.[0-9]+\.[0-9]+>/#PID<X>/g' | awk '!/^    / || /^    \*\* \(/'; }
trim() { filter | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'; }
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
# NAME.erl: emulator switches for both (record.sh gives elixir the same)
erl=()
[ -f "$name.erl" ] && erl=(--erl "$(cat "$name.erl")")
timeout 60 "$ciex" "${erl[@]}" --script "$name.exs" >"$out" 2>"$err" </dev/null
status=$?
fail=0
# stdout and stderr go through the filter record.sh used (logger reports
# are on stdout, with times and stack-trace lines)
if ! diff -u --label "expected stdout ($name.out)" --label "ciex stdout" "$name.out" <(filter <"$out"); then fail=1; fi
expected_status=0
[ -f "$name.exit" ] && expected_status=$(cat "$name.exit")
if [ "$status" != "$expected_status" ]; then
    echo "exit status: expected $expected_status, ciex gave $status"
    fail=1
fi
# stderr: trailing blank lines ignored
if [ -f "$name.err" ]; then
    if ! diff -u --label "expected stderr ($name.err)" --label "ciex stderr" <(trim <"$name.err") <(trim <"$err"); then
        fail=1
    fi
elif [ -s "$err" ]; then
    echo "unexpected stderr:"
    cat "$err"
    fail=1
fi
exit $fail
