#!/bin/sh
# deb.sh BUILD_DIR SOURCE_DIR - builds the .deb with CPack and checks it as
# a Debian machine would take it: `dpkg --dry-run -i` accepts it (its
# dependencies, computed by dpkg-shlibdeps, are installed packages), its
# files are where Debian puts them, and the ciex it holds replays a
# session of two nodes and a global name (tests/transcripts/global_names.md).
set -eu
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "deb: $*" >&2; exit 1; }

(cd "$tmp" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/out" >"$tmp/cpack.log" 2>&1) ||
    { cat "$tmp/cpack.log" >&2; fail "cpack failed"; }
deb=$(find "$tmp/out" -maxdepth 1 -name 'ciex_*.deb' | head -1)
[ -n "$deb" ] || fail "no ciex_*.deb in $(ls "$tmp/out")"

dpkg-deb -f "$deb" Package | grep -qx ciex || fail "package name"
depends=$(dpkg-deb -f "$deb" Depends)
echo "$depends" | grep -q libssl || fail "Depends lacks libssl: $depends"
echo "$depends" | grep -q libreadline || fail "Depends lacks libreadline: $depends"
if [ "$(id -u)" = 0 ]; then
    dpkg --dry-run -i "$deb" >"$tmp/dry.log" 2>&1 || { cat "$tmp/dry.log" >&2; fail "dpkg -i would fail"; }
fi

dpkg-deb -x "$deb" "$tmp/root"
for f in usr/bin/ciex usr/share/man/man1/ciex.1 usr/share/doc/ciex/README.md usr/include/ciex/vm.h; do
    [ -f "$tmp/root/$f" ] || fail "$f is not in the package"
done
find "$tmp/root/usr/lib" -name 'libciex.so.*' | grep -q . || fail "libciex.so is not in the package"
find "$tmp/root/usr/lib" -name ciex.pc | grep -q . || fail "ciex.pc is not in the package"

# the packaged ciex, on a private EPMD port (the test's ERL_EPMD_PORT)
"$tmp/root/usr/bin/ciex" --replay "$src/tests/transcripts/global_names.md" ||
    fail "the packaged ciex does not replay global_names.md"
echo "deb: ok ($(basename "$deb"), Depends: $depends)"
