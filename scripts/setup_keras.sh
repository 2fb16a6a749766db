#!/usr/bin/env bash
# Creates (or brings up to date) a Python environment with a real Keras, for the tests that read
# files written by Keras itself and compare against Keras' own predictions:
#   keras2 -> .venv-keras2: TensorFlow 2.14 (CPU), QKeras, hls4ml   (requirements/keras2.txt)
#   keras3 -> .venv-keras3: Keras 3 on JAX (CPU)                     (requirements/keras3.txt)
# Prints the environment's path on success, so callers can do venv=$(scripts/setup_keras.sh keras2).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

flavour=${1:-}
case "$flavour" in
  keras2 | keras3) ;;
  *)
    echo "usage: $0 keras2|keras3" >&2
    exit 2
    ;;
esac
venv=$repo/.venv-$flavour
requirements=$repo/requirements/$flavour.txt

if [ ! -x "$venv/bin/python" ]; then
  "${HLSNN_PYTHON:-python3.11}" -m venv "$venv" >&2
fi
"$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$requirements" >&2

if [ "$flavour" = keras3 ]; then
  # Keras 3 defaults to the TensorFlow backend, which this environment does not have; a .pth line
  # runs at interpreter start-up and makes JAX the default unless the caller chose a backend.
  site_packages=$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  echo 'import os; os.environ.setdefault("KERAS_BACKEND", "jax")' >"$site_packages/hlsnn_keras_backend.pth"
fi
echo "$venv"
