"""hls4ml.converters: Keras model (live or saved file) -> hlsnn model."""

from __future__ import annotations

import json
import os
from pathlib import Path

from hlsnn._core import _Model
from hlsnn._model import ModelGraph

# hls4ml keywords that have no effect here (testbench data is not written yet).
_IGNORED_KEYWORDS = {"input_data_tb", "output_data_tb", "bit_exact", "allow_da_fallback"}


def convert_from_keras_model(
    model,
    output_dir="my-hls-test",
    project_name="myproject",
    backend="Vivado",
    hls_config=None,
    part="xcvu13p-flga2577-2-e",
    clock_period=5,
    io_type="io_parallel",
    **kwargs,
):
    """Converts a live Keras 2 / Keras 3 model, or the path of a saved one (.h5, .keras), into a
    model that writes, compiles, predicts, traces and builds the HLS project."""
    unknown = set(kwargs) - _IGNORED_KEYWORDS
    if unknown:
        raise TypeError(f"convert_from_keras_model got unknown keyword(s): {sorted(unknown)}")
    config_json = None if hls_config is None else json.dumps(hls_config)
    settings = {
        "output_dir": Path(output_dir),
        "project_name": project_name,
        "backend": backend,
        "part": part,
        "clock_period": float(clock_period),
        "io_type": io_type,
        "hls_dir": Path(__file__).absolute().parent / "hls",
    }
    if isinstance(model, (str, os.PathLike)):
        core = _Model.from_keras_file(Path(model), config_json, **settings)
    else:
        from hlsnn._keras import model_json_and_weights

        model_json, weights, keras_major = model_json_and_weights(model)
        core = _Model.from_keras_json(model_json, weights, keras_major, config_json, **settings)
    return ModelGraph(core)
