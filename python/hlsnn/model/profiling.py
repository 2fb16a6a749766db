"""hls4ml.model.profiling: per-layer Keras outputs that line up with ModelGraph.trace."""

from __future__ import annotations

import numpy as np

from hlsnn._keras import import_keras

# Layers that our graph drops, so trace has no entry for them.
_DROPPED_CLASSES = {"InputLayer", "Dropout"}


def get_ymodel_keras(keras_model, X):
    """{layer name: Keras output for X}, keyed like trace: a layer with a fused activation gives
    its pre-activation output under its name and the activated one under `<name>_<activation>`.
    Only the top-level layers of the model are covered."""
    keras = import_keras()
    results = {}
    for layer in keras_model.layers:
        if layer.__class__.__name__ in _DROPPED_CLASSES:
            continue
        activation = getattr(layer, "activation", None)
        activation_name = getattr(activation, "__name__", "linear")
        fused = layer.__class__.__name__ != "Activation" and activation_name != "linear"
        output = _layer_output(keras, keras_model, layer, X)
        if fused:
            # The layer calls self.activation at run time: with it swapped for linear, a new
            # sub-model computes the pre-activation value; the layer is restored right after.
            layer.activation = keras.activations.linear
            try:
                results[layer.name] = _layer_output(keras, keras_model, layer, X)
            finally:
                layer.activation = activation
            results[f"{layer.name}_{activation_name}"] = output
        else:
            results[layer.name] = output
    return results


def _layer_output(keras, keras_model, layer, X):
    sub_model = keras.Model(inputs=keras_model.inputs, outputs=layer.output)
    return np.asarray(sub_model.predict(X, verbose=0))
