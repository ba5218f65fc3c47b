#!/bin/sh
# deb_fresh.sh BUILD_DIR SOURCE_DIR - the .deb on a fresh Debian: a minimal
# bookworm made by debootstrap (from Debian's mirror), the package
# installed there with apt-get (which fetches its dependencies), and the
# first steps of the article (foo, bar, a global Agent: the first six code
# blocks of tests/transcripts/article.md) replayed by the ciex it
# installed.  Needs root, network access to Debian's mirror and a minute;
# `make deb-fresh` runs it (not part of `make test`).
set -eu
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
[ "$(id -u)" = 0 ] || { echo "deb_fresh: needs root (debootstrap, chroot)" >&2; exit 77; }
command -v debootstrap >/dev/null || { echo "deb_fresh: apt-get install debootstrap" >&2; exit 77; }
tmp=$(mktemp -d)
root=$tmp/root
cleanup() {
    umount "$root/proc" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "deb_fresh: $*" >&2; exit 1; }

(cd "$tmp" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/out" >"$tmp/cpack.log" 2>&1) ||
    { cat "$tmp/cpack.log" >&2; fail "cpack failed"; }
deb=$(find "$tmp/out" -maxdepth 1 -name 'ciex_*.deb' | head -1)
debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >"$tmp/debootstrap.log" 2>&1 ||
    { tail -20 "$tmp/debootstrap.log" >&2; fail "debootstrap failed"; }
# what an installed machine has of its own: its name and its resolver
cp /etc/hosts "$root/etc/hosts"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
cp "$deb" "$root/tmp/ciex.deb"
awk '/^```/{n++} {print} n==12{exit}' "$src/tests/transcripts/article.md" >"$root/tmp/first_steps.md"
mount -t proc proc "$root/proc"
chroot "$root" sh -c 'apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q /tmp/ciex.deb' \
    >"$tmp/apt.log" 2>&1 || { tail -20 "$tmp/apt.log" >&2; fail "apt-get install of the .deb failed"; }
chroot "$root" sh -c "cd /tmp && ERL_EPMD_PORT=${ERL_EPMD_PORT:-4369} ciex --replay first_steps.md" ||
    fail "the installed ciex does not replay the article's first steps"
chroot "$root" ciex --epmd-kill -port "${ERL_EPMD_PORT:-4369}" >/dev/null 2>&1 || true
echo "deb_fresh: ok ($(basename "$deb") installed on a fresh bookworm)"
