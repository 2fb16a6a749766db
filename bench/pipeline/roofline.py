"""The int rooflines, built with hlsnn's compile flags: the MLP's (roofline_mlp.cpp), loaded with
the Keras model's weights (already on the ap_fixed<16,6> grid) and run single-threaded from one
call; and the convolution kernel's (roofline_conv.cpp), hlsnn's nnet::conv against a plain
integer loop on the SVHN-style CNN's Conv2D layers."""

from __future__ import annotations

import ctypes
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from bench_models import DATA_FRACTION_BITS
from vendor_headers import FLAGS

SOURCE = Path(__file__).with_name("roofline_mlp.cpp")
CONV_SOURCE = Path(__file__).with_name("roofline_conv.cpp")
HLS_DIR = Path(__file__).resolve().parents[2] / "hls"
OUTPUTS = 5


class Roofline:
    def __init__(self, keras_model, workdir: Path):
        library = workdir / "roofline_mlp.so"
        command = ["g++", *FLAGS, "-fPIC", "-shared", str(SOURCE), "-o", str(library)]
        subprocess.run(command, check=True, capture_output=True, text=True)
        self._library = ctypes.CDLL(str(library))
        self._library.roofline_set_layer.restype = ctypes.c_bool
        self._library.roofline_predict.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64]
        dense_layers = [layer for layer in keras_model.layers if layer.get_weights()]
        for index, layer in enumerate(dense_layers):
            weight, bias = (self._on_grid(array) for array in layer.get_weights())
            loaded = self._library.roofline_set_layer(
                index, weight.ctypes.data_as(ctypes.c_void_p), bias.ctypes.data_as(ctypes.c_void_p)
            )
            if not loaded:
                raise ValueError(f"the roofline program has no layer {index} ({layer.name})")

    @staticmethod
    def _on_grid(array: np.ndarray) -> np.ndarray:
        grid = np.asarray(array, dtype=np.float64) * 2**DATA_FRACTION_BITS
        if not np.array_equal(grid, np.round(grid)):
            raise ValueError("roofline weights must lie on the ap_fixed<16,6> grid")
        return np.ascontiguousarray(grid.astype(np.int16))

    def predict(self, x: np.ndarray) -> tuple[float, np.ndarray]:
        """(seconds, outputs) for float32 samples `x`."""
        x = np.ascontiguousarray(x, dtype=np.float32)
        y = np.empty((x.shape[0], OUTPUTS), dtype=np.float32)
        start = time.perf_counter()
        self._library.roofline_predict(x.ctypes.data, y.ctypes.data, x.shape[0])
        return time.perf_counter() - start, y


@dataclass(frozen=True)
class ConvLayerTiming:
    name: str
    multiplications: int
    ours_us: float
    loop_us: float
    identical: bool


def conv_roofline(workdir: Path, rounds: int) -> list[ConvLayerTiming]:
    """Per Conv2D layer of the SVHN-style CNN and in total (name 'total'): the median time of one
    call of hlsnn's kernel and of the integer loop, and whether their outputs are identical."""
    program = workdir / "roofline_conv"
    command = ["g++", *FLAGS, f"-I{HLS_DIR / 'ap_types'}", f"-I{HLS_DIR}", str(CONV_SOURCE)]
    subprocess.run([*command, "-o", str(program)], check=True, capture_output=True, text=True)
    output = subprocess.run(
        [str(program), str(rounds)], check=False, capture_output=True, text=True
    ).stdout
    timings = []
    for line in output.splitlines():
        name, multiplications, ours, loop, identical = line.split()
        timings.append(
            ConvLayerTiming(name, int(multiplications), float(ours), float(loop), identical == "1")
        )
    return timings
