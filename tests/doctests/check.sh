#!/usr/bin/env bash
# Runs the doctest cases of one module on ciex and compares each case's
# output with what real elixir printed (expected/MODULE.out).
#
# Usage: check.sh CIEX MODULE [--update] [--verbose]
#
# Prints "MODULE: passed/total (pct%)", the failing case ids and, for a
# failing case that is not listed in known_failing.txt (a regression), the
# difference.  Exits 1 when there is a regression.  --update rewrites this
# module's lines of known_failing.txt with the cases failing now;
# --verbose shows the difference of every failing case.
set -u
ciex=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
module=$2
shift 2
update=0 verbose=0
for arg in "$@"; do
    case $arg in
        --update) update=1 ;;
        --verbose) verbose=1 ;;
        *) echo "check.sh: unknown option $arg" >&2; exit 2 ;;
    esac
done
dir=$(cd "$(dirname "$0")" && pwd)
cases=$dir/cases/$module.exs
expected=$dir/expected/$module.out
known=$dir/known_failing.txt
[ -f "$cases" ] && [ -f "$expected" ] || { echo "check.sh: no cases for $module" >&2; exit 2; }
export LC_ALL=C.UTF-8

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# one ciex for the module; each case bounds itself (run.exs), this bounds
# the whole
(cd "$dir" && timeout 600 "$ciex" --script run.exs "$cases") >"$work/actual" 2>"$work/stderr" </dev/null
status=$?

# "PASS id" / "FAIL id" for every case of the expected file, in its order
# (a case missing from ciex's output fails); each failing case's expected
# and actual text in $work/ID.expected and $work/ID.actual
awk -v work="$work" '
    function flush() { if (id != "") text[file, id] = body; id = ""; body = "" }
    FNR == 1 { flush(); file++ }
    /^== / {
        flush()
        id = substr($0, 4)
        if (id ~ / skipped: /) { id = "" ; next }
        if (file == 1) order[++n] = id
        next
    }
    id != "" { body = body $0 "\n" }
    END {
        flush()
        for (i = 1; i <= n; i++) {
            k = order[i]
            if ((2, k) in text && text[2, k] == text[1, k]) { print "PASS " k; continue }
            print "FAIL " k
            f = k; gsub(/[^A-Za-z0-9_.-]/, "_", f)
            printf "%s", text[1, k] > (work "/" f ".expected")
            printf "%s", ((2, k) in text ? text[2, k] : "(no output: ciex stopped before this case)\n") > (work "/" f ".actual")
        }
    }' "$expected" "$work/actual" >"$work/results"

total=$(grep -c . "$work/results")
passed=$(grep -c '^PASS ' "$work/results")
skipped=$(grep -c "^== .* skipped: " "$work/actual")
pct=$(awk -v p="$passed" -v t="$total" 'BEGIN { printf "%.1f", t ? 100 * p / t : 100 }')
grep '^FAIL ' "$work/results" | cut -c6- >"$work/failing"
touch "$known"

echo "$module: $passed/$total ($pct%)$([ "$skipped" -gt 0 ] && echo ", $skipped skipped")"
if [ "$status" -ne 0 ]; then
    echo "ciex exited with status $status; its stderr:"
    head -20 "$work/stderr"
fi

show_diff() {
    local f=${1//[^A-Za-z0-9_.-]/_}
    diff -u --label "expected (elixir)" --label "ciex" "$work/$f.expected" "$work/$f.actual" | sed 's/^/    /'
}

regressions=0
while IFS= read -r id; do
    if grep -qxF -- "$id" "$known"; then
        echo "  failing (known): $id"
        [ $verbose = 1 ] && show_diff "$id"
    else
        echo "  FAILING (regression): $id"
        # the first differences are enough to see what broke
        [ $regressions -lt 10 ] && show_diff "$id"
        regressions=$((regressions + 1))
    fi
done <"$work/failing"

# known failures that pass now
cut -c6- "$work/results" >"$work/ids"
fixed=$(grep -xF -f "$work/ids" "$known" | grep -vxF -f "$work/failing" | wc -l)
[ "$fixed" -gt 0 ] && [ $update = 0 ] && echo "  $fixed case(s) of known_failing.txt pass now (check.sh --update to drop them)"

if [ $update = 1 ]; then
    # modules may be updated in parallel (run_all.sh)
    exec 9<"$known"
    flock 9
    { grep -vxF -f "$work/ids" "$known"; cat "$work/failing"; } | LC_ALL=C sort -u >"$work/known"
    cp "$work/known" "$known"
    echo "  known_failing.txt: $(grep -c . "$work/failing") case(s) of $module"
    exit 0
fi
[ $regressions = 0 ]
