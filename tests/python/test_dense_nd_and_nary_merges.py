"""Dense over inputs of more than one dimension and merges of three or more inputs, against real
Keras (Keras 2 via tf.keras, or Keras 3): predictions within the error of the types and the
trace keyed like get_ymodel_keras. One model, converted and compiled once for the module."""

import numpy as np
import pytest

keras = pytest.importorskip("keras")

import hlsnn as hls4ml  # noqa: E402 - the drop-in import users write
from hlsnn.model.profiling import get_ymodel_keras  # noqa: E402
from oracles import hls4ml_and_hlsnn  # noqa: E402

# 24 fractional bits: truncation errors stay far below the tolerance below.
WIDE_CONFIG = {
    "Model": {"Precision": {"default": "fixed<40,16>"}, "ReuseFactor": 1, "Strategy": "Latency"}
}


def sequence_model():
    """(4, 6) rows through Dense layers, merged three and five at a time."""
    keras.utils.set_random_seed(11)
    layers = keras.layers
    inputs = keras.Input((4, 6), name="sequence")
    rows = layers.Dense(5, activation="relu", name="rows")(inputs)
    branches = [layers.Dense(5, name=name)(rows) for name in ("a", "b", "c")]
    merged = [
        layers.Add(name="add3")(branches),
        layers.Multiply(name="multiply3")(branches),
        layers.Average(name="average3")(branches),
        layers.Maximum(name="maximum3")(branches),
        layers.Minimum(name="minimum3")(branches),
    ]
    joined = layers.Concatenate(axis=-1, name="joined")(merged)
    head = layers.Dense(2, name="head")(joined)
    mean4 = layers.Average(name="average4")([*branches, rows])
    return keras.Model(inputs, [head, mean4])


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    model = sequence_model()
    hls_model = hls4ml.converters.convert_from_keras_model(
        model, output_dir=str(tmp_path_factory.mktemp("nd") / "prj"), hls_config=WIDE_CONFIG
    )
    hls_model.compile()
    x = np.random.default_rng(5).uniform(-1, 1, (32, 4, 6))
    return model, hls_model, x


def test_predict_matches_keras(converted):
    model, hls_model, x = converted
    expected = model.predict(x, verbose=0)
    got = hls_model.predict(x)
    assert [y.shape for y in got] == [(32, 4, 2), (32, 4, 5)]
    for y, want in zip(got, expected):
        np.testing.assert_allclose(y, want, rtol=1e-3, atol=1e-5)


def test_trace_matches_keras_layer_by_layer(converted):
    model, hls_model, x = converted
    _, traced = hls_model.trace(x)
    expected = get_ymodel_keras(model, x)
    assert list(traced) == list(expected)
    for name in ("rows", "add3", "multiply3", "average3", "maximum3", "minimum3", "joined"):
        np.testing.assert_allclose(
            traced[name].reshape(expected[name].shape),
            expected[name],
            rtol=1e-3,
            atol=1e-5,
            err_msg=name,
        )


def test_narrow_types_stay_within_their_error(tmp_path):
    """With fixed<16,6> everywhere, weights and every layer truncate to 2^-10; through two Dense
    layers of five or six terms and a mean rounded once, the error stays within 16 LSBs."""
    model = sequence_model()
    config = {"Model": {"Precision": "fixed<16,6>", "ReuseFactor": 1, "Strategy": "Latency"}}
    hls_model = hls4ml.converters.convert_from_keras_model(
        model, output_dir=str(tmp_path / "narrow"), hls_config=config
    )
    x = np.random.default_rng(6).uniform(-1, 1, (16, 4, 6))
    _, mean4 = hls_model.predict(x)
    np.testing.assert_allclose(mean4, model.predict(x, verbose=0)[1], atol=2**-10 * 16)


def test_dense_over_rows_is_bit_identical_to_hls4ml(tmp_path):
    """hls4ml 1.3 turns a Dense over (4, 6) into a pointwise Conv1D; with the same explicit,
    narrow types (so that rounding and wrapping show) both give the same bits."""
    keras.utils.set_random_seed(3)
    inputs = keras.Input((4, 6))
    model = keras.Model(inputs, keras.layers.Dense(5, name="rows")(inputs))
    types = dict.fromkeys(("weight", "bias", "result", "accum"), "ap_fixed<12,4>")

    def config(_tool):
        return {
            "Model": {"Precision": "ap_fixed<12,4>", "ReuseFactor": 2, "Strategy": "Resource"},
            "LayerName": {"rows": {"Precision": dict(types)}},
        }

    theirs, ours = hls4ml_and_hlsnn(model, tmp_path, config, io_type="io_parallel")
    x = np.random.default_rng(1).uniform(-4, 4, (64, 4, 6)).astype(np.float32)
    np.testing.assert_array_equal(
        ours.predict(x).reshape(64, -1), theirs.predict(x).reshape(64, -1)
    )


@pytest.mark.parametrize("result_type", ["fixed<16,6>", "fixed<16,6,RND_CONV,SAT>"])
def test_mean_of_three_is_the_exact_quotient_converted_once(tmp_path, result_type):
    """1/3 has no binary form, yet each output is (a + b + c) / 3 exactly, then truncated or
    rounded (ties to even) once: inputs on a 2^-14 grid make quotients land on the result's grid
    (mean(1, 1, 1) = 1), on its half-grid (ties) and in between."""
    names = ("a", "b", "c")
    inputs = [keras.Input((64,), name=name) for name in names]
    model = keras.Model(inputs, keras.layers.Average(name="mean")(inputs))
    config = {
        "Model": {"Precision": "fixed<16,6>", "ReuseFactor": 1, "Strategy": "Latency"},
        "LayerName": {
            **{name: {"Precision": {"result": "fixed<20,6>"}} for name in names},
            "mean": {"Precision": {"result": result_type}},
        },
    }
    hls_model = hls4ml.converters.convert_from_keras_model(
        model, output_dir=str(tmp_path / "mean"), hls_config=config
    )
    rng = np.random.default_rng(12)
    units = rng.integers(-(2**18), 2**18, (3, 40, 64))  # multiples of 2^-14 within fixed<20,6>
    units[:, 0, :] = 2**14  # mean(1, 1, 1)
    units[:, 1, :] = -(2**14)
    units[:, 2, :8] = [[24], [0], [0]]  # sum 24 * 2^-14 = 3 * 2^-11: quotient on a half-grid
    units[:, 3, :8] = [[72], [0], [0]]  # 3 * 3 * 2^-11: another tie, rounding the other way
    y = hls_model.predict([u * 2.0**-14 for u in units])

    sums = units.sum(axis=0)  # in units of 2^-14; the mean in units of 2^-10 is sums / 48
    floor, remainder = np.divmod(sums, 48)
    if "RND_CONV" in result_type:
        round_up = (remainder > 24) | ((remainder == 24) & (floor % 2 == 1))
        expected = np.clip(floor + round_up, -(2**15), 2**15 - 1)
    else:
        expected = (floor + 2**15) % 2**16 - 2**15  # wraps (cannot here: |mean| < 32)
    np.testing.assert_array_equal(y * 2**10, expected)
    assert np.all(y[0] == 1.0) and np.all(y[1] == -1.0)
