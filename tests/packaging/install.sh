#!/bin/sh
# install.sh BUILD_DIR SOURCE_DIR - installs the build with `cmake --install`
# into a scratch prefix and checks what a user gets: a stripped ciex that
# runs, the man page, the docs, libciex (static and shared), its headers
# and ciex.pc; then builds the embedding example of the docs with
# `pkg-config --cflags --libs ciex` and runs it.
set -eu
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix

cmake --install "$build" --prefix "$prefix" >"$tmp/install.log"

fail() { echo "install: $*" >&2; exit 1; }
for f in bin/ciex share/man/man1/ciex.1 share/doc/ciex/README.md share/doc/ciex/replay.md \
         share/doc/ciex/embedding.md share/doc/ciex/examples/embed/hello.c \
         include/ciex/vm.h include/ciex/lang.h include/ciex/version.h; do
    [ -f "$prefix/$f" ] || fail "$f is not installed"
done
libdir=$(dirname "$(find "$prefix" -name ciex.pc)")/..
[ -f "$libdir/libciex.a" ] || fail "libciex.a is not installed"
[ -e "$libdir/libciex.so" ] || fail "libciex.so is not installed"
# stripped: no symbol table
if readelf -S "$prefix/bin/ciex" | grep -q '\.symtab'; then fail "bin/ciex is not stripped"; fi

out=$("$prefix/bin/ciex" -e 'IO.puts(Enum.sum(1..10))')
[ "$out" = 55 ] || fail "installed ciex printed '$out', not 55"

# the example, built as the docs say, against this installation
cp -r "$prefix/share/doc/ciex/examples/embed" "$tmp/embed"
export PKG_CONFIG_PATH="$libdir/pkgconfig"
make -s -C "$tmp/embed" >"$tmp/make.log" 2>&1 || { cat "$tmp/make.log" >&2; fail "the example does not build"; }
out=$(LD_LIBRARY_PATH=$libdir "$tmp/embed/hello")
[ "$out" = "hello from the ciex runtime" ] || fail "hello printed '$out'"
out=$(LD_LIBRARY_PATH=$libdir "$tmp/embed/hello" 'IO.inspect(Enum.map([1, 2, 3], &(&1 * 2)))')
[ "$out" = "[2, 4, 6]" ] || fail "hello printed '$out'"
# a raise ends the program with status 1 and the reason on stderr
if LD_LIBRARY_PATH=$libdir "$tmp/embed/hello" 'raise "boom"' 2>"$tmp/err"; then fail "a raise exited 0"; fi
grep -q 'message: "boom"' "$tmp/err" || fail "no reason printed: $(cat "$tmp/err")"
# and statically linked, with what pkg-config --static lists
cc "$tmp/embed/hello.c" $(pkg-config --cflags ciex) "$libdir/libciex.a" $(pkg-config --static --libs-only-l ciex | sed 's/-lciex//') -o "$tmp/hello-static"
out=$("$tmp/hello-static")
[ "$out" = "hello from the ciex runtime" ] || fail "static hello printed '$out'"
echo "install: ok"
