"""QKeras' convolutional layers against QKeras 0.9.0 on 10,000 inputs of a fixed-point grid:
QConv1D, QConv2D (power-of-two scaled, po2, binary and 'auto' kernels), QDepthwiseConv2D,
QSeparableConv1D/2D, QConv2DBatchnorm, QDepthwiseConv2DBatchnorm, QAveragePooling2D,
QGlobalAveragePooling2D and QActivation in a CNN, in one multi-input, multi-output model (one
compile): every traced layer equals get_ymodel_keras bit for bit, except where QKeras' float32
arithmetic rounds, which the tests bound:
  - 'auto' kernels (quantized_bits, ternary): QKeras' weights are float32 scales times codes, so
    each product has about 24 + 6 significant bits and QKeras' float32 sums round (as for
    QDense); hlsnn holds the exact sums of those same weights, which differ from QKeras' by a
    few float32 ulps of the sum of the magnitudes of the terms;
  - QAveragePooling2D over a 3x3 window: QKeras rounds the average to float32 before it
    multiplies it back by the area 9 and by the quantized 1/9 (three roundings); hlsnn multiplies
    the exact sum by the quantized 1/9 (equal for areas that are powers of two).
Then the realistic CNNs of bench/qkeras/qkeras_zoo.py (MNIST-sized, trained on the digits): a
QConv2D / QActivation / pooling / QDense network and a QConv2DBatchnorm one, equal to QKeras'
model.predict bit for bit. Skipped where QKeras is not installed (Keras 3)."""

import sys
from pathlib import Path

import numpy as np
import pytest

qkeras = pytest.importorskip("qkeras")
keras = pytest.importorskip("keras")
tf = pytest.importorskip("tensorflow")
pytest.importorskip("sklearn")

import hlsnn  # noqa: E402
from hlsnn.model.profiling import get_ymodel_keras  # noqa: E402
from qkeras import (  # noqa: E402
    QActivation,
    QAveragePooling2D,
    QConv1D,
    QConv2D,
    QConv2DBatchnorm,
    QDepthwiseConv2D,
    QDepthwiseConv2DBatchnorm,
    QGlobalAveragePooling2D,
    QSeparableConv1D,
    QSeparableConv2D,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench" / "qkeras"))
import qkeras_zoo  # noqa: E402

SAMPLES = 10_000
BIAS = "quantized_bits(8,3,alpha=1)"
FLOAT32 = 2.0**-24
# Bounded, not equal (module docstring).
AUTO_KERNELS = {"c_ternary_auto", "c_bits_auto"}
FLOAT32_ROUNDING = AUTO_KERNELS | {"avg3"}


def conv_zoo():
    keras.utils.set_random_seed(9)
    image = keras.Input((6, 6, 2), name="image")
    signal = keras.Input((8, 3), name="signal")
    relu = "quantized_relu(6,2)"
    conv = QConv2D(
        4,
        (3, 3),
        kernel_quantizer="quantized_bits(5,0)",
        bias_quantizer=BIAS,
        activation=relu,
        name="c_bits",
    )(image)
    outputs = [
        conv,
        QConv2D(4, (3, 3), kernel_quantizer="quantized_po2(4)", bias_quantizer=BIAS, name="c_po2")(
            image
        ),
        QConv2D(4, (3, 3), kernel_quantizer="binary()", use_bias=False, name="c_binary")(image),
        QConv2D(
            4,
            (3, 3),
            strides=2,
            padding="same",
            kernel_quantizer="ternary(alpha='auto')",
            use_bias=False,
            name="c_ternary_auto",
        )(image),
        QConv2D(
            4,
            (3, 3),
            kernel_quantizer="quantized_bits(5,0,alpha='auto')",
            bias_quantizer=BIAS,
            name="c_bits_auto",
        )(image),
        QDepthwiseConv2D(
            (3, 3),
            depth_multiplier=2,
            depthwise_quantizer="quantized_bits(5,0)",
            bias_quantizer=BIAS,
            name="dw",
        )(image),
        QSeparableConv2D(
            3,
            (3, 3),
            depth_multiplier=2,
            depthwise_quantizer="quantized_bits(5,0)",
            pointwise_quantizer="quantized_bits(5,0)",
            bias_quantizer=BIAS,
            name="sep2",
        )(image),
        QConv2DBatchnorm(
            4, (3, 3), kernel_quantizer="quantized_bits(6,0)", bias_quantizer=BIAS, name="cbn"
        )(image),
        QDepthwiseConv2DBatchnorm(
            (3, 3), depthwise_quantizer="quantized_bits(6,0)", bias_quantizer=BIAS, name="dwbn"
        )(image),
        QAveragePooling2D(2, average_quantizer="quantized_bits(8,0,alpha=1)", name="avg2")(image),
        QAveragePooling2D(3, average_quantizer="quantized_bits(8,0,alpha=1)", name="avg3")(image),
        QGlobalAveragePooling2D(
            average_quantizer="quantized_bits(8,0,alpha=1)",
            activation="quantized_bits(8,3,alpha=1)",
            name="gavg",
        )(conv),
        QActivation("quantized_po2(5)", name="act_po2")(conv),
        QConv1D(4, 3, kernel_quantizer="quantized_bits(5,0)", bias_quantizer=BIAS, name="c1")(
            signal
        ),
        QSeparableConv1D(
            3,
            3,
            depthwise_quantizer="quantized_bits(5,0)",
            pointwise_quantizer="binary()",
            bias_quantizer=BIAS,
            name="sep1",
        )(signal),
    ]
    model = keras.Model([image, signal], outputs)
    rng = np.random.default_rng(9)
    for name in ("cbn", "dwbn"):
        layer = model.get_layer(name)
        weights = layer.get_weights()
        channels = weights[1].shape[0]
        # kernel, bias, gamma, beta, iteration, moving_mean, moving_variance
        layer.set_weights(
            [
                weights[0],
                rng.uniform(-1, 1, channels),
                rng.uniform(0.5, 2, channels),
                rng.uniform(-1, 1, channels),
                weights[4],
                rng.uniform(-1, 1, channels),
                rng.uniform(0.2, 3, channels),
            ]
        )
    return model


def conv_zoo_inputs():
    """SAMPLES inputs of conv_zoo's image and signal on a 1/16 grid in [-2, 2)."""
    rng = np.random.default_rng(10)
    return [
        (rng.integers(-32, 32, (SAMPLES, 6, 6, 2)) / 16).astype(np.float32),
        (rng.integers(-32, 32, (SAMPLES, 8, 3)) / 16).astype(np.float32),
    ]


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    model = conv_zoo()
    x = conv_zoo_inputs()
    hls_model = hlsnn.converters.convert_from_keras_model(
        model, output_dir=str(tmp_path_factory.mktemp("qkeras_conv") / "prj")
    )
    hls_model.compile()
    return model, x, hls_model


def test_every_layer_equals_qkeras_bit_for_bit(converted):
    model, x, hls_model = converted
    ys, traced = hls_model.trace(x)
    expected = get_ymodel_keras(model, x)
    assert list(traced) == list(expected)
    for name, ours in traced.items():
        if name not in FLOAT32_ROUNDING:
            np.testing.assert_array_equal(ours, expected[name].reshape(ours.shape), err_msg=name)
    for name, ours in zip(model.output_names, ys):
        if name not in FLOAT32_ROUNDING:
            theirs = keras.Model(model.inputs, model.get_layer(name).output).predict(x, verbose=0)
            np.testing.assert_array_equal(ours.reshape(theirs.shape), theirs, err_msg=name)


def exact_convolution(layer, x):
    """The layer's output from QKeras' own quantized weights in float64 (exact for these
    inputs), and the same sums of the magnitudes of the terms."""
    kernel = np.asarray(layer.kernel_quantizer_internal(layer.kernel), np.float64)
    bias = np.zeros(kernel.shape[-1])
    if layer.use_bias:
        bias = np.asarray(layer.bias_quantizer_internal(layer.bias), np.float64)

    def convolve(inputs, weights):
        return tf.nn.conv2d(inputs, weights, layer.strides, layer.padding.upper()).numpy()

    x = x.astype(np.float64)
    return convolve(x, kernel) + bias, convolve(np.abs(x), np.abs(kernel)) + np.abs(bias)


def test_auto_kernels_and_3x3_average_differ_only_by_float32_rounding(converted):
    """hlsnn computes the exact sums of QKeras' own weights; QKeras' float32 ones are within
    8 * 2^-24 of the sum of the magnitudes of their terms (measured: 4.2). The 3x3 average: three
    float32 roundings, each within 2^-24 of its result."""
    model, x, hls_model = converted
    _, traced = hls_model.trace(x)
    theirs = get_ymodel_keras(model, x)
    for name in AUTO_KERNELS:
        exact, magnitude = exact_convolution(model.get_layer(name), x[0])
        ours = traced[name].reshape(exact.shape)
        np.testing.assert_array_equal(ours, exact, err_msg=name)
        difference = np.abs(ours - theirs[name].reshape(exact.shape))
        assert np.all(difference <= 8 * FLOAT32 * magnitude), name
        assert np.mean(difference == 0) < 0.5, name  # the bound is needed: most sums round
    ours = traced["avg3"]
    difference = np.abs(ours - theirs["avg3"].reshape(ours.shape))
    assert np.all(difference <= 4 * FLOAT32 * np.abs(ours)), "avg3"


def test_power_of_two_scales_become_apply_alpha_layers(converted):
    """Convolutions with 'auto_po2' kernels sum on the grid and scale per filter after;
    separable convolutions and the average pooling fold their constants into the weights."""
    _, _, hls_model = converted
    names = list(hls_model.trace([np.zeros((1, 6, 6, 2)), np.zeros((1, 8, 3))])[1])
    for name in ("c_bits", "c_binary", "dw", "cbn", "dwbn", "c1"):
        assert f"{name}_alpha" in names, name
    for name in ("sep2", "sep1", "avg2", "c_po2"):
        assert f"{name}_alpha" not in names, name


@pytest.fixture(scope="module", params=list(qkeras_zoo.IMAGE_MODELS))
def trained_cnn(request, tmp_path_factory):
    model = qkeras_zoo.IMAGE_MODELS[request.param]()
    hls_model = hlsnn.converters.convert_from_keras_model(
        model, output_dir=str(tmp_path_factory.mktemp(request.param) / "prj")
    )
    hls_model.compile()
    images, labels = qkeras_zoo.digits_images()
    return model, hls_model, images, labels


def test_trained_cnn_equals_qkeras_bit_for_bit(trained_cnn):
    model, hls_model, images, labels = trained_cnn
    x = np.concatenate([images, qkeras_zoo.grid_images(2000)])
    expected = model.predict(x, verbose=0)
    np.testing.assert_array_equal(hls_model.predict(x).reshape(expected.shape), expected)
    _, traced = hls_model.trace(images[:500])
    for name, values in get_ymodel_keras(model, images[:500]).items():
        np.testing.assert_array_equal(
            traced[name], values.reshape(traced[name].shape), err_msg=name
        )
    assert np.mean(np.argmax(expected[: len(labels)], axis=1) == labels) > 0.8


@pytest.mark.parametrize(
    ("make_layer", "expected"),
    [
        (
            lambda: QAveragePooling2D(
                2, padding="same", average_quantizer="quantized_bits(8,0,alpha=1)", name="avg"
            ),
            r"layer avg \(QAveragePooling2D\): average pooling with padding 'same' over partial "
            r"windows is not supported",
        ),
        (
            lambda: QConv2D(2, 3, kernel_quantizer="quantized_ulaw(8,0)", name="c"),
            r"layer c \(QConv2D\) kernel_quantizer: QKeras quantizer quantized_ulaw is not "
            r"supported",
        ),
        (
            lambda: QDepthwiseConv2D(
                3, depthwise_quantizer="quantized_bits(4,0,alpha=1)", dilation_rate=2, name="dw"
            ),
            r"layer dw \(QDepthwiseConv2D\): dilation_rate \[2,2\] is not supported",
        ),
    ],
)
def test_what_is_refused_is_named(tmp_path, make_layer, expected):
    """Each refusal names the layer, the key and the option. (The 5x5 input does not tile into
    2x2 windows: QKeras averages the partial windows over their valid pixels, which the constant
    factor of a quantized average does not reproduce.)"""
    x = keras.Input((5, 5, 2), name="x")
    model = keras.Model(x, make_layer()(x))
    with pytest.raises(hlsnn.Error, match=expected):
        hlsnn.converters.convert_from_keras_model(model, output_dir=str(tmp_path / "prj"))
