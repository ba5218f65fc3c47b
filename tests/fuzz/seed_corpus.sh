#!/bin/sh
# Writes the fuzz seed corpus from the ETF test vectors (inputs up to 4 KiB).
# Run from the repository root: sh tests/fuzz/seed_corpus.sh
set -eu
out=tests/fuzz/corpus/fuzz_etf_decode
mkdir -p "$out"
grep -v '^#' tests/etf/vectors.txt | while IFS="$(printf '\t')" read -r name hex _rest; do
    [ -n "$name" ] || continue
    [ "${#hex}" -le 8192 ] || continue
    printf '%s' "$hex" | xxd -r -p > "$out/$name"
done
