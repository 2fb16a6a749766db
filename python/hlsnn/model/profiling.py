"""hls4ml.model.profiling: per-layer Keras outputs that line up with ModelGraph.trace, the
figures for choosing types (numerical, compare; they need matplotlib), and the data and plot
helpers hls4ml's module exports (weights_keras, activations_hlsmodel, types_hlsmodel, boxplot,
...; see hlsnn._profiling_data)."""

from __future__ import annotations

import numpy as np

from hlsnn._keras import import_keras, innermost_layers
from hlsnn._profiling_data import (
    activation_types_hlsmodel,
    activations_hlsmodel,
    activations_keras,
    activations_torch,
    ap_fixed_WIFS,
    array_to_summary,
    boxplot,
    get_unoptimized_hlsmodel,
    histogram,
    plots,
    types_boxplot,
    types_histogram,
    types_hlsmodel,
    types_plots,
    weights_hlsmodel,
    weights_keras,
    weights_torch,
)
from hlsnn._profiling_plots import compare, numerical

__all__ = [
    "activation_types_hlsmodel",
    "activations_hlsmodel",
    "activations_keras",
    "activations_torch",
    "ap_fixed_WIFS",
    "array_to_summary",
    "boxplot",
    "compare",
    "get_unoptimized_hlsmodel",
    "get_ymodel_keras",
    "histogram",
    "numerical",
    "plots",
    "types_boxplot",
    "types_histogram",
    "types_hlsmodel",
    "types_plots",
    "weights_hlsmodel",
    "weights_keras",
    "weights_torch",
]

# Layers that our graph drops, so trace has no entry for them.
_DROPPED_CLASSES = {"InputLayer", "Dropout"}


def get_ymodel_keras(keras_model, X):
    """{layer name: Keras output for X}, keyed like trace: nested models contribute their own
    layers under their own names (hlsnn inlines them), and a layer with a fused activation gives
    its pre-activation output under its name and the activated one under `<name>_<activation>`
    (QKeras: quantized_relu is `relu`, quantized_bits `linear`). A QKeras layer with per-unit
    kernel scales gives its output under `<name>_alpha` and its sums before the scale under its
    name.

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


# QKeras quantizer classes whose activation hlsnn names after the class.
_QKERAS_QUANTIZER_CLASSES = {
    "quantized_po2",
    "quantized_relu_po2",
    "binary",
    "stochastic_binary",
    "ternary",
    "stochastic_ternary",
    "bernoulli",
    "quantized_hswish",
}


def _qkeras_activation_name(quantizer):
    """The activation hlsnn computes a QKeras quantizer with (and names a fused one after), or
    None for what is not a QKeras quantizer object."""
    name = type(quantizer).__name__
    if name == "quantized_relu":
        return "leaky_relu" if quantizer.negative_slope else "relu"
    if name == "quantized_bits":
        return "linear"
    if name == "quantized_tanh":
        return "tanh" if quantizer.use_real_tanh else "hard_tanh"
    if name == "quantized_sigmoid":
        return "sigmoid" if quantizer.use_real_sigmoid else "hard_sigmoid"
    if name in _QKERAS_QUANTIZER_CLASSES:
        return name.replace("stochastic_", "")
    return None


def _fused_activation(layer):
    """The name of the activation a layer applies after its own computation, or None."""
    if layer.__class__.__name__ in ("Activation", "QActivation"):
        return None
    activation = getattr(layer, "activation", None)
    qkeras_name = _qkeras_activation_name(activation)
    if qkeras_name is not None:
        return qkeras_name
    name = getattr(activation, "__name__", "linear")
    return None if name == "linear" else name


def _kernel_quantizer(layer):
    """The quantizer of a QKeras layer's kernel that hlsnn may scale in a `<layer>_alpha` layer
    (separable convolutions fold their scales instead), or None."""
    if type(layer).__name__.startswith("QSeparableConv"):
        return None
    for attribute in ("kernel_quantizer_internal", "depthwise_quantizer_internal"):
        quantizer = getattr(layer, attribute, None)
        if quantizer is not None:
            return quantizer
    return None


def _has_alpha(layer):
    """True for a QKeras layer whose kernel quantizer scales per output channel by powers of two
    ('auto_po2'): hlsnn computes it on the quantizer's grid and scales in a `<layer>_alpha`
    layer ('auto' scales are folded into the weights, as QKeras multiplies by them)."""
    return getattr(_kernel_quantizer(layer), "alpha", None) == "auto_po2"


def _keys(layer):
    activation = _fused_activation(layer)
    keys = [layer.name] + ([f"{layer.name}_alpha"] if _has_alpha(layer) else [])
    return keys + ([f"{layer.name}_{activation}"] if activation is not None else [])


def _before_alpha(layer, scaled):
    """What hlsnn's scaled layer computes: the sums on the kernel's grid, (scaled - bias) / scale,
    from the scale QKeras' quantizer set on this call (a depthwise kernel's, one per depth
    multiple, repeated over the input channels; a folded layer's bias is its folded one)."""
    bias = None
    if hasattr(layer, "get_folded_weights"):
        bias = layer.get_folded_weights()[1]
    elif getattr(layer, "use_bias", False):
        bias = layer.bias
    if bias is not None:
        bias_quantizer = getattr(layer, "bias_quantizer_internal", None)
        bias = np.asarray(bias_quantizer(bias) if bias_quantizer else bias, np.float64)
    scale = np.asarray(_kernel_quantizer(layer).scale, np.float64).reshape(-1)
    scaled = np.asarray(scaled, np.float64)
    scale = np.tile(scale, scaled.shape[-1] // scale.size)
    return ((scaled - (0.0 if bias is None else bias)) / scale).astype(np.float32)


def _recording_call(keras, layer, recorded):
    original = layer.call  # bound to the layer: the class's call
    activation_name = _fused_activation(layer)

    def call(*args, **kwargs):
        if activation_name is None:
            before = output = original(*args, **kwargs)
        else:
            # The layer applies self.activation last: with it swapped for linear the call gives
            # the pre-activation value, which trace reports under the layer's own name.
            activation = layer.activation
            layer.activation = keras.activations.linear
            try:
                before = original(*args, **kwargs)
            finally:
                layer.activation = activation
            output = activation(before)
            recorded[f"{layer.name}_{activation_name}"] = np.asarray(output)
        if _has_alpha(layer):
            recorded[f"{layer.name}_alpha"] = np.asarray(before)
            recorded[layer.name] = _before_alpha(layer, before)
        else:
            recorded[layer.name] = np.asarray(before)
        return output

    return call
