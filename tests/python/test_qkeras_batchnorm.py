"""QBatchNormalization and QDenseBatchnorm against QKeras / TensorFlow bit for bit where their
float32 arithmetic is exact, on 10,000 inputs of a fixed-point grid.

QBatchNormalization computes float32(float32(x * inv) + offset) with inv = rsqrt(variance +
epsilon) * gamma; hlsnn computes x * inv + offset exactly with TensorFlow's own inv and offset.
With QKeras' default quantizers gamma is a power of two and variance a power of four; with an
epsilon below the variance's last bit, inv is a power of two wherever TensorFlow's rsqrt is exact
(its scalar loop: fewer than 8 channels, or the channels after the last full group of 8), and
every output is then equal. (Layers with more channels, and larger epsilons, are equal after the
next quantizer: tests/python/test_qkeras_models.py.)

QDenseBatchnorm is not in QKeras 0.9.0 (it comes from QKeras' pull request #74); its inference is
that of QConv2DBatchnorm with a dense kernel, which the reference here computes with TensorFlow
and QKeras' own quantizers. Skipped where QKeras is not installed (Keras 3)."""

import json

import numpy as np
import pytest

qkeras = pytest.importorskip("qkeras")
keras = pytest.importorskip("keras")
tf = pytest.importorskip("tensorflow")
h5py = pytest.importorskip("h5py")

import hlsnn  # noqa: E402
from hlsnn.model.profiling import get_ymodel_keras  # noqa: E402
from qkeras import QActivation, QBatchNormalization, QDense, quantized_bits  # noqa: E402

N_IN = 16


def grid(count=10_000, seed=0):
    return (np.random.default_rng(seed).integers(-64, 64, (count, N_IN)) / 16).astype(np.float32)


def convert(model, directory):
    return hlsnn.converters.convert_from_keras_model(model, output_dir=str(directory))


def test_power_of_two_batchnorm_equals_qkeras_bit_for_bit(tmp_path):
    keras.utils.set_random_seed(5)
    x = keras.Input((N_IN,), name="x")
    h = QDense(
        6,
        kernel_quantizer=quantized_bits(6, 0, alpha=1),
        bias_quantizer=quantized_bits(6, 0, alpha=1),
        name="fc",
    )(x)
    h = QBatchNormalization(epsilon=1e-9, name="bn")(h)
    model = keras.Model(x, QActivation("quantized_relu(6,2)", name="relu")(h))
    rng = np.random.default_rng(5)
    model.get_layer("bn").set_weights(
        [
            rng.uniform(0.3, 3, 6),
            rng.uniform(-1, 1, 6),
            rng.uniform(-1, 1, 6),
            rng.uniform(0.1, 5, 6),
        ]
    )
    inputs = grid()
    y, traced = convert(model, tmp_path / "bn").trace(inputs)
    expected = get_ymodel_keras(model, inputs)
    assert list(traced) == ["fc", "bn", "relu"]
    for name, values in traced.items():
        np.testing.assert_array_equal(values, expected[name].reshape(values.shape), err_msg=name)
    assert np.std(traced["bn"]) > 0.3
    np.testing.assert_array_equal(y, model.predict(inputs, verbose=0))


def test_batchnorm_without_scale_center_or_quantizers(tmp_path):
    """scale=False and center=False drop gamma and beta; quantizers set to None leave the
    statistics as stored: the offset and inv are then arbitrary float32 values, and with them
    the output is bounded by float32 rounding; after the next quantizer it is equal."""
    keras.utils.set_random_seed(6)
    x = keras.Input((N_IN,), name="x")
    h = QDense(12, kernel_quantizer=quantized_bits(6, 0, alpha=1), name="fc")(x)
    h = QBatchNormalization(
        scale=False, center=False, mean_quantizer=None, variance_quantizer=None, name="bn"
    )(h)
    model = keras.Model(x, QActivation("quantized_bits(8,3,alpha=1)", name="q")(h))
    rng = np.random.default_rng(6)
    model.get_layer("bn").set_weights([rng.uniform(-1, 1, 12), rng.uniform(0.1, 5, 12)])
    inputs = grid(seed=1)
    y, traced = convert(model, tmp_path / "plain").trace(inputs)
    expected = get_ymodel_keras(model, inputs)
    np.testing.assert_allclose(traced["bn"], expected["bn"], rtol=4 * 2.0**-24, atol=1e-6)
    np.testing.assert_array_equal(y, model.predict(inputs, verbose=0))


def dense_batchnorm_file(path, epsilon=1e-3):
    """A QDenseBatchnorm as QKeras' pull request #74 saves it: a QDense's .h5 with the class name
    changed, the BatchNormalization keys added to its config and gamma, beta, iteration,
    moving_mean and moving_variance after its kernel and bias. Returns the arrays."""
    keras.utils.set_random_seed(7)
    model = keras.Sequential(
        [
            keras.Input((N_IN,), name="x"),
            QDense(
                8,
                kernel_quantizer=quantized_bits(6, 0),
                bias_quantizer=quantized_bits(8, 3, alpha=1),
                activation="quantized_relu(6,2)",
                name="fb",
            ),
        ]
    )
    model.save(path)
    rng = np.random.default_rng(7)
    kernel, _ = model.get_layer("fb").get_weights()
    arrays = {
        "kernel": kernel,
        "bias": rng.uniform(-1, 1, 8).astype(np.float32),
        "gamma": rng.uniform(0.5, 2, 8).astype(np.float32),
        "beta": rng.uniform(-1, 1, 8).astype(np.float32),
        "iteration": np.array(12, np.int64),
        "moving_mean": rng.uniform(-1, 1, 8).astype(np.float32),
        "moving_variance": rng.uniform(0.1, 4, 8).astype(np.float32),
    }
    with h5py.File(path, "r+") as file:
        text = file.attrs["model_config"]
        config = json.loads(text.decode() if isinstance(text, bytes) else text)
        layer = config["config"]["layers"][-1]
        layer["class_name"] = "QDenseBatchnorm"
        layer["config"].update(
            {
                "axis": -1,
                "momentum": 0.99,
                "epsilon": epsilon,
                "center": True,
                "scale": True,
                "folding_mode": "ema_stats_folding",
                "ema_freeze_delay": None,
            }
        )
        file.attrs["model_config"] = json.dumps(config)
        group = file["model_weights"]["fb"]
        inner = group["fb"]
        for name in ("kernel:0", "bias:0"):
            del inner[name]
        names = []
        for name, values in arrays.items():
            inner.create_dataset(f"{name}:0", data=values)
            names.append(f"fb/{name}:0".encode())
        group.attrs["weight_names"] = names
    return arrays


def dense_batchnorm_reference(arrays, inputs):
    """QKeras' QConv2DBatchnorm inference with a dense kernel, from the file's arrays: inv =
    rsqrt(moving_variance + epsilon) * gamma; the kernel quantizer (auto_po2 by the kernel
    default) on kernel * inv, the bias quantizer on inv * (bias - moving_mean) + beta. Returns
    the sums (exact in float64) and the output after the layer's quantized_relu."""
    inv = tf.math.rsqrt(tf.constant(arrays["moving_variance"]) + 1e-3) * arrays["gamma"]
    folded_kernel = inv * arrays["kernel"]
    folded_bias = inv * (arrays["bias"] - arrays["moving_mean"]) + arrays["beta"]
    kernel_quantizer = quantized_bits(6, 0)
    kernel_quantizer._set_trainable_parameter()
    kernel = np.asarray(kernel_quantizer(folded_kernel), np.float64)
    bias = np.asarray(quantized_bits(8, 3, alpha=1)(folded_bias), np.float64)
    sums = inputs.astype(np.float64) @ kernel + bias
    return sums, np.asarray(qkeras.quantized_relu(6, 2)(sums.astype(np.float32)))


def test_dense_batchnorm_folds_as_qkeras_does(tmp_path):
    path = tmp_path / "dense_batchnorm.h5"
    arrays = dense_batchnorm_file(path)
    inputs = grid(seed=2)
    sums, expected = dense_batchnorm_reference(arrays, inputs)
    hls_model = hlsnn.converters.convert_from_keras_model(str(path), output_dir=str(tmp_path / "p"))
    y, traced = hls_model.trace(inputs)
    assert list(traced) == ["fb", "fb_alpha", "fb_relu"]
    np.testing.assert_array_equal(traced["fb_alpha"], sums)
    assert np.std(y) > 0.2
    np.testing.assert_array_equal(y, expected)
