#!/usr/bin/env bash
# Runs the doctest cases of every module (check.sh, two modules at a time)
# and prints the table of pass rates and the overall rate.
#
# Usage: run_all.sh CIEX [--update] [MODULE...]
#   --update   rewrite known_failing.txt with the cases failing now
set -u
ciex=$1
shift
opts=()
modules=()
for arg in "$@"; do
    case $arg in
        --*) opts+=("$arg") ;;
        *) modules+=("$arg") ;;
    esac
done
dir=$(cd "$(dirname "$0")" && pwd)
if [ ${#modules[@]} = 0 ]; then
    for f in "$dir"/cases/*.exs; do modules+=("$(basename "$f" .exs)"); done
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '%s\n' "${modules[@]}" |
    xargs -P "${JOBS:-2}" -I{} sh -c 'check=$1 ciex=$2 m=$3 work=$4; shift 4
            "$check" "$ciex" "$m" "$@" >"$work/$m.log" 2>&1; echo $? >"$work/$m.status"' \
        sh "$dir/check.sh" "$ciex" {} "$work" "${opts[@]}"

status=0
printf '%-16s %7s %7s %7s %8s\n' module passed total pct skipped
for m in "${modules[@]}"; do
    # "Enum: 120/130 (92.3%), 2 skipped"
    head -1 "$work/$m.log" | awk -v m="$m" '
        { split($2, pt, "/"); pct = $3; gsub(/[(),%]/, "", pct); sk = ($4 == "" ? 0 : $4)
          printf "%-16s %7d %7d %6s%% %8d\n", m, pt[1], pt[2], pct, sk }'
    [ "$(cat "$work/$m.status")" = 0 ] || status=1
done
cat "$work"/*.log | awk '
    /^[A-Za-z.]+: [0-9]+\/[0-9]+ / { split($2, pt, "/"); p += pt[1]; t += pt[2] }
    END { printf "%-16s %7d %7d %6.1f%%\n", "overall", p, t, t ? 100 * p / t : 100 }'
for m in "${modules[@]}"; do
    if [ "$(cat "$work/$m.status")" != 0 ]; then
        echo
        cat "$work/$m.log"
    fi
done
exit $status
