"""QKeras models whose first layer quantizes the input (QActivation(quantized_bits) or
quantized_relu): the input layer takes the quantizer's own type, rounding and saturation
included, so that hlsnn converts each float input once, as QKeras does, and equals QKeras bit
for bit on inputs off every grid. (hls4ml 1.3 gives the input the default type, which truncates
first: off by an LSB near rounding midpoints, as hlsnn was.) And `bit_exact`, hls4ml's keyword:
True derives every type from the input quantizer (hls4ml 1.3 checked as the oracle), without an
input quantizer it is refused, as hls4ml 1.3 refuses it."""

import numpy as np
import pytest

qkeras = pytest.importorskip("qkeras")
keras = pytest.importorskip("keras")

import hlsnn  # noqa: E402
from qkeras import QActivation, QDense, quantized_bits, quantized_relu  # noqa: E402

N_IN = 8
INPUT_QUANTIZERS = {
    "bits": quantized_bits(8, 2, alpha=1),
    "unsigned_bits": quantized_bits(6, 2, keep_negative=False, alpha=1),
    "relu": quantized_relu(8, 3),
}


def quantized_input_model(input_quantizer, seed=2):
    """x -> QActivation(input_quantizer) -> QDense(6) -> quantized_relu(8,3) -> QDense(3)."""
    keras.utils.set_random_seed(seed)
    x = keras.Input((N_IN,), name="x")
    h = QActivation(input_quantizer, name="quantize_x")(x)
    h = QDense(
        6,
        kernel_quantizer=quantized_bits(6, 0, alpha=1),
        bias_quantizer=quantized_bits(6, 0, alpha=1),
        name="fc1",
    )(h)
    h = QActivation(quantized_relu(8, 3), name="relu1")(h)
    y = QDense(
        3,
        kernel_quantizer=quantized_bits(6, 0, alpha=1),
        bias_quantizer=quantized_bits(6, 0, alpha=1),
        name="fc2",
    )(h)
    model = keras.Model(x, y)
    rng = np.random.default_rng(seed)
    for layer in model.layers:
        if isinstance(layer, QDense):
            kernel, bias = layer.get_weights()
            layer.set_weights(
                [
                    rng.uniform(-1, 1, kernel.shape).astype(np.float32),
                    rng.uniform(-1, 1, bias.shape).astype(np.float32),
                ]
            )
    return model


def off_grid_inputs(count=800, seed=7):
    """float32 values of no fixed-point grid the model uses (QKeras rounds them once), many of
    them near a rounding midpoint of the quantizers' 1/32 and 1/16 grids."""
    rng = np.random.default_rng(seed)
    near_midpoints = (rng.integers(-96, 96, (count, N_IN)) + 0.5) / 32 + rng.normal(
        0, 1e-4, (count, N_IN)
    )
    return near_midpoints.astype(np.float32)


def convert(model, directory, **kwargs):
    return hlsnn.converters.convert_from_keras_model(model, output_dir=str(directory), **kwargs)


def result_types(hls_model):
    """Each layer's result type as the project writes it, by layer name."""
    return {layer["name"]: layer["result"]["type"] for layer in hls_model._core.layers}


@pytest.mark.parametrize("name", list(INPUT_QUANTIZERS))
def test_input_takes_the_quantizer_type_and_predict_equals_qkeras(tmp_path, name):
    model = quantized_input_model(INPUT_QUANTIZERS[name])
    x = off_grid_inputs()
    config = hlsnn.utils.config_from_keras_model(model, granularity="name")
    input_type = config["LayerName"]["x"]["Precision"]["result"]
    assert input_type == config["LayerName"]["quantize_x"]["Precision"]["result"]
    assert "RND_CONV" in input_type and "SAT" in input_type
    expected = model.predict(x, verbose=0)
    assert np.std(expected) > 0.1
    for hls_config in (config, None):  # by name, and the default (model granularity) config
        hls_model = convert(model, tmp_path / str(hls_config is None), hls_config=hls_config)
        np.testing.assert_array_equal(hls_model.predict(x), expected, err_msg=name)
    # The quantizer stays a layer of its own: its name is a trace key.
    _, traced = hls_model.trace(x[:5].astype(np.float64))
    assert "quantize_x" in traced


def test_an_explicit_input_type_in_the_config_wins(tmp_path):
    model = quantized_input_model(INPUT_QUANTIZERS["bits"])
    config = hlsnn.utils.config_from_keras_model(model, granularity="name")
    config["LayerName"]["x"]["Precision"]["result"] = "fixed<12,4>"
    hls_model = convert(model, tmp_path, hls_config=config)
    assert result_types(hls_model)["x"] == "ap_fixed<12,4>"


@pytest.fixture(scope="module")
def bit_exact_pair(tmp_path_factory):
    """The same QKeras model converted with bit_exact=True by hlsnn and by hls4ml 1.3, from a
    config whose explicit types both override."""
    reference = pytest.importorskip("hls4ml")
    model = quantized_input_model(INPUT_QUANTIZERS["bits"], seed=3)
    config = hlsnn.utils.config_from_keras_model(model, granularity="name")
    config["LayerName"]["fc1"]["Precision"]["result"] = "fixed<8,2>"  # overridden by bit_exact
    root = tmp_path_factory.mktemp("bit_exact")
    ours = convert(model, root / "hlsnn", hls_config=config, bit_exact=True)
    reference_config = reference.utils.config_from_keras_model(model, granularity="name")
    reference_config["LayerName"]["fc1"]["Precision"]["result"] = "fixed<8,2>"
    theirs = reference.converters.convert_from_keras_model(
        model, output_dir=str(root / "hls4ml"), hls_config=reference_config, bit_exact=True
    )
    theirs.compile()
    return model, ours, theirs


def test_bit_exact_equals_hls4ml_bit_exact_and_qkeras(bit_exact_pair):
    model, ours, theirs = bit_exact_pair
    types = result_types(ours)
    assert types["x"] == "ap_fixed<8,3,AP_RND_CONV,AP_SAT>"
    assert types["fc1"] != "ap_fixed<8,2>", "bit_exact overrides the config's types"
    x = off_grid_inputs(seed=8)
    expected = model.predict(x, verbose=0)
    np.testing.assert_array_equal(ours.predict(x), expected)
    np.testing.assert_array_equal(
        ours.predict(x.astype(np.float64)),
        theirs.predict(x.astype(np.float64)).reshape(expected.shape),
    )


def test_bit_exact_without_an_input_quantizer_is_refused(tmp_path):
    keras.utils.set_random_seed(4)
    model = keras.Sequential([keras.Input((4,), name="plain_input"), keras.layers.Dense(2)])
    with pytest.raises(hlsnn.Error, match="bit_exact.*plain_input"):
        convert(model, tmp_path / "refused", bit_exact=True)
    # False and None keep the config's types, as in hls4ml for models without HGQ quantizers.
    for value in (False, None):
        convert(model, tmp_path / str(value), bit_exact=value)


def test_bit_exact_io_stream_takes_the_same_types_and_bits(bit_exact_pair, tmp_path):
    model, ours, _ = bit_exact_pair
    config = hlsnn.utils.config_from_keras_model(model, granularity="name")
    streamed = convert(model, tmp_path, hls_config=config, bit_exact=True, io_type="io_stream")
    assert result_types(streamed) == result_types(ours)
    x = off_grid_inputs(seed=9)
    np.testing.assert_array_equal(streamed.predict(x), ours.predict(x))
