"""hls4ml.model: the converted model and its profiling helpers (imported with hlsnn: they need
neither Keras nor matplotlib until called)."""

from hlsnn.model import profiling

__all__ = ["profiling"]
