#!/usr/bin/env bash
# Record the expected outputs of the language test scripts from real elixir.
#
#   tests/lang/record.sh                 re-record every NAME.exs
#   tests/lang/record.sh foo.exs bar     re-record only these scripts
#   tests/lang/record.sh --check [...]   compare against the recorded files,
#                                        write nothing, exit 1 on a difference
#
# Each script runs twice from this directory (so messages name the file as
# just NAME.exs); both runs must agree, or the script is reported as
# nondeterministic and nothing is written for it.
#
#   NAME.out   stdout, filtered (see filter)
#   NAME.err   stderr, filtered, written only when it is non-empty or the
#              exit status is non-zero
#   NAME.exit  the exit status, written together with NAME.err
#
# The same filter applies to both streams (Logger reports go to stdout in
# Elixir 1.14, with a timestamp and a stack trace).  A script whose stdout
# loses lines to the filter without printing a Logger report is an error:
# indented output must not be mistaken for a stack trace.
#
# NAME.erl, when present, holds emulator switches (`+S 2`) that both
# elixir and ciex get through --erl.
#
# gen_*.exs files are generators, not test scripts, and are skipped.
set -u
cd "$(dirname "$0")" || exit 2
export LC_ALL=C.UTF-8
ELIXIR=${ELIXIR:-elixir}
JOBS=${JOBS:-4}

# Stack-trace lines start with four spaces: drop them, except the nested
# "    ** (EXIT) ..." line of an exit report.  Logger lines start with a
# wall-clock time "HH:MM:SS.mmm ": strip it.  Pids are #PID<X>: their
# numbers differ between the runtimes.
filter() {
  sed -E 's/^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3} //; s/#PID<[0-9]+\.[0-9]+\.[0-9]+>/#PID<X>/g' | awk '!/^    / || /^    \*\* \(/'
}

# run_one NAME.exs DIR: run the script once, leaving out/err/exit in DIR.
run_one() {
  local script=$1 dir=$2
  mkdir -p "$dir"
  local erl=()
  [ -f "${script%.exs}.erl" ] && erl=(--erl "$(cat "${script%.exs}.erl")")
  "$ELIXIR" "${erl[@]}" "$script" >"$dir/raw_out" 2>"$dir/raw_err" </dev/null
  echo $? >"$dir/exit"
  filter <"$dir/raw_out" >"$dir/out"
  filter <"$dir/raw_err" >"$dir/err"
}

# one NAME.exs MODE: record (MODE=record) or check (MODE=check) one script.
one() {
  local script=$1 mode=$2 name=${1%.exs}
  local tmp
  tmp=$(mktemp -d)
  run_one "$script" "$tmp/a"
  run_one "$script" "$tmp/b"
  local status=0
  if ! grep -Eq '^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3} \[' "$tmp/a/raw_out" &&
     ! cmp -s "$tmp/a/raw_out" "$tmp/a/out"; then
    echo "FILTERED $script: stdout has lines the filter would drop (4-space indent); change the script"
    status=1
  fi
  for f in out err exit; do
    if ! cmp -s "$tmp/a/$f" "$tmp/b/$f"; then
      echo "NONDETERMINISTIC $script ($f differs between two runs)"
      diff "$tmp/a/$f" "$tmp/b/$f" | head -10
      status=1
    fi
  done
  local want_err=0
  if [ -s "$tmp/a/err" ] || [ "$(cat "$tmp/a/exit")" != 0 ]; then
    want_err=1
  fi
  if [ $status = 0 ]; then
    if [ "$mode" = record ]; then
      cp "$tmp/a/out" "$name.out"
      if [ $want_err = 1 ]; then
        cp "$tmp/a/err" "$name.err"
        cp "$tmp/a/exit" "$name.exit"
        echo "recorded $script (stderr and exit $(cat "$tmp/a/exit"))"
      else
        rm -f "$name.err" "$name.exit"
        echo "recorded $script"
      fi
    else
      cmp -s "$tmp/a/out" "$name.out" || { echo "DIFF $script stdout"; diff "$name.out" "$tmp/a/out" | head -10; status=1; }
      if [ $want_err = 1 ]; then
        cmp -s "$tmp/a/err" "$name.err" 2>/dev/null || { echo "DIFF $script stderr"; status=1; }
        cmp -s "$tmp/a/exit" "$name.exit" 2>/dev/null || { echo "DIFF $script exit"; status=1; }
      elif [ -e "$name.err" ] || [ -e "$name.exit" ]; then
        echo "DIFF $script: .err/.exit recorded but the script is now quiet"; status=1
      fi
      [ $status = 0 ] && echo "ok $script"
    fi
  fi
  rm -rf "$tmp"
  return $status
}

mode=record
if [ "${1:-}" = --check ]; then mode=check; shift; fi
if [ "${1:-}" = --one ]; then
  # Collect the job's report and print it in one write, so that parallel
  # jobs do not interleave their lines.
  report=$(one "$2" "$3"); st=$?
  printf '%s\n' "$report"
  exit $st
fi

if [ $# -gt 0 ]; then
  scripts=()
  for s in "$@"; do s=${s##*/}; scripts+=("${s%.exs}.exs"); done
else
  scripts=()
  for s in *.exs; do
    case $s in gen_*.exs) continue ;; esac
    scripts+=("$s")
  done
fi

printf '%s\n' "${scripts[@]}" | xargs -P "$JOBS" -I{} bash "$0" --one {} "$mode"
rc=$?
if [ $rc != 0 ]; then
  echo "FAILED: see the NONDETERMINISTIC/DIFF lines above"
  exit 1
fi
if [ $mode = record ]; then
  echo "${#scripts[@]} scripts recorded, each deterministic over two runs"
else
  echo "${#scripts[@]} scripts match their recorded outputs"
fi
