"""hls4ml.utils: making a starting HLS config for a model."""

from __future__ import annotations

import json

from hlsnn._core import _Model
from hlsnn._keras import model_json_and_weights


def config_from_keras_model(
    model,
    granularity="model",
    backend=None,
    default_precision="fixed<16,6>",
    default_reuse_factor=1,
    max_precision=None,
):
    """A starting HLSConfig dict for a live Keras model: granularity 'model', 'type' or 'name'.
    `backend` is accepted for hls4ml compatibility; the config keys do not depend on it."""
    del backend
    model_json, weights, keras_major = model_json_and_weights(model)
    return json.loads(
        _Model.make_config(
            model_json,
            weights,
            keras_major,
            granularity,
            default_precision,
            int(default_reuse_factor),
            max_precision,
        )
    )
