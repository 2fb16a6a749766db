"""hls4ml.model: the converted model and its profiling helpers."""
