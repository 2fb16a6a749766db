"""hls4ml.model.profiling: per-layer Keras outputs that line up with ModelGraph.trace, and the
figures for choosing types (numerical, compare; they need matplotlib)."""

from __future__ import annotations

import numpy as np

from hlsnn._keras import import_keras, innermost_layers
from hlsnn._profiling_plots import compare, numerical

__all__ = ["compare", "get_ymodel_keras", "numerical"]

# Layers that our graph drops, so trace has no entry for them.
_DROPPED_CLASSES = {"InputLayer", "Dropout"}


def get_ymodel_keras(keras_model, X):
    """{layer name: Keras output for X}, keyed like trace: nested models contribute their own
    layers under their own names (hlsnn inlines them), and a layer with a fused activation gives
    its pre-activation output under its name and the activated one under `<name>_<activation>`.

    Runs the model once, eagerly, with each layer's call wrapped to record what it returns."""
    keras = import_keras()
    layers = [
        layer
        for layer in innermost_layers(keras_model)
        if layer.__class__.__name__ not in _DROPPED_CLASSES
    ]
    recorded = {}
    for layer in layers:
        layer.call = _recording_call(keras, layer, recorded)
    try:
        keras_model(_as_float32(X), training=False)
    finally:
        for layer in layers:
            del layer.call  # the class's own call again
    return {name: recorded[name] for layer in layers for name in _keys(layer) if name in recorded}


def _as_float32(X):
    if isinstance(X, (list, tuple)):
        return [np.asarray(x, dtype=np.float32) for x in X]
    return np.asarray(X, dtype=np.float32)


def _fused_activation(layer):
    """The name of the activation a layer applies after its own computation, or None."""
    if layer.__class__.__name__ == "Activation":
        return None
    name = getattr(getattr(layer, "activation", None), "__name__", "linear")
    return None if name == "linear" else name


def _keys(layer):
    activation = _fused_activation(layer)
    return [layer.name] if activation is None else [layer.name, f"{layer.name}_{activation}"]


def _recording_call(keras, layer, recorded):
    original = layer.call  # bound to the layer: the class's call
    activation_name = _fused_activation(layer)

    def call(*args, **kwargs):
        if activation_name is None:
            output = original(*args, **kwargs)
            recorded[layer.name] = np.asarray(output)
            return output
        # The layer applies self.activation last: with it swapped for linear the call gives the
        # pre-activation value, which trace reports under the layer's own name.
        activation = layer.activation
        layer.activation = keras.activations.linear
        try:
            before = original(*args, **kwargs)
        finally:
            layer.activation = activation
        output = activation(before)
        recorded[layer.name] = np.asarray(before)
        recorded[f"{layer.name}_{activation_name}"] = np.asarray(output)
        return output

    return call
