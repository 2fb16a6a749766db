#!/usr/bin/env bash
# Installs everything hlsnn needs to build and test on a fresh Debian machine, idempotently:
# the Debian build dependencies, and a Python virtual environment (.venv) with pinned tools plus
# the reference tool's wheel (hls4ml, without its dependencies) whose vendor headers are the
# oracle of the bit-exactness tests.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv=${HLSNN_VENV:-$repo/.venv}

debian_packages=(g++ clang cmake ninja-build time python3-venv libgtest-dev libgmock-dev
  libxxhash-dev nlohmann-json3-dev libhdf5-dev libyaml-cpp-dev libzip-dev libcli11-dev)
missing=()
for package in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

if [ ! -x "$venv/bin/python" ]; then
  echo "setup: creating $venv"
  python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$repo/requirements/test.txt"
# The reference tool is installed only for its vendor headers (the bit-exactness oracle):
# --no-deps keeps TensorFlow out of this environment.
"$venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps hls4ml==1.3.0
echo "setup: ready ($venv)"
