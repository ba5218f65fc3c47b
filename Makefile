# A thin layer over CMake.  `make run` builds and starts the shell; `make
# test` builds and runs the whole test suite: once with warnings as
# errors, once with AddressSanitizer and UndefinedBehaviorSanitizer under
# clang, which also builds the fuzz targets as libFuzzer binaries.
# Both install missing Debian packages first (scripts/install-deps.sh).

JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CTEST = ctest --output-on-failure -j$(JOBS)

.PHONY: all run build test test-release test-asan deps deps-test clean

all: build

deps:
	@scripts/install-deps.sh build

deps-test:
	@scripts/install-deps.sh test

build/Makefile: CMakeLists.txt
	cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps build/Makefile
	cmake --build build -j$(JOBS)

run: build
	./build/ciex $(ARGS)

test: deps-test test-release test-asan

test-release:
	cmake -S . -B build -DCIEX_WERROR=ON
	cmake --build build -j$(JOBS)
	cd build && $(CTEST)

test-asan:
	cmake -S . -B build-asan -DCIEX_WERROR=ON -DCIEX_SANITIZE=ON -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug
	cmake --build build-asan -j$(JOBS)
	cd build-asan && $(CTEST)

clean:
	rm -rf build build-asan
