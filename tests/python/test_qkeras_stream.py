"""QKeras' Q-layers in io_stream designs: each model is converted once as io_stream and once as
io_parallel (module-scoped: one compile each), and the stream design

  - traces the same layers as the parallel one, every layer bit for bit, and
  - predicts QKeras' model.predict bit for bit on every output whose QKeras value is exact
    (inputs on a fixed-point grid), the others (QKeras' float32 rounding, bounded in
    test_qkeras_conv.py) equal to the parallel design's.

The models are the io_parallel tests' own: test_qkeras_conv's layer zoo (QConv1D, QConv2D with
quantized_bits, po2, binary and ternary kernels, 'same' and strided, QDepthwiseConv2D,
QSeparableConv1D/2D, QConv2DBatchnorm, QDepthwiseConv2DBatchnorm, QAveragePooling2D,
QGlobalAveragePooling2D, per-filter ApplyAlpha scales), the QKeras CNN of bench/qkeras/
qkeras_zoo.py, and test_qkeras_batchnorm's QDenseBatchnorm file; plus a chain below that puts
QActivation and QBatchNormalization between convolutions, where a stream carries them. Skipped
where QKeras is not installed (Keras 3)."""

import sys
from pathlib import Path

import numpy as np
import pytest

qkeras = pytest.importorskip("qkeras")
keras = pytest.importorskip("keras")
pytest.importorskip("sklearn")

import hlsnn  # noqa: E402
import oracles  # noqa: E402
import test_qkeras_batchnorm as qkeras_batchnorm  # noqa: E402
import test_qkeras_conv as qkeras_conv  # noqa: E402
from hlsnn.model.profiling import get_ymodel_keras  # noqa: E402
from qkeras import QActivation, QAveragePooling2D, QBatchNormalization, QConv2D  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench" / "qkeras"))
import qkeras_zoo  # noqa: E402

# Traces compare every layer of both designs; the predictions cover all the inputs.
TRACE_SAMPLES = 2000


def conv_chain():
    """8x8x2 -> QConv2D 'same' (auto_po2 kernel: a <c1>_alpha scale) -> quantized_relu ->
    QConv2D 3x3 stride 2 (ternary kernel) -> quantized_bits -> QBatchNormalization (4 channels,
    po2 statistics, tiny epsilon: exact in TensorFlow) -> quantized_po2 -> QConv2D (po2 kernel)
    -> QAveragePooling2D -> quantized_relu; and a leaky quantized_relu, binary, ternary and
    quantized_tanh(use_real_tanh) of the quantized_bits output."""
    keras.utils.set_random_seed(21)
    x = keras.Input((8, 8, 2), name="image")
    y = QConv2D(
        4,
        3,
        padding="same",
        kernel_quantizer="quantized_bits(5,0)",
        bias_quantizer=qkeras_conv.BIAS,
        name="c1",
    )(x)
    y = QActivation("quantized_relu(6,2)", name="relu1")(y)
    y = QConv2D(4, 3, strides=2, kernel_quantizer="ternary()", use_bias=False, name="c2")(y)
    bits = QActivation("quantized_bits(8,3,alpha=1)", name="bits2")(y)
    # The quantizers with kernels of their own (nnet_qkeras_stream.h), as extra outputs.
    extra = [
        QActivation(quantizer, name=name)(bits)
        for name, quantizer in [
            ("leaky", "quantized_relu(5,1,negative_slope=0.25)"),
            ("binary", "binary()"),
            ("ternary", "ternary(alpha=2,threshold=0.2)"),
            ("real_tanh", "quantized_tanh(6,use_real_tanh=True)"),
        ]
    ]
    y = QBatchNormalization(epsilon=1e-9, name="bn")(bits)
    y = QActivation("quantized_po2(5)", name="po2")(y)
    y = QConv2D(
        4, 2, kernel_quantizer="quantized_po2(4)", bias_quantizer=qkeras_conv.BIAS, name="c3"
    )(y)
    y = QAveragePooling2D(2, average_quantizer="quantized_bits(8,0,alpha=1)", name="avg")(y)
    model = keras.Model(x, [QActivation("quantized_relu(8,2)", name="out")(y), *extra])
    rng = np.random.default_rng(21)
    # gamma, beta, moving_mean, moving_variance
    model.get_layer("bn").set_weights(
        [
            rng.uniform(0.3, 3, 4),
            rng.uniform(-1, 1, 4),
            rng.uniform(-1, 1, 4),
            rng.uniform(0.1, 5, 4),
        ]
    )
    return model


def chain_inputs():
    return (np.random.default_rng(22).integers(-32, 32, (10_000, 8, 8, 2)) / 16).astype(np.float32)


def trained_cnn_inputs():
    images, _ = qkeras_zoo.digits_images()
    return np.concatenate([images, qkeras_zoo.grid_images(2000)])


# name: (model builder, inputs, outputs whose QKeras values round in float32)
MODELS = {
    "conv_zoo": (
        qkeras_conv.conv_zoo,
        qkeras_conv.conv_zoo_inputs,
        qkeras_conv.FLOAT32_ROUNDING,
    ),
    "conv_chain": (conv_chain, chain_inputs, set()),
    "cnn": (qkeras_zoo.cnn, trained_cnn_inputs, set()),
}


def convert(model, directory, io_type):
    design = hlsnn.converters.convert_from_keras_model(
        model, output_dir=str(directory), io_type=io_type
    )
    design.compile()
    return design


def outputs(predicted):
    return predicted if isinstance(predicted, list) else [predicted]


@pytest.fixture(scope="module", params=list(MODELS))
def both_designs(request, tmp_path_factory):
    build, inputs, rounding = MODELS[request.param]
    model = build()
    directory = tmp_path_factory.mktemp(f"qkeras_stream_{request.param}")
    stream = convert(model, directory / "stream", "io_stream")
    parallel = convert(model, directory / "parallel", "io_parallel")
    return model, inputs(), rounding, stream, parallel


def first(x, count):
    """The first `count` samples of one input array or of a list of them."""
    return [inputs[:count] for inputs in x] if isinstance(x, list) else x[:count]


def test_stream_traces_every_layer_as_the_parallel_design(both_designs):
    model, x, _, stream, parallel = both_designs
    x = first(x, TRACE_SAMPLES)
    ours, ours_traced = stream.trace(x)
    theirs, theirs_traced = parallel.trace(x)
    assert list(ours_traced) == list(theirs_traced) == list(get_ymodel_keras(model, first(x, 1)))
    for name in ours_traced:
        np.testing.assert_array_equal(ours_traced[name], theirs_traced[name], err_msg=name)
    for name, mine, reference in zip(model.output_names, outputs(ours), outputs(theirs)):
        np.testing.assert_array_equal(mine, reference, err_msg=name)
        assert np.std(mine) > 0, name


def test_stream_predicts_qkeras_bit_for_bit(both_designs):
    model, x, rounding, stream, _ = both_designs
    expected = outputs(model.predict(x, verbose=0))
    ours = outputs(stream.predict(x))
    assert len(ours) == len(expected) == len(model.output_names)
    for name, mine, theirs in zip(model.output_names, ours, expected):
        if name not in rounding:
            np.testing.assert_array_equal(mine.reshape(theirs.shape), theirs, err_msg=name)


def test_stream_qkeras_kernels_give_the_same_bits_with_the_vendor_headers(both_designs, request):
    """The chain's stream design (every kernel of nnet_qkeras_stream.h) against the vendor's ap
    types; the other models add no QKeras stream kernel."""
    if request.node.callspec.params["both_designs"] != "conv_chain":
        pytest.skip("the conv chain holds every QKeras stream kernel")
    model, x, _, stream, _ = both_designs
    x = first(x, TRACE_SAMPLES)
    ours = outputs(stream.predict(x))
    theirs = oracles.with_vendor_headers(stream, lambda: outputs(stream.predict(x)))
    oracles.assert_same_outputs(model.output_names, ours, theirs)


def test_stream_dense_batchnorm_equals_its_fold_and_the_parallel_design(tmp_path):
    """QDenseBatchnorm (not in QKeras 0.9.0; a file as QKeras' pull request #74 saves it)."""
    path = tmp_path / "dense_batchnorm.h5"
    arrays = qkeras_batchnorm.dense_batchnorm_file(path)
    inputs = qkeras_batchnorm.grid(seed=2)
    sums, expected = qkeras_batchnorm.dense_batchnorm_reference(arrays, inputs)
    stream = convert(str(path), tmp_path / "stream", "io_stream")
    parallel = convert(str(path), tmp_path / "parallel", "io_parallel")
    y, traced = stream.trace(inputs)
    _, parallel_traced = parallel.trace(inputs)
    assert list(traced) == list(parallel_traced) == ["fb", "fb_alpha", "fb_relu"]
    for name, values in traced.items():
        np.testing.assert_array_equal(values, parallel_traced[name], err_msg=name)
    np.testing.assert_array_equal(traced["fb_alpha"], sums)
    assert np.std(y) > 0.2
    np.testing.assert_array_equal(y, expected)
