#!/usr/bin/env bash
# Installs everything hlsnn needs to build and test on a fresh Debian machine, idempotently:
# the Debian build dependencies, then two pinned Python environments (scripts/setup_keras.sh):
#   .venv-keras2  TensorFlow 2.14 / Keras 2, QKeras, and hls4ml 1.3 (the reference tool, whose
#                 vendor headers and predictions are the oracle of the bit-exactness tests)
#   .venv-keras3  Keras 3 on JAX
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

debian_packages=(g++ clang cmake ninja-build time pkg-config python3-venv libgtest-dev libgmock-dev
  libxxhash-dev nlohmann-json3-dev libhdf5-dev libyaml-cpp-dev libzip-dev libcli11-dev libpugixml-dev
  zlib1g-dev)
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

for flavour in keras2 keras3; do
  echo "setup: Python environment $("$repo/scripts/setup_keras.sh" "$flavour")"
done
