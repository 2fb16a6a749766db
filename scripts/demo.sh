#!/usr/bin/env bash
# The main job: sets up (scripts/setup.sh), installs hlsnn into the Keras 2 environment, then
# trains a small MLP on scikit-learn's digits, converts it, compiles its C simulation and prints
# the agreement with Keras and the speed (examples/digits_demo.py).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$repo/scripts/setup.sh"
venv=$repo/.venv-keras2
"$venv/bin/python" -m pip install -q --disable-pip-version-check --no-build-isolation "$repo"
TF_CPP_MIN_LOG_LEVEL=2 "$venv/bin/python" "$repo/examples/digits_demo.py" "$@"
