"""Realistic QKeras networks (bench/qkeras/qkeras_zoo.py: a binary MLP with QBatchNormalization,
a ternary MLP, a power-of-two MLP, an MLP with QBatchNormalization between 6-bit layers), trained
briefly on scikit-learn's digits: hlsnn's predictions equal QKeras' model.predict bit for bit on
the digits and on 10,000 random images of the same 1/16 grid, and every traced layer equals
get_ymodel_keras, except the raw output of QBatchNormalization:

QKeras computes it as float32(float32(x * inv) + offset), with inv = rsqrt(variance + epsilon) *
gamma an arbitrary float32 number; hlsnn computes x * inv + offset exactly (inv and offset are
TensorFlow's own float32 values, see the README). The two differ by float32 rounding, a few ulps,
which the next quantizer (binary, quantized_relu) removes: its outputs are equal again."""

import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("qkeras")
pytest.importorskip("sklearn")
keras = pytest.importorskip("keras")

import hlsnn  # noqa: E402
from hlsnn.model.profiling import get_ymodel_keras  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench" / "qkeras"))
import qkeras_zoo  # noqa: E402

# Raw QBatchNormalization outputs: float32 rounding in QKeras (module docstring).
FLOAT32_BATCHNORM = {"bn1"}


@pytest.fixture(scope="module", params=list(qkeras_zoo.MODELS))
def converted(request, tmp_path_factory):
    model = qkeras_zoo.MODELS[request.param]()
    hls_model = hlsnn.converters.convert_from_keras_model(
        model, output_dir=str(tmp_path_factory.mktemp(request.param) / "prj")
    )
    hls_model.compile()
    digits, _ = qkeras_zoo.digits()
    return model, hls_model, np.concatenate([digits, qkeras_zoo.grid_inputs(10_000)])


def test_predict_equals_qkeras_bit_for_bit(converted):
    model, hls_model, x = converted
    expected = model.predict(x, verbose=0)
    assert np.std(expected) > 0.1
    np.testing.assert_array_equal(hls_model.predict(x).reshape(expected.shape), expected)


def test_every_layer_equals_qkeras_but_raw_batchnorm_within_float32_rounding(converted):
    model, hls_model, x = converted
    _, traced = hls_model.trace(x)
    expected = get_ymodel_keras(model, x)
    assert list(traced) == list(expected)
    for name, ours in traced.items():
        theirs = expected[name].reshape(ours.shape).astype(np.float64)
        if name in FLOAT32_BATCHNORM:
            # A few float32 ulps of the values (two roundings, inv's last bit).
            np.testing.assert_allclose(ours, theirs, rtol=4 * 2.0**-24, atol=1e-6, err_msg=name)
        else:
            np.testing.assert_array_equal(ours, theirs, err_msg=name)


def test_trained_networks_classify(converted):
    """The zoo is realistic: the networks learned the digits."""
    model, hls_model, _ = converted
    digits, labels = qkeras_zoo.digits()
    assert np.mean(np.argmax(hls_model.predict(digits), axis=1) == labels) > 0.8
