#!/bin/sh
# build-shell.sh - builds build/ciex alone (not the tests nor the fuzz
# targets), quietly: what CMake and make print goes to build/build.log,
# which is shown only when the build fails.  `make run` calls it.
set -u
mkdir -p build
log=build/build.log
: >"$log"
if [ ! -f build/CMakeCache.txt ]; then
    echo "ciex: building build/ciex (the first build takes a minute or two)"
    cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCIEX_TESTS=OFF >>"$log" 2>&1 ||
        { cat "$log" >&2; echo "ciex: configuring failed (log: $log)" >&2; exit 1; }
fi
cmake --build build -j"${JOBS:-2}" --target ciex >>"$log" 2>&1 ||
    { cat "$log" >&2; echo "ciex: the build failed (log: $log)" >&2; exit 1; }
