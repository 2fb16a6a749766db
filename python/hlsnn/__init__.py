"""hlsnn: compile trained Keras/QKeras networks into synthesizable HLS C++ projects, with a
bit-exact and fast C simulation of those projects.

Importing hlsnn never imports TensorFlow or Keras; features that need them import them on use.
`import hlsnn as hls4ml` works for the common calls (converters, utils, model.profiling, report).

Errors: anything the compiler rejects raises hlsnn.Error, a RuntimeError whose message says what
was wrong, where and what to do; bad arguments to predict/trace (count, shape, dtype) raise
ValueError.
"""

from pathlib import Path

from hlsnn import converters, model, report, utils
from hlsnn._core import Error, __version__
from hlsnn._model import HLSNNWarning

__all__ = [
    "Error",
    "HLSNNWarning",
    "__version__",
    "converters",
    "hls_include_dir",
    "model",
    "report",
    "utils",
]


def hls_include_dir() -> Path:
    """The folder of emulation headers (ap_int.h, ap_fixed.h, hls_stream.h) shipped with hlsnn."""
    return Path(__file__).resolve().parent / "hls" / "ap_types"
