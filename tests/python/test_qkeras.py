"""QKeras dense networks converted by hlsnn: predictions equal to QKeras' own bit for bit (float32
inputs on a fixed-point grid, so that QKeras' float32 sums are exact), trace keys, the
quantizer-derived config, the vendor headers, saved .h5 files through Python and the CLI, and
clear errors for what is not supported. Skipped where QKeras is not installed (Keras 3)."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

qkeras = pytest.importorskip("qkeras")
keras = pytest.importorskip("keras")
h5py = pytest.importorskip("h5py")

import hlsnn  # noqa: E402
from hlsnn.model.profiling import get_ymodel_keras  # noqa: E402
from oracles import with_vendor_headers  # noqa: E402
from qkeras import QActivation, QDense, quantized_bits, quantized_relu  # noqa: E402

HLSNN = Path(sys.executable).parent / "hlsnn"
N_IN = 16


def randomize_biases(model, rng, bound):
    """Every QDense's biases drawn uniformly from [-bound, bound), in layer order (fresh ones are
    zeros, which would leave the bias quantizers untested)."""
    for layer in model.layers:
        if isinstance(layer, QDense) and layer.use_bias:
            kernel, bias = layer.get_weights()
            layer.set_weights([kernel, rng.uniform(-bound, bound, bias.shape).astype(np.float32)])


def qkeras_mlp(seed=3):
    """16 -> QDense(32, 6-bit plain grid) -> quantized_relu(6,0) -> QDense(5, default kernel
    alpha, i.e. auto_po2), with random biases (fresh ones are zeros)."""
    keras.utils.set_random_seed(seed)
    x = keras.Input((N_IN,), name="x")
    h = QDense(
        32,
        kernel_quantizer=quantized_bits(6, 0, alpha=1),
        bias_quantizer=quantized_bits(6, 0, alpha=1),
        name="fc1",
    )(x)
    h = QActivation("quantized_relu(6,0)", name="relu1")(h)
    y = QDense(
        5,
        kernel_quantizer=quantized_bits(6, 0),
        bias_quantizer="quantized_bits(6,2,alpha=1)",
        name="fc2",
    )(h)
    model = keras.Model(x, y)
    randomize_biases(model, np.random.default_rng(seed), bound=1)
    return model


def grid_inputs(count=400, seed=5):
    """Inputs on the 1/16 grid in [-2, 2): exact in the default fixed<16,6> and in float32."""
    return (np.random.default_rng(seed).integers(-32, 32, (count, N_IN)) / 16).astype(np.float32)


def quantized_weights(layer):
    """The kernel and bias QKeras multiplies and adds with (unquantized without a quantizer)."""
    return tuple(
        np.asarray(quantizer(weight)) if quantizer else weight
        for quantizer, weight in zip(layer.get_quantizers(), layer.get_weights())
    )


def assert_float32_sums_are_exact(model, x):
    """QKeras computes in float32; the comparison is bit for bit only if no sum rounded. Recompute
    every layer in float64 from QKeras' own quantized weights and require the same values."""
    fc1, relu1, fc2 = (model.get_layer(name) for name in ("fc1", "relu1", "fc2"))
    k1, b1 = quantized_weights(fc1)
    h = x.astype(np.float64) @ k1.astype(np.float64) + b1
    assert np.array_equal(h, keras.Model(model.input, fc1.output).predict(x, verbose=0))
    h = relu1.quantizer(h.astype(np.float32)).numpy().astype(np.float64)
    k2, b2 = quantized_weights(fc2)
    y = h @ k2.astype(np.float64) + b2
    assert np.array_equal(y, model.predict(x, verbose=0))


def qkeras_mlp_with_fused_activation(seed=4):
    """A QDense with a fused quantized_relu, a symmetric quantized_bits QActivation, a kernel
    without keep_negative, and a plain-name QActivation."""
    keras.utils.set_random_seed(seed)
    x = keras.Input((N_IN,), name="x")
    h = QDense(
        24,
        kernel_quantizer=quantized_bits(5, 1, alpha=1),
        bias_quantizer=quantized_bits(8, 3, alpha=1),
        activation="quantized_relu(5,2)",
        name="fc_a",
    )(x)
    h = QDense(
        12,
        kernel_quantizer=quantized_bits(6, 0, alpha="auto_po2"),
        bias_quantizer=quantized_bits(6, 2, alpha=1),
        name="fc_b",
    )(h)
    h = QActivation("quantized_bits(6,2,1)", name="act_b")(h)
    h = QDense(
        3,
        kernel_quantizer=quantized_bits(4, 0, keep_negative=False, alpha=1),
        bias_quantizer=quantized_bits(6, 2, alpha=1),
        name="fc_c",
    )(h)
    y = QActivation("relu", name="out")(h)
    model = keras.Model(x, y)
    randomize_biases(model, np.random.default_rng(seed), bound=2)
    return model


def assert_every_layer_is_exact_in_float64(model, x):
    """Each layer's float32 output equals the same computation in float64 on QKeras' quantized
    weights: no float32 sum rounded, so a bit-for-bit comparison is meaningful."""
    layers = model.layers[1:]
    outputs = keras.Model(model.input, [layer.output for layer in layers]).predict(x, verbose=0)
    h = x.astype(np.float64)
    for layer, keras_output in zip(layers, outputs):
        if isinstance(layer, QDense):
            kernel, bias = quantized_weights(layer)
            h = h @ kernel.astype(np.float64) + bias
        activation = layer.quantizer if isinstance(layer, QActivation) else layer.activation
        h = np.asarray(activation(h.astype(np.float32)), np.float64)
        assert np.array_equal(h, keras_output), layer.name


def convert(model, directory, config=None):
    return hlsnn.converters.convert_from_keras_model(
        model, output_dir=str(directory), hls_config=config
    )


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    model = qkeras_mlp()
    x = grid_inputs()
    hls_model = convert(model, tmp_path_factory.mktemp("qkeras") / "prj")
    hls_model.compile()
    return model, x, hls_model


def test_predict_equals_qkeras_bit_for_bit(converted):
    model, x, hls_model = converted
    assert_float32_sums_are_exact(model, x)
    expected = model.predict(x, verbose=0)
    y = hls_model.predict(x)
    assert y.dtype == np.float32
    assert np.std(expected) > 0.1  # a real comparison: outputs spread, not saturated
    np.testing.assert_array_equal(y, expected)


def test_fused_and_quantized_bits_activations_equal_qkeras_bit_for_bit(tmp_path):
    model = qkeras_mlp_with_fused_activation()
    x = grid_inputs(300, seed=6)
    assert_every_layer_is_exact_in_float64(model, x)
    hls_model = convert(model, tmp_path / "fused")
    y, traced = hls_model.trace(x)
    assert list(traced) == ["fc_a", "fc_a_relu", "fc_b", "fc_b_alpha", "act_b", "fc_c", "out"]
    assert_trace_is_get_ymodel_keras(model, x, traced)
    assert np.std(y) > 0.1
    np.testing.assert_array_equal(y, model.predict(x, verbose=0))
    assert traced["act_b"].min() >= -3.875  # symmetric: -4 saturates to -3.875, as in QKeras


def test_hard_tanh_and_sigmoid_quantizers_equal_qkeras_bit_for_bit(tmp_path):
    """quantized_tanh and quantized_sigmoid are QKeras' hard functions (slope 1/2), rounded half
    to even and clipped: hard_tanh / hard_sigmoid with the quantizer's result type."""
    keras.utils.set_random_seed(6)
    x = keras.Input((N_IN,), name="x")
    h = QDense(
        12,
        kernel_quantizer=quantized_bits(6, 0, alpha=1),
        bias_quantizer=quantized_bits(6, 0, alpha=1),
        activation="quantized_tanh(5)",
        name="t",
    )(x)
    h = QDense(4, kernel_quantizer=quantized_bits(6, 1, alpha=1), name="s")(h)
    model = keras.Model(x, QActivation("quantized_sigmoid(6)", name="sig")(h))
    inputs = grid_inputs(300, seed=8)
    assert_every_layer_is_exact_in_float64(model, inputs)
    y, traced = convert(model, tmp_path / "hard").trace(inputs)
    assert_trace_is_get_ymodel_keras(model, inputs, traced)
    assert np.std(traced["t_hard_tanh"]) > 0.2 and np.std(y) > 0.1
    np.testing.assert_array_equal(y, model.predict(inputs, verbose=0))


def test_quantizer_objects_and_dense_over_3d_inputs(tmp_path):
    """Quantizer objects (serialized as dicts with module and registered_name) rather than
    strings, and a QDense applied at every position of a (3, 8) input: the ApplyAlpha repeats its
    per-unit scales over the positions."""
    keras.utils.set_random_seed(1)
    x = keras.Input((3, 8), name="x")
    h = QDense(
        6,
        kernel_quantizer=quantized_bits(6, 0),
        bias_quantizer=quantized_bits(6, 0, alpha=1),
        activation=quantized_relu(6, 1),
        name="d",
    )(x)
    model = keras.Model(x, QActivation(quantized_bits(8, 2, alpha=1), name="q")(h))
    assert model.get_config()["layers"][2]["config"]["activation"]["class_name"] == "quantized_bits"
    inputs = (np.random.default_rng(1).integers(-16, 16, (50, 3, 8)) / 8).astype(np.float32)
    y, traced = convert(model, tmp_path / "objects").trace(inputs)
    assert list(traced) == ["d", "d_alpha", "d_relu", "q"]
    np.testing.assert_array_equal(y, model.predict(inputs, verbose=0))


def test_auto_alpha_is_close_but_not_bit_exact(tmp_path):
    """alpha='auto' scales are arbitrary float32 numbers: hlsnn multiplies by the weights QKeras
    multiplies by (scale times code, folded into the kernel), with exact sums; QKeras' float32
    sums of those products round, so the outputs agree to float32 rounding only (README)."""
    keras.utils.set_random_seed(2)
    model = keras.Sequential(
        [
            keras.Input((N_IN,), name="x"),
            QDense(
                4,
                kernel_quantizer=quantized_bits(6, 0, alpha="auto", symmetric=True),
                bias_quantizer=quantized_bits(6, 0, alpha=1),
                name="fc",
            ),
        ]
    )
    x = grid_inputs(100)
    hls_model = convert(model, tmp_path / "auto")
    _, traced = hls_model.trace(x)
    assert list(traced) == ["fc"]
    ours, theirs = hls_model.predict(x), model.predict(x, verbose=0)
    # Measured: about two thirds of the 400 outputs differ, by at most 4.8e-7.
    np.testing.assert_allclose(ours, theirs, atol=1e-5)


def test_installed_qkeras_is_the_version_the_reference_describes():
    """reference/qkeras_semantics.md is written against QKeras HEAD and notes where PyPI 0.9.0
    differs; hlsnn follows the installed 0.9.0 (the package wins). Checked here: string alphas
    force symmetric levels, and 'auto_po2' gives the reference's example values (0.9.0 keeps the
    codes of the fifth least-squares pass with the fifth scale; HEAD recomputes them, which only
    matters when the loop has not settled). hlsnn's C++ test checks the same numbers."""
    assert qkeras.__version__ == "0.9.0"
    assert quantized_bits(4, 0, alpha="auto").symmetric
    kernel = np.array([[0.5, -0.01], [0.12, 0.02], [-0.31, 0.005], [0.07, -0.04]], np.float32)
    expected = [
        [0.4375, -0.0078125],
        [0.125, 0.0234375],
        [-0.3125, 0.0078125],
        [0.0625, -0.0390625],
    ]
    np.testing.assert_array_equal(quantized_bits(4, 0, alpha="auto_po2")(kernel).numpy(), expected)


def assert_trace_is_get_ymodel_keras(model, x, traced):
    """Every traced layer, key for key and bit for bit, as get_ymodel_keras reads it off QKeras."""
    expected = get_ymodel_keras(model, x)
    assert list(traced) == list(expected)
    for name, values in traced.items():
        np.testing.assert_array_equal(values, expected[name].reshape(values.shape), err_msg=name)


def test_trace_matches_qkeras_layer_outputs(converted):
    model, x, hls_model = converted
    y, traced = hls_model.trace(x)
    assert list(traced) == ["fc1", "relu1", "fc2", "fc2_alpha"]
    # fc2 holds the sums on the kernel's integer grid; its ApplyAlpha scales them back.
    np.testing.assert_array_equal(traced["fc2_alpha"], model.predict(x, verbose=0))
    np.testing.assert_array_equal(traced["fc2_alpha"], y)
    assert_trace_is_get_ymodel_keras(model, x, traced)


def test_config_by_name_shows_the_quantizer_types_and_round_trips(converted, tmp_path):
    model, x, hls_model = converted
    config = hlsnn.utils.config_from_keras_model(model, granularity="name")
    names = config["LayerName"]
    assert names["fc1"]["Precision"] == {
        "weight": "fixed<6,1>",
        "bias": "fixed<6,1>",
        "result": "auto",
        "accum": "auto",
    }
    assert names["relu1"]["Precision"]["result"] == "ufixed<6,0,RND_CONV,SAT>"
    assert names["fc2"]["Precision"]["weight"] == "fixed<6,1>"
    assert names["fc2_alpha"]["Precision"]["bias"] == "fixed<6,3>"
    assert names["fc2_alpha"]["Precision"]["result"] == "auto"
    again = convert(model, tmp_path / "by_name", config)
    np.testing.assert_array_equal(again.predict(x), hls_model.predict(x))


def test_explicit_config_types_win_over_quantizers(tmp_path):
    model = qkeras_mlp()
    config = hlsnn.utils.config_from_keras_model(model, granularity="model")
    config["LayerName"] = {"relu1": {"Precision": {"result": "ufixed<3,0,RND_CONV,SAT>"}}}
    hls_model = convert(model, tmp_path / "explicit", config)
    _, traced = hls_model.trace(grid_inputs(50))
    assert set(np.unique(traced["relu1"] * 8) % 1) == {0.0}  # on the 1/8 grid, not 1/64


def test_vendor_headers_give_the_same_bits(converted):
    _, x, hls_model = converted
    ours = hls_model.predict(x)
    np.testing.assert_array_equal(ours, with_vendor_headers(hls_model, hls_model.predict, x))


def test_saved_h5_converts_from_python_and_the_cli(converted, tmp_path):
    model, x, _ = converted
    path = tmp_path / "qmodel.h5"
    model.save(path)
    expected = model.predict(x, verbose=0)
    np.testing.assert_array_equal(convert(str(path), tmp_path / "from_file").predict(x), expected)

    def run(*args):
        return subprocess.run(
            [str(HLSNN), *map(str, args)], capture_output=True, text=True, check=True
        )

    run("config", "-m", path, "-g", "name", "-o", tmp_path / "prj.yml")
    prj = hlsnn.converters.parse_yaml_config(tmp_path / "prj.yml")
    assert (
        prj["HLSConfig"]["LayerName"]["relu1"]["Precision"]["result"] == "ufixed<6,0,RND_CONV,SAT>"
    )
    out_dir = tmp_path / "cli_prj"
    prj["OutputDir"] = str(out_dir)
    hlsnn.converters.write_yaml_config(prj, tmp_path / "prj.yml")
    run("convert", "-c", tmp_path / "prj.yml")
    np.save(tmp_path / "x.npy", x)
    run("compile", "-p", out_dir)
    run("predict", "-p", out_dir, "-i", tmp_path / "x.npy", "-o", tmp_path / "y.npy")
    np.testing.assert_array_equal(np.load(tmp_path / "y.npy"), expected)


def test_hls4ml_agrees_where_its_types_are_exact(converted, tmp_path):
    """hls4ml 1.3 converts the same model into the same structure (fc2 scaled by fc2_alpha) and,
    given types wide enough for its QDense results and its 'auto' ApplyAlpha (with the default
    fixed<16,6> they round), computes the same bits."""
    reference = pytest.importorskip("hls4ml")
    model, x, hls_model = converted
    config = reference.utils.config_from_keras_model(model, granularity="name")
    # fc2_alpha is made by hls4ml's optimizer with 'auto' types, which a wide default reaches.
    config["Model"]["Precision"]["default"] = "fixed<40,16>"
    for name in ("fc1", "fc2"):
        config["LayerName"][name]["Precision"]["result"] = "fixed<40,16>"
    theirs = reference.converters.convert_from_keras_model(
        model, output_dir=str(tmp_path / "hls4ml"), hls_config=config
    )
    theirs.compile()
    np.testing.assert_array_equal(
        theirs.predict(x.astype(np.float64)).reshape(-1, 5),
        hls_model.predict(x.astype(np.float64)),
    )


def test_unsupported_quantizer_names_layer_and_quantizer(tmp_path):
    keras.utils.set_random_seed(1)
    model = keras.Sequential(
        [keras.Input((4,)), QDense(3, name="d"), QActivation("quantized_ulaw(4)", name="ulaw_q")]
    )
    with pytest.raises(hlsnn.Error, match="ulaw_q") as error:
        convert(model, tmp_path / "bad")
    assert "quantized_ulaw" in str(error.value) and "supported: quantized_bits" in str(error.value)


def test_malformed_quantizer_string_in_a_saved_file(tmp_path):
    keras.utils.set_random_seed(1)
    model = keras.Sequential(
        [keras.Input((4,)), QDense(3, name="d"), QActivation("quantized_relu(4,0)", name="act")]
    )
    path = tmp_path / "edited.h5"
    model.save(path)
    with h5py.File(path, "r+") as file:
        text = file.attrs["model_config"]
        text = text.decode() if isinstance(text, bytes) else text
        file.attrs["model_config"] = text.replace("quantized_relu(4,0)", "quantized_relu(4,,0)")
    with pytest.raises(hlsnn.Error, match="act") as error:
        convert(str(path), tmp_path / "bad")
    assert "quantized_relu(4,,0)" in str(error.value)


def test_layers_command_lists_qkeras():
    listing = subprocess.run(
        [str(HLSNN), "layers"], capture_output=True, text=True, check=True
    ).stdout
    assert "QDense" in listing and "QActivation" in listing and "QBatchNormalization" in listing
    quantizers = listing.split("QKeras quantizers:")[1]
    for name in ("quantized_bits", "quantized_relu", "quantized_po2", "binary", "ternary"):
        assert name in quantizers
