"""Realistic convolutional networks from real Keras (2 or 3): an SVHN-style CNN, a 1-D
convolutional keyword-spotting model and a depthwise-separable (MobileNet-style) model.

- Python: close to Keras with wide types (every traced layer, against get_ymodel_keras; the
  softmax within its tables' error), the same bits against the vendor's ap_types headers (Keras
  2, where the wheel holding them is installed; the SVHN CNN takes the vendor headers minutes to
  compile, so it is checked by a slow test);
- the `hlsnn` command converts, compiles and predicts each from its saved file with no Python,
  bit for bit what Python predicts with the same config;
- (slow, run with `-m slow`) the same bits as hls4ml 1.3's predict for identical explicit types:
  hls4ml compiles the SVHN CNN in minutes and gigabytes, which CI cannot afford; bench/run
  compares the two side by side on these models too.
"""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
keras = pytest.importorskip("keras")

import hlsnn  # noqa: E402
from hlsnn.model.profiling import get_ymodel_keras  # noqa: E402
from oracles import each_tools_listing, hls4ml_and_hlsnn, with_vendor_headers  # noqa: E402
from test_conv_layers import randomize_batchnorm  # noqa: E402

KERAS_MAJOR = int(keras.__version__.split(".")[0])
HLSNN = Path(sys.executable).parent / "hlsnn"
L = keras.layers
SAMPLES = 48
WIDE = "fixed<40,16>"  # 24 fractional bits: many layers of truncations stay below 1e-3


def svhn_cnn():
    """32x32x3 -> 3 x [Conv 3x3 of 16/16/24 filters, BatchNorm, ReLU, MaxPool 2x2] -> Dense 42
    -> Dense 64 -> Dense 10 softmax (the hls4ml tutorial's SVHN network, float)."""
    keras.utils.set_random_seed(31)
    x = keras.Input((32, 32, 3), name="image")
    y = x
    for index, filters in enumerate((16, 16, 24)):
        y = L.Conv2D(filters, 3, name=f"conv{index}")(y)
        y = L.BatchNormalization(name=f"bn{index}")(y)
        y = L.Activation("relu", name=f"relu{index}")(y)
        y = L.MaxPooling2D(2, name=f"pool{index}")(y)
    y = L.Flatten(name="flatten")(y)
    y = L.Dense(42, activation="relu", name="dense0")(y)
    y = L.Dense(64, activation="relu", name="dense1")(y)
    y = L.Dense(10, activation="softmax", name="output")(y)
    model = keras.Model(x, y, name="svhn_cnn")
    randomize_batchnorm(model, 31)
    return model


def keyword_spotting_1d():
    """64 time steps of 8 features: strided and 'same' Conv1D with BatchNorm, pooling, a
    pointwise Conv1D, global average pooling, softmax over 6 keywords."""
    keras.utils.set_random_seed(32)
    x = keras.Input((64, 8), name="features")
    y = L.Conv1D(16, 5, strides=2, name="conv0")(x)
    y = L.BatchNormalization(name="bn0")(y)
    y = L.ReLU(name="relu0")(y)
    y = L.MaxPooling1D(2, name="pool0")(y)
    y = L.Conv1D(24, 3, padding="same", activation="relu", name="conv1")(y)
    y = L.Conv1D(16, 1, activation="relu", name="pointwise")(y)
    y = L.GlobalAveragePooling1D(name="average")(y)
    y = L.Dense(6, activation="softmax", name="output")(y)
    model = keras.Model(x, y, name="keyword_spotting")
    randomize_batchnorm(model, 32)
    return model


def depthwise_separable():
    """24x24x3: a strided Conv, then depthwise + pointwise blocks with BatchNorm and ReLU, a
    SeparableConv2D, average pooling, global average pooling, softmax over 5 classes."""
    keras.utils.set_random_seed(33)
    x = keras.Input((24, 24, 3), name="image")
    y = L.Conv2D(8, 3, strides=2, padding="same", name="stem")(x)
    y = L.BatchNormalization(name="stem_bn")(y)
    y = L.ReLU(name="stem_relu")(y)
    y = L.DepthwiseConv2D(3, padding="same", name="depthwise")(y)
    y = L.BatchNormalization(name="depthwise_bn")(y)
    y = L.ReLU(name="depthwise_relu")(y)
    y = L.Conv2D(16, 1, name="pointwise")(y)
    y = L.BatchNormalization(name="pointwise_bn")(y)
    y = L.ReLU(name="pointwise_relu")(y)
    y = L.SeparableConv2D(24, 3, strides=2, padding="same", activation="relu", name="separable")(y)
    y = L.AveragePooling2D(2, name="average")(y)
    y = L.GlobalAveragePooling2D(name="global_average")(y)
    y = L.Dense(5, activation="softmax", name="output")(y)
    model = keras.Model(x, y, name="depthwise_separable")
    randomize_batchnorm(model, 33)
    return model


MODELS = {
    "svhn": svhn_cnn,
    "keyword_spotting": keyword_spotting_1d,
    "depthwise_separable": depthwise_separable,
}


def inputs_for(model, seed=4):
    shape = (SAMPLES, *model.input_shape[1:])
    return np.random.default_rng(seed).uniform(0, 1, shape).astype(np.float32)


def run_cli(*args):
    result = subprocess.run([str(HLSNN), *map(str, args)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module", params=list(MODELS))
def converted(request, tmp_path_factory):
    """The model saved to a file, the `hlsnn config` YAML written for it (fixed<40,16> by
    default, sums exact), and the model converted and compiled from Python with its HLSConfig."""
    model = MODELS[request.param]()
    directory = tmp_path_factory.mktemp(request.param)
    path = directory / ("model.h5" if KERAS_MAJOR == 2 else "model.keras")
    model.save(path)
    run_cli("config", "-m", path, "-g", "name", "-x", WIDE, "-o", directory / "prj.yml")
    config = hlsnn.converters.parse_yaml_config(directory / "prj.yml")
    # Softmax addresses its tables with the top bits of its input: the logits get narrow types.
    config["HLSConfig"]["LayerName"]["output"]["Precision"]["result"] = "fixed<16,6>"
    hlsnn.converters.write_yaml_config(config, directory / "prj.yml")
    hls_model = hlsnn.converters.convert_from_keras_model(
        model, output_dir=str(directory / "python"), hls_config=config["HLSConfig"]
    )
    hls_model.compile()
    return model, hls_model, directory


def test_every_layer_is_close_to_keras(converted):
    model, hls_model, _ = converted
    x = inputs_for(model)
    y, traced = hls_model.trace(x)
    expected = get_ymodel_keras(model, x)
    # A convolution with a BatchNormalization folded in computes the BatchNormalization's output
    # under its own name (as hls4ml's trace does); the Keras output it stands for is recorded.
    keras_output = {layer["name"]: layer["keras_output"] for layer in hls_model._core.layers}
    folded = {stands_for for name, stands_for in keras_output.items() if stands_for != name}
    assert folded, "the convolutions' BatchNormalizations fold"
    assert list(traced) == [name for name in expected if name not in folded]
    for name, values in traced.items():
        reference = np.asarray(expected[keras_output.get(name, name)])
        scale = float(np.max(np.abs(reference)))
        if name.endswith("softmax"):
            # Tables addressed by the top 10 bits of max - x (steps of 1/32) and of the sum
            # (1/16 relative), each entry one table LSB (test_layer_coverage's softmax rule).
            bound = reference * (1 / 32 + 1 / 16) + 2 * 2.0**-10
            assert np.all(np.abs(values.reshape(reference.shape) - reference) <= bound), name
            continue
        np.testing.assert_allclose(
            values.reshape(reference.shape), reference, atol=1e-3 * max(scale, 1), err_msg=name
        )
    keras_y = model.predict(x, verbose=0)
    confident = np.sort(keras_y, axis=1)[:, -1] - np.sort(keras_y, axis=1)[:, -2] > 0.05
    assert np.all(y.argmax(axis=1)[confident] == keras_y.argmax(axis=1)[confident])


def check_vendor_headers(model, hls_model):
    x = inputs_for(model)
    ours = hls_model.predict(x)
    np.testing.assert_array_equal(with_vendor_headers(hls_model, hls_model.predict, x), ours)


def test_vendor_headers_give_the_same_bits(converted):
    model, hls_model, _ = converted
    if model.name == "svhn_cnn":
        pytest.skip("minutes of compiling with the vendor headers: see the slow test below")
    check_vendor_headers(model, hls_model)


@pytest.mark.slow
def test_vendor_headers_give_the_same_bits_on_the_svhn_cnn(tmp_path):
    model = svhn_cnn()
    config = {"Model": {"Precision": "fixed<16,6>", "ReuseFactor": 1, "Strategy": "Latency"}}
    hls_model = hlsnn.converters.convert_from_keras_model(
        model, output_dir=str(tmp_path / "prj"), hls_config=config
    )
    hls_model.compile()
    check_vendor_headers(model, hls_model)


def test_the_command_converts_compiles_and_predicts_from_the_file(converted):
    model, hls_model, directory = converted
    config = directory / "prj.yml"
    run_cli("convert", "-c", config)
    project = directory / hlsnn.converters.parse_yaml_config(config)["OutputDir"]
    run_cli("compile", "-p", project)
    x = inputs_for(model, seed=5)
    np.save(directory / "x.npy", x)
    run_cli("predict", "-p", project, "-i", directory / "x.npy", "-o", directory / "y.npy")
    np.testing.assert_array_equal(np.load(directory / "y.npy"), hls_model.predict(x))


EXPLICIT = "fixed<16,6>"
EXPLICIT_ACCUM = "fixed<32,12>"
TABLE = "fixed<18,8,RND,SAT>"


def explicit_types(config):
    """Every listed slot explicit in both tools' configs, products summed exactly in int32 (the
    accumulator the reference's default leaves at fixed<16,6> would wrap), softmax tables
    explicit."""
    config["Model"]["Precision"] = {"default": EXPLICIT}
    for name, layer in config["LayerName"].items():
        precision = layer.get("Precision")
        if not isinstance(precision, dict):
            continue
        for slot in precision:
            precision[slot] = EXPLICIT
        if "weight" in precision or "pointwise" in precision:
            precision["accum" if "weight" in precision else "pointwise_accum"] = EXPLICIT_ACCUM
        if name.endswith("softmax"):
            precision.update(dict.fromkeys(("exp_table", "inv_table", "inv_inp"), TABLE))
    return config


@pytest.mark.slow
@pytest.mark.parametrize("name", list(MODELS))
def test_bit_identical_to_hls4ml(name, tmp_path):
    model = MODELS[name]()
    theirs, ours = hls4ml_and_hlsnn(model, tmp_path, each_tools_listing(model, explicit_types))
    x = np.ascontiguousarray(inputs_for(model, seed=6)[:16])
    mine, reference_y = ours.predict(x), theirs.predict(x)
    assert np.std(mine) > 0.01
    np.testing.assert_array_equal(mine, reference_y.reshape(mine.shape))
