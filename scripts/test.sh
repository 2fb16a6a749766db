#!/usr/bin/env bash
# Sets up (scripts/setup.sh), builds, and runs every test: the C++ tests with ctest, then the
# Python package installed into each Keras environment and its pytest suites. The Keras 2
# environment runs everything (including the differential tests against the vendor headers and
# the reference kernels); the Keras 3 environment runs the suites that exercise Keras itself.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${HLSNN_BUILD_DIR:-$repo/build}
jobs=$(nproc)

"$repo/scripts/setup.sh"

cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DHLSNN_BUILD_TESTS=ON >/dev/null
cmake --build "$build" -j "$jobs"
ctest --test-dir "$build" --output-on-failure -j "$jobs"

run_pytest() {
  local venv=$repo/.venv-$1
  shift
  echo "== pytest in $(basename "$venv")"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-build-isolation "$repo"
  (cd "$repo" && "$venv/bin/python" -m pytest -q "$@")
}
run_pytest keras2 tests
run_pytest keras3 tests/python tests/frontend

# A marked step, off by default because its sanitizer build alone costs more than CI's budget for
# it: HLSNN_FUZZ_SECONDS=60 ./scripts/test.sh also runs every fuzz target for 60 s (FUZZING.md).
# The inputs past fuzzing found are replayed by ctest above either way (tests/fuzz_regressions).
if [ -n "${HLSNN_FUZZ_SECONDS:-}" ]; then
  "$repo/scripts/fuzz.sh" --seconds "$HLSNN_FUZZ_SECONDS"
fi
