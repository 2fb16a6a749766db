#!/usr/bin/env bash
# Builds the whole C++ test suite with AddressSanitizer and UndefinedBehaviorSanitizer (any report
# fails the test that triggered it) in build-sanitize/ and runs it with ctest; prints how long the
# build and the tests took. Extra arguments go to ctest (e.g. -R Manifest).
#
# The emulation libraries the tests compile at run time are built without sanitizers (they are
# generated code loaded into the sanitized process).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${HLSNN_SANITIZE_BUILD_DIR:-$repo/build-sanitize}
flags="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHLSNN_BUILD_TESTS=ON \
  "${launcher[@]}" \
  -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" \
  -DCMAKE_SHARED_LINKER_FLAGS="$flags" >/dev/null
start=$(date +%s)
nice cmake --build "$build" -j "$(nproc)"
built=$(date +%s)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:check_initialization_order=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$repo/fuzz/lsan_suppressions.txt}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
nice ctest --test-dir "$build" --output-on-failure -j "$(nproc)" --timeout 1200 "$@" || status=$?
done=$(date +%s)
echo "sanitize.sh: build $((built - start)) s, tests $((done - built)) s"
exit $status
