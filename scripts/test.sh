#!/usr/bin/env bash
# Sets up (scripts/setup.sh), builds, and runs every test: C++ tests with ctest, then the Python
# package install and the pytest suite (which includes the differential test of the ap types
# against the vendor headers).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv=${HLSNN_VENV:-$repo/.venv}
build=${HLSNN_BUILD_DIR:-$repo/build}
jobs=$(nproc)

"$repo/scripts/setup.sh"
export PATH="$venv/bin:$PATH"

cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DHLSNN_BUILD_TESTS=ON >/dev/null
cmake --build "$build" -j "$jobs"
ctest --test-dir "$build" --output-on-failure -j "$jobs"

python -m pip install -q --disable-pip-version-check --no-build-isolation "$repo"
python -m pytest "$repo/tests" -q
