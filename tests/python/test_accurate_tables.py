"""Softmax and table activations with the table types left to hlsnn (the default): accurate,
with their properties checked over every input of small types and the issue's targets on
realistic logits; with explicit, reference-compatible types: hls4ml 1.3's bits. Also the error
report (ModelGraph.table_report, `hlsnn tables`) and the pre-flight warning.

Each converted model is compiled once per module (fixtures)."""

import json
import os
import subprocess
import sys
import warnings
from itertools import product
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
keras = pytest.importorskip("keras")

import hlsnn  # noqa: E402
from oracles import as_list, hls4ml_and_hlsnn, with_vendor_headers  # noqa: E402

KERAS_MAJOR = int(keras.__version__.split(".")[0])
RESULT_LSB = 2.0**-10  # the default result type, fixed<16,6>
TABLE_ACTIVATIONS = ["sigmoid", "tanh", "softplus", "softsign", "elu", "selu"]


def float_softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def float_activation(name, x):
    lam, alpha = 1.0507009873554805, 1.6732632423543772
    return {
        "sigmoid": lambda: 1 / (1 + np.exp(-x)),
        "tanh": lambda: np.tanh(x),
        "softplus": lambda: np.logaddexp(0, x),
        "softsign": lambda: x / (1 + np.abs(x)),
        "elu": lambda: np.where(x >= 0, x, np.expm1(np.minimum(x, 0))),
        "selu": lambda: lam * np.where(x >= 0, x, alpha * np.expm1(np.minimum(x, 0))),
    }[name]()


def every_value(width, integer):
    """Every value of fixed<width,integer>."""
    step = 2.0 ** (integer - width)
    return np.arange(-(2 ** (width - 1)), 2 ** (width - 1)) * step


def name_config(model, **input_types):
    """hlsnn's name-granularity config (every table type left to hlsnn), with the given result
    types for the named input layers."""
    config = hlsnn.utils.config_from_keras_model(model, granularity="name")
    for name, precision in input_types.items():
        config["LayerName"][name]["Precision"]["result"] = precision
    return config


def convert(model, directory, config):
    return hlsnn.converters.convert_from_keras_model(
        model, output_dir=str(directory), hls_config=config
    )


@pytest.fixture(scope="module")
def small_softmax(tmp_path_factory):
    """Softmax over 3 logits of fixed<6,3>: all 64^3 rows."""
    x = keras.Input((3,), name="logits")
    model = keras.Model(x, keras.layers.Softmax(name="probabilities")(x))
    hls_model = convert(
        model, tmp_path_factory.mktemp("small_softmax"), name_config(model, logits="fixed<6,3>")
    )
    rows = np.array(list(product(every_value(6, 3), repeat=3)))
    return model, hls_model, rows, hls_model.predict(rows)


@pytest.fixture(scope="module")
def activations(tmp_path_factory):
    """Each table activation over every value of fixed<10,4>."""
    x = keras.Input((64,), name="x")
    outputs = [keras.layers.Activation(name, name=f"act_{name}")(x) for name in TABLE_ACTIVATIONS]
    model = keras.Model(x, outputs)
    hls_model = convert(
        model, tmp_path_factory.mktemp("activations"), name_config(model, x="fixed<10,4>")
    )
    values = every_value(10, 4).reshape(-1, 64)
    return hls_model, values, dict(zip(TABLE_ACTIVATIONS, hls_model.predict(values)))


def test_softmax_left_to_hlsnn_is_accurate_on_every_row_of_a_small_type(small_softmax):
    _, _, rows, y = small_softmax
    p = float_softmax(rows)
    assert y.min() >= 0 and y.max() <= 1
    assert np.abs(y - p).max() <= 0.01
    assert np.abs(y.sum(axis=1) - 1).max() <= 0.03
    # Monotone in a row: a larger input never gets a smaller output.
    for i, j in product(range(3), repeat=2):
        larger = rows[:, i] > rows[:, j]
        assert np.all(y[larger, i] >= y[larger, j]), (i, j)
    # Distinct inputs on this grid are a table step apart, so the argmax is the float one.
    assert np.array_equal(y.argmax(axis=1), p.argmax(axis=1))


def test_softmax_left_to_hlsnn_uses_the_accurate_kernel_with_derived_types(small_softmax):
    _, hls_model, _, _ = small_softmax
    parameters = (Path(hls_model._core.output_dir) / "firmware" / "parameters.h").read_text()
    assert "nnet::softmax_implementation::accurate" in parameters
    # max - x of fixed<6,3> spans [0, 8): every distance has its own entry (8 / 2^-3 = 64).
    assert "ap_ufixed<6,3,AP_RND,AP_SAT> inp_norm_t" in parameters
    assert "exp_table_size = 64" in parameters
    # The choice, readable in the project beside the config.
    tables = json.loads((Path(hls_model._core.output_dir) / "hlsnn_tables.json").read_text())
    assert tables[0]["layer"] == "probabilities" and tables[0]["implementation"] == "accurate"
    assert tables[0]["types"]["inp_norm_t"] == "ufixed<6,3,RND,SAT>"
    assert tables[0]["sizes"] == {"exp_table_size": 64, "inv_table_size": 1024}


@pytest.mark.parametrize("name", TABLE_ACTIVATIONS)
def test_table_activation_left_to_hlsnn_on_every_value(activations, name):
    _, values, outputs = activations
    x, y = values.ravel(), outputs[name].ravel()
    error = np.abs(y - float_activation(name, x))
    # Inputs on a 1/64 grid hit table entries exactly: the entry's and the result's roundings.
    assert error.max() <= 1.5 * RESULT_LSB, (name, x[error.argmax()], error.max())
    assert np.all(np.diff(y) >= 0), f"{name} is not monotone"
    if name in ("sigmoid",):
        assert y.min() >= 0 and y.max() <= 1
    if name in ("tanh", "softsign"):
        assert y.min() >= -1 and y.max() <= 1


def test_accurate_kernels_give_the_same_bits_with_the_vendor_headers(small_softmax, activations):
    for hls_model, x, ours in (
        (small_softmax[1], small_softmax[2], [small_softmax[3]]),
        (activations[0], activations[1], list(activations[2].values())),
    ):
        theirs = as_list(with_vendor_headers(hls_model, hls_model.predict, x))
        for mine, vendors in zip(ours, theirs):
            np.testing.assert_array_equal(mine, vendors)


@pytest.fixture(scope="module")
def logits_model(tmp_path_factory):
    """Softmax over 4, 7 and 20 classes of the default fixed<16,6>, one model."""
    inputs = [keras.Input((n,), name=f"logits{n}") for n in (4, 7, 20)]
    outputs = [keras.layers.Softmax(name=f"softmax{n}")(x) for n, x in zip((4, 7, 20), inputs)]
    model = keras.Model(inputs, outputs)
    return convert(model, tmp_path_factory.mktemp("logits"), name_config(model))


def test_default_softmax_meets_the_targets_on_normal_logits(logits_model):
    """The issue's targets: logits N(0, 3) on a 1/64 grid, 4-20 classes."""
    rng = np.random.default_rng(0)
    x = [np.round(rng.normal(0, 3, (50_000, n)) * 64) / 64 for n in (4, 7, 20)]
    for logits, y in zip(x, logits_model.predict(x)):
        p = float_softmax(logits)
        assert np.mean(y.argmax(1) == p.argmax(1)) >= 0.999
        assert np.abs(y - p).max() <= 0.02
        assert y.min() >= 0 and y.max() <= 1
        assert np.abs(y.sum(1) - 1).max() <= 0.03


def test_table_report_measures_what_predict_shows(small_softmax):
    _, hls_model, rows, y = small_softmax
    report = hls_model.table_report(softmax_rows=20_000)
    assert [entry["layer"] for entry in report] == ["probabilities"]
    entry = report[0]
    assert entry["implementation"] == "accurate" and entry["function"] == "softmax"
    assert entry["types"]["inp_norm_t"] == "ufixed<6,3,RND,SAT>"
    assert [table["name"] for table in entry["tables"]] == ["exp table", "inverse table"]
    assert entry["memory"]["bits"] == sum(t["entries"] * t["entry_bits"] for t in entry["tables"])
    measured = entry["measured"]
    assert "20000 rows of 3 logits drawn from N(0, 3)" in measured["inputs"]
    # The estimate bounds the measured error, which is no larger than the exhaustive one.
    assert measured["worst_error"] <= entry["estimate"]["worst_error"]
    assert measured["worst_error"] <= np.abs(y - float_softmax(rows)).max()
    assert measured["non_monotone_rows"] == 0 and measured["largest_output"] <= 1
    assert "probabilities (softmax, accurate)" in str(report)
    with pytest.raises(hlsnn.Error, match="softmax_sigma -1 is not a positive number"):
        hls_model.table_report(softmax_sigma=-1)


def test_table_report_of_activations_is_exhaustive_over_the_input_type(activations):
    hls_model, values, outputs = activations
    report = {entry["function"]: entry for entry in hls_model.table_report()}
    assert sorted(report) == sorted(TABLE_ACTIVATIONS)
    for name, entry in report.items():
        assert entry["measured"]["inputs"] == "all 1024 values of fixed<10,4>"
        exhaustive = np.abs(outputs[name].ravel() - float_activation(name, values.ravel()))
        # selu's large inputs leave fixed<16,6>: the report measures against f clipped to it.
        if entry["measured"]["beyond_result_range"] == 0:
            assert entry["measured"]["worst_error"] == pytest.approx(exhaustive.max(), abs=1e-12)
        assert entry["memory"]["bram18"] <= 2  # hls4ml's 1024 x 18 table takes 1


def test_hlsnn_tables_command_reports_the_same_numbers(tmp_path, small_softmax):
    model, hls_model, _, _ = small_softmax
    model_file = tmp_path / ("model.h5" if KERAS_MAJOR == 2 else "model.keras")
    model.save(model_file)
    config_file = tmp_path / "project.yml"
    hlsnn.converters.write_yaml_config(
        {
            "KerasH5": str(model_file),
            "OutputDir": str(tmp_path / "prj"),
            "HLSConfig": name_config(model, logits="fixed<6,3>"),
        },
        config_file,
    )
    command = [str(Path(sys.executable).parent / "hlsnn"), "tables", "-q", "-c", str(config_file)]
    shown = subprocess.run(
        [*command, "--json", "--rows", "20000"], capture_output=True, text=True, check=True
    )
    from_command = json.loads(shown.stdout)
    from_python = hls_model.table_report(softmax_rows=20_000)
    assert from_command[0]["measured"] == from_python[0]["measured"]
    text = subprocess.run(
        [*command, "--rows", "1000"], capture_output=True, text=True, check=True
    ).stdout
    assert "probabilities (softmax, accurate)" in text and "BRAM18" in text
    bad = subprocess.run([*command, "--sigma", "-1"], capture_output=True, text=True)
    assert bad.returncode != 0 and "sigma" in bad.stderr


def test_explicit_coarse_types_warn_naming_the_slot(tmp_path):
    """hls4ml's default types, written out: the inverse table's steps of 0.25 on sums near 1 (up to
    0.2 off) and max - x wrapping in inp_norm are named; hlsnn's own choice does not warn."""
    x = keras.Input((7,), name="logits")
    model = keras.Model(x, keras.layers.Softmax(name="probabilities")(x))
    table = "fixed<18,8,RND,SAT>"
    config = name_config(model)
    config["LayerName"]["probabilities"]["Precision"].update(
        exp_table=table, inv_table=table, inv_inp=table
    )
    with pytest.warns(hlsnn.HLSNNWarning, match="probabilities.*Precision.inp_norm"):
        convert(model, tmp_path / "explicit", config)
    with warnings.catch_warnings():
        warnings.simplefilter("error", hlsnn.HLSNNWarning)
        convert(model, tmp_path / "auto", name_config(model))


def test_explicit_reference_types_give_hls4ml_bits(tmp_path):
    """Every softmax implementation and table activation with explicit table types: hls4ml 1.3's
    predict, bit for bit."""
    keras.utils.set_random_seed(5)
    x = keras.Input((6,), name="x")
    logits = keras.layers.Dense(7, name="logits")(x)
    implementations = ("stable", "latency", "legacy", "argmax")
    # Activation('softmax'): hls4ml 1.3 does not compile a Softmax layer (its config struct is
    # named Softmax_config<n>, its call softmax_config<n>).
    outputs = [
        keras.layers.Activation("softmax", name=f"softmax_{i}")(logits) for i in implementations
    ]
    outputs += [keras.layers.Activation(a, name=f"act_{a}")(x) for a in TABLE_ACTIVATIONS]
    model = keras.Model(x, outputs)
    table = "ap_fixed<18,8,AP_RND,AP_SAT>"

    def config(_tool):
        layers = {
            f"softmax_{i}": {
                "Precision": {"exp_table": table, "inv_table": table, "inv_inp": table},
                "implementation": i,
            }
            for i in implementations
        }
        layers.update({f"act_{a}": {"table_t": "ap_fixed<18,8>"} for a in TABLE_ACTIVATIONS})
        return {
            "Model": {"Precision": "ap_fixed<16,6>", "ReuseFactor": 1, "Strategy": "Latency"},
            "LayerName": layers,
        }

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", hlsnn.HLSNNWarning)
        theirs, ours = hls4ml_and_hlsnn(model, tmp_path, config, io_type="io_parallel")
    inputs = np.random.default_rng(2).uniform(-4, 4, (256, 6)).astype(np.float32)
    for name, mine, hls4ml_out in zip(
        [*implementations, *TABLE_ACTIVATIONS], ours.predict(inputs), theirs.predict(inputs)
    ):
        np.testing.assert_array_equal(mine, np.asarray(hls4ml_out).reshape(mine.shape), name)


def test_hlsnn_layers_describes_the_table_choice():
    shown = subprocess.run(
        [str(Path(sys.executable).parent / "hlsnn"), "layers"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Lookup tables" in shown and "inp_norm_t" in shown and "hlsnn tables" in shown
