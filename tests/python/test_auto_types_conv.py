"""`auto` result types of convolution and pooling layers chosen by range analysis (issue 10, with
the layers of issue 11): with config_from_keras_model(granularity='name') a stack of Conv2D,
DepthwiseConv2D, SeparableConv2D, AveragePooling2D and MaxPooling2D over the whole declared
input range computes every layer's output without a wrap (each within the truncations of its
inputs of Keras' float output, where a wrap is off by 64 or more), at the default's resolution,
and with no pre-flight warning."""

import os
import warnings

import numpy as np
import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
keras = pytest.importorskip("keras")

import hlsnn  # noqa: E402
from hlsnn.model.profiling import get_ymodel_keras  # noqa: E402

L = keras.layers
DEFAULT_LSB = 2.0**-10  # fixed<16,6>
INPUT_LOW, INPUT_HIGH = -32.0, 32.0 - DEFAULT_LSB  # the default input type fixed<16,6>


def window_stack():
    """8x8x3 -> Conv2D 'same' -> DepthwiseConv2D 'valid' -> SeparableConv2D 'same' ->
    AveragePooling2D -> MaxPooling2D 'same' -> Flatten -> Dense, linear, with weights whose
    sums reach hundreds on inputs within ±32."""
    keras.utils.set_random_seed(11)
    x = keras.Input((8, 8, 3), name="image")
    y = L.Conv2D(4, 3, padding="same", name="conv")(x)
    y = L.DepthwiseConv2D(3, depth_multiplier=1, name="depthwise")(y)
    y = L.SeparableConv2D(3, 3, padding="same", name="separable")(y)
    y = L.AveragePooling2D(2, name="average")(y)
    y = L.MaxPooling2D(2, padding="same", name="maximum")(y)
    y = L.Flatten(name="flatten")(y)
    y = L.Dense(2, name="head")(y)
    model = keras.Model(x, y)
    rng = np.random.default_rng(11)
    for layer in model.layers:
        layer.set_weights([rng.uniform(-0.3, 0.3, w.shape) for w in layer.get_weights()])
    return model


def whole_range_inputs(rng, count):
    """Uniform over the declared range, and images at its two extremes pixel by pixel."""
    uniform = rng.uniform(INPUT_LOW, INPUT_HIGH, (count, 8, 8, 3))
    extremes = rng.choice([INPUT_LOW, INPUT_HIGH], (count, 8, 8, 3))
    x = np.concatenate([uniform, extremes])
    return np.floor(x / DEFAULT_LSB) * DEFAULT_LSB


def test_window_layers_never_overflow_on_the_declared_input_range(tmp_path):
    model = window_stack()
    config = hlsnn.utils.config_from_keras_model(model, granularity="name")
    with warnings.catch_warnings():
        warnings.simplefilter("error", hlsnn.HLSNNWarning)  # nothing inferred can overflow
        hls_model = hlsnn.converters.convert_from_keras_model(
            model, output_dir=str(tmp_path), hls_config=config
        )
    results = {layer["name"]: layer["result"] for layer in hls_model._core.layers}
    x = whole_range_inputs(np.random.default_rng(5), 40)
    _, traced = hls_model.trace(x)
    expected = get_ymodel_keras(model, x)
    largest = 0.0
    for name in ("conv", "depthwise", "separable", "average", "maximum", "head"):
        assert results[name]["lsb"] == DEFAULT_LSB, (name, results[name]["type"])
        reference = np.asarray(expected[name], dtype=np.float64)
        largest = max(largest, float(np.abs(reference).max()))
        # Each layer truncates to 2^-10 and the next multiplies the errors by at most the sum
        # of its |weights| (below 8 here): far below a wrap's 64.
        np.testing.assert_allclose(
            traced[name].reshape(reference.shape), reference, atol=1.0, err_msg=name
        )
    assert largest > 64, "the case needs values that the default fixed<16,6> wraps"
