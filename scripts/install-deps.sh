#!/bin/sh
# install-deps.sh - installs what building and testing ciex needs on Debian.
#
# Usage: scripts/install-deps.sh [build|test]
#   build: compiler, CMake, readline, OpenSSL, zlib, PCRE2, utf8proc, cmark (enough for `make run`)
#   test:  also Criterion, clang (libFuzzer and the sanitizer build),
#          Erlang/Elixir, the reference the interop tests compare against
#          (with OTP's ssl for TLS distribution), the openssl command (the
#          TLS tests make their certificates with it), and Chromium, which
#          opens a replayed lesson's page headless
#
# Installs with apt-get when run as root or with sudo available; otherwise
# prints the exact apt-get line to run and exits 1.
set -eu

what=${1:-test}
# package:probe pairs; a package is missing when its probe is missing
pkgs="gcc:/usr/bin/gcc make:/usr/bin/make cmake:/usr/bin/cmake pkg-config:/usr/bin/pkg-config
libreadline-dev:/usr/include/readline/readline.h libssl-dev:/usr/include/openssl/ssl.h
zlib1g-dev:/usr/include/zlib.h libpcre2-dev:/usr/include/pcre2.h libutf8proc-dev:/usr/include/utf8proc.h libcmark-dev:/usr/include/cmark.h"
if [ "$what" = test ]; then
    pkgs="$pkgs libcriterion-dev:/usr/include/criterion/criterion.h clang:/usr/bin/clang
elixir:/usr/bin/elixir erlang-src:/usr/lib/erlang/lib/kernel-*/src/net_kernel.erl
xxd:/usr/bin/xxd tmux:/usr/bin/tmux mandoc:/usr/bin/mandoc dpkg-dev:/usr/bin/dpkg-shlibdeps
openssl:/usr/bin/openssl strace:/usr/bin/strace erlang-ssl:/usr/lib/erlang/lib/ssl-*/ebin/inet_tls_dist.beam
chromium:/usr/bin/chromium"
fi

missing=""
for entry in $pkgs; do
    pkg=${entry%%:*}
    probe=${entry#*:}
    # shellcheck disable=SC2086 # the probe may be a glob
    if ! ls $probe >/dev/null 2>&1; then missing="$missing $pkg"; fi
done
[ -n "$missing" ] || exit 0

echo "ciex: installing missing packages:$missing"
if [ "$(id -u)" = 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo"
else
    echo "ciex: not root and no sudo. Please run:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
# shellcheck disable=SC2086
$sudo apt-get install -y -q --no-install-recommends $missing
