"""hlsnn's written project compiled against the reference (vendor) ap types instead of ours, and
run through the project's emulation bridge: its outputs must equal hlsnn's bit for bit.

The project is self-describing (hlsnn_manifest.json: emulation sources, include folders, inputs and
outputs), and the bridge has a C ABI, so this needs only g++ and ctypes: the vendor folder goes
first on the include path and ours is not on it at all.
"""

from __future__ import annotations

import ctypes
import json
import math
import subprocess
from pathlib import Path

import numpy as np

FLAGS = ["-std=c++17", "-O3", "-march=native", "-DNDEBUG"]  # hlsnn's own compile flags
# The vendor-headers build checks bits, not speed: -O1 cuts its compile (minutes at -O3 for the
# autoencoder with the vendor headers) and cannot change a correct program's results.
CHECK_FLAGS = ["-std=c++17", "-O1", "-march=native", "-DNDEBUG"]


def vendor_ap_types_dir() -> Path:
    import hls4ml

    return Path(hls4ml.__file__).parent / "templates" / "vivado" / "ap_types"


def build(project: Path, library: Path) -> None:
    manifest = json.loads((project / "hlsnn_manifest.json").read_text())
    includes = [vendor_ap_types_dir()] + [project / d for d in manifest["include_dirs"]]
    command = ["g++", *CHECK_FLAGS, "-fPIC", "-shared", "-pthread"]
    command += [f"-I{directory}" for directory in includes]
    command += [str(project / source) for source in manifest["emulation_sources"]]
    command += ["-o", str(library)]
    subprocess.run(command, check=True, capture_output=True, text=True)


def predict(project: Path, library: Path, inputs: list[np.ndarray]) -> list[np.ndarray]:
    """Outputs of the library built by `build` for `inputs` (one batch array per model input)."""
    manifest = json.loads((project / "hlsnn_manifest.json").read_text())
    samples = inputs[0].shape[0]
    flat_inputs = [np.ascontiguousarray(x.reshape(samples, -1), dtype=np.float64) for x in inputs]
    outputs = [
        np.zeros((samples, math.prod(output["shape"])), dtype=np.float64)
        for output in manifest["outputs"]
    ]
    pointer = ctypes.POINTER(ctypes.c_double)
    input_pointers = (pointer * len(flat_inputs))(*[x.ctypes.data_as(pointer) for x in flat_inputs])
    output_pointers = (pointer * len(outputs))(*[y.ctypes.data_as(pointer) for y in outputs])
    message = ctypes.create_string_buffer(1024)
    bridge = ctypes.CDLL(str(library))
    predict_f64 = bridge.hlsnn_predict_f64
    predict_f64.argtypes = [
        ctypes.c_void_p,
        ctypes.c_void_p,
        ctypes.c_int64,
        ctypes.c_char_p,
        ctypes.c_size_t,
    ]
    predict_f64.restype = ctypes.c_int
    if predict_f64(input_pointers, output_pointers, samples, message, len(message)) != 0:
        raise RuntimeError(f"vendor-headers build failed to predict: {message.value.decode()}")
    return outputs
