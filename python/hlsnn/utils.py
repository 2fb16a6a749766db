"""hls4ml.utils: making a starting HLS config for a model. hls4ml's helpers for other
frameworks and its example-model downloads raise hlsnn.Error saying they do not apply."""

from __future__ import annotations

import json

from hlsnn._core import _Model
from hlsnn._keras import model_json_and_weights
from hlsnn.converters import _not_for_hlsnn, create_config  # noqa: F401 (hls4ml.utils.config's)


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


config_from_pytorch_model = _not_for_hlsnn(
    "config_from_pytorch_model",
    "hlsnn converts Keras models, not PyTorch ones",
    "use config_from_keras_model with a Keras or QKeras model",
)
config_from_onnx_model = _not_for_hlsnn(
    "config_from_onnx_model",
    "hlsnn converts Keras models, not ONNX ones",
    "use config_from_keras_model with a Keras or QKeras model",
)
fetch_example_model = _not_for_hlsnn(
    "fetch_example_model",
    "hlsnn does not download hls4ml's example models",
    "load the model with Keras and pass it to convert_from_keras_model",
)
fetch_example_list = _not_for_hlsnn(
    "fetch_example_list",
    "hlsnn does not download hls4ml's example models",
    "load the model with Keras and pass it to convert_from_keras_model",
)
plot_model = _not_for_hlsnn(
    "plot_model",
    "hlsnn does not draw model graphs",
    "use keras.utils.plot_model, or list the converted layers with get_layers()",
)
