"""Turns a live Keras model into what the C++ core reads: its JSON and its weights by layer.

Keras is imported here, on use, never when hlsnn is imported.
"""

from __future__ import annotations

import numpy as np


def import_keras():
    """The installed Keras module (Keras 3, or tf.keras's Keras 2), or an ImportError saying what
    to install."""
    try:
        import keras
    except ImportError as error:
        raise ImportError(
            "this hlsnn feature needs Keras: install 'keras' (Keras 3) or 'tensorflow' (Keras 2)"
        ) from error
    return keras


def keras_major_version() -> int:
    return int(import_keras().__version__.split(".")[0])


def innermost_layers(model):
    """The layers of `model`, nested models replaced by their own layers, recursively."""
    for layer in model.layers:
        if hasattr(layer, "layers") and hasattr(layer, "get_config") and layer.layers:
            yield from innermost_layers(layer)
        else:
            yield layer


def model_json_and_weights(model) -> tuple[str, dict[str, list[np.ndarray]], int]:
    """(model.to_json(), {layer name: float64 arrays of get_weights()}, keras major version),
    the weights keyed by each innermost layer's own name as the core expects them."""
    keras_major = keras_major_version()  # first: without Keras, say what to install
    weights = {
        layer.name: [np.ascontiguousarray(w, dtype=np.float64) for w in layer.get_weights()]
        for layer in innermost_layers(model)
    }
    return model.to_json(), weights, keras_major
