"""hlsnn: compile trained Keras/QKeras networks into synthesizable HLS C++ projects, with a
bit-exact and fast C simulation of those projects.

Importing hlsnn never imports TensorFlow or Keras; features that need them import them on use.
"""

from pathlib import Path

from hlsnn._core import __version__

__all__ = ["__version__", "hls_include_dir"]


def hls_include_dir() -> Path:
    """The folder of emulation headers (ap_int.h, ap_fixed.h, hls_stream.h) shipped with hlsnn."""
    return Path(__file__).resolve().parent / "hls" / "ap_types"
