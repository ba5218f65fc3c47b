#!/usr/bin/env bash
# Records what real iex prints through a pipe for the shell's pipe tests.
#
#   tests/shell/record.sh              re-record every NAME.in
#   tests/shell/record.sh basics ...   re-record only these
#
# For each NAME.in, `iex [NAME.args] < NAME.in` runs as common.sh
# describes and its stdout, as iex printed it (not normalised), becomes
# NAME.expected.  A generated case (NAME.gen) keeps only the digest of
# iex's normalised output, in NAME.sha256.  run_pipe.sh normalises both sides when it compares.
# Node names need an EPMD: this uses ERL_EPMD_PORT (default 24999) so that
# it never touches the user's.
set -u
cd "$(dirname "$0")" || exit 2
export LC_ALL=C.UTF-8
export ERL_EPMD_PORT=${ERL_EPMD_PORT:-24999}
IEX=${IEX:-iex}
. ./common.sh
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
    for f in *.in *.gen; do names+=("${f%.*}"); done
fi
for name in "${names[@]}"; do
    name=${name%.in}
    name=${name%.gen}
    if [ -f "$name.gen" ]; then
        out=$(mktemp)
        run_pipe_case "$IEX" "$name" "$out"
        digest "$out" >"$name.sha256"
        rm -f "$out" "$out.stderr"
        echo "recorded $name.sha256"
    else
        run_pipe_case "$IEX" "$name" "$PWD/$name.expected"
        # what iex wrote on stderr (compiler warnings) is kept when there is any
        if [ -s "$name.expected.stderr" ]; then
            echo "recorded $name.expected and $name.expected.stderr"
        else
            rm -f "$name.expected.stderr"
            echo "recorded $name.expected"
        fi
    fi
done
