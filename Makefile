# A thin layer over CMake.  `make run` builds the shell alone, quietly
# (scripts/build-shell.sh), and starts it with $(ARGS); `make
# test` builds and runs the whole test suite: once with warnings as
# errors, once with AddressSanitizer and UndefinedBehaviorSanitizer under
# clang, which also builds the fuzz targets as libFuzzer binaries.
# Both install missing Debian packages first (scripts/install-deps.sh).
# `make bench` builds the release build (RelWithDebInfo: -O2 -g) and runs
# the benchmark suite against the BEAM (bench/run.sh), rewriting the table
# in docs/performance.md; `make bench BENCH_QUICK=1` is a quick check.
# `make fuzz-long` builds the sanitizer build and runs each fuzz target for
# 10 M executions, one after the other on one core (tests/fuzz/fuzz_long.sh;
# FUZZ_RUNS=N to change the count, FUZZ_TIME=SECONDS to bound each target's
# run in time); the test suite keeps its 15-second runs.
# `make doctests` runs the iex> examples of Elixir's docs (tests/doctests)
# and prints the pass rate of each module; `make doctests-extract`
# extracts them again with real elixir and records elixir's outputs.
# `make deb-fresh` installs the .deb on a fresh Debian (debootstrap) and
# replays the article's first steps there.
# `make tsan` builds with ThreadSanitizer (clang, build-tsan/, two
# schedulers started at once by default) and runs the language and distribution
# tests there (Criterion cannot start under it); any data race fails
# its test (not part of `make test`:
# it takes longer than CI's budget).
# `make replay-soak` replays every transcript of tests/transcripts 20
# times in a row (RUNS=N), ciex alone and mixed with real iex, and prints
# how many runs held (not part of `make test`).

JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CTEST = ctest --output-on-failure -j$(JOBS)

.PHONY: all run build test test-release test-asan tsan fuzz-long deps deps-test bench mesh20 replay-soak deb-fresh clean doctests doctests-extract

all: build

deps:
	@scripts/install-deps.sh build

deps-test:
	@scripts/install-deps.sh test

build/Makefile: CMakeLists.txt
	cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps build/Makefile
	cmake --build build -j$(JOBS)

run: deps
	@JOBS=$(JOBS) scripts/build-shell.sh
	@./build/ciex $(ARGS)

test: deps-test test-release test-asan

test-release:
	cmake -S . -B build -DCIEX_WERROR=ON -DCIEX_TESTS=ON
	cmake --build build -j$(JOBS)
	cd build && $(CTEST) -LE beam_race && $(CTEST) -L beam_race --repeat until-pass:5

test-asan:
	$(ASAN_BUILD)
	cmake --build build-asan -j$(JOBS)
	cd build-asan && $(CTEST) -LE beam_race && $(CTEST) -L beam_race --repeat until-pass:5

# ThreadSanitizer: the first race stops the program with status 66
tsan: deps-test
	cmake -S . -B build-tsan -DCIEX_WERROR=ON -DCIEX_TESTS=ON -DCIEX_TSAN=ON -DCIEX_DEFAULT_SCHEDULERS=2 -DCIEX_SCHEDULERS_AT_ONCE=ON -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build build-tsan -j$(JOBS)
	cd build-tsan && TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1" $(CTEST) -R '^(lang|dist)\.' -LE beam_race

ASAN_BUILD = cmake -S . -B build-asan -DCIEX_WERROR=ON -DCIEX_TESTS=ON -DCIEX_SANITIZE=ON -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug

fuzz-long: deps-test
	$(ASAN_BUILD)
	cmake --build build-asan -j$(JOBS) --target $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
	tests/fuzz/fuzz_long.sh build-asan

doctests: build
	tests/doctests/run_all.sh build/ciex

doctests-extract:
	elixir tests/doctests/extract.exs

bench: deps
	cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build build -j$(JOBS)
	bench/run.sh $(if $(filter 1,$(BENCH_QUICK)),--quick,--doc docs/performance.md) build/ciex

# The 20-node mesh start (bench/mesh.sh) on ciex, on the BEAM and on a
# mixed cluster: the "overlapping partitions" warnings (none expected),
# the nodes that converged and the time they took.
mesh20: build
	bench/mesh.sh build/ciex ciex 20
	bench/mesh.sh build/ciex beam 20
	bench/mesh.sh build/ciex mixed 20

RUNS ?= 20
replay-soak: build
	tests/transcripts/soak.sh build/ciex $(RUNS)

# The .deb installed on a fresh Debian made by debootstrap, which then
# replays the article's first steps (tests/packaging/deb_fresh.sh; root,
# Debian's mirror and about a minute; not part of `make test`).
deb-fresh: build
	tests/packaging/deb_fresh.sh build .

clean:
	rm -rf build build-asan
