"""Every supported layer and activation, converted from real Keras (2 or 3, whichever the
environment holds) with random weights, against Keras itself; and the same generated projects
compiled against the vendor's ap_types headers (from the hls4ml wheel) give the same bits.

Few compiles: the layers are grouped into two multi-output functional models, each converted once
per precision setting (module-scoped fixtures).

Error rule, from the configured types. With fixed<16,6> everywhere every quantization (input,
weight, bias, product into the accumulator, result) truncates by less than one LSB = 2**-10, so
an output may differ from Keras by at most:
  - elementwise and reshaping layers:      (terms read + 1) LSB times the largest slope of the
    layer (|alpha|, 1 for merges, |x|+|y| for Multiply);
  - a dot product of n terms |x| <= X, |w| <= W:   n * (X + W + 1) + 2 LSB;
  - a table activation: its largest slope times one table step (the table's span / 1024
    entries), plus one LSB of the table type and one of the result.
With wide types (fixed<32,16> everywhere, LSB 2**-16) the layers that are computed, not looked up,
agree with Keras within 1e-3 relative to the output's largest magnitude; table activations keep
their table-step bound, which does not shrink with wider types.
"""

import os

import numpy as np
import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
keras = pytest.importorskip("keras")

import hlsnn  # noqa: E402
from oracles import assert_same_outputs, assert_same_traces, with_vendor_headers  # noqa: E402

KERAS_MAJOR = int(keras.__version__.split(".")[0])
NARROW = "fixed<16,6>"
WIDE = "fixed<32,16>"
LSB = {NARROW: 2.0**-10, WIDE: 2.0**-16}
TABLE_LSB = 2.0**-10  # the default table type, fixed<18,8>
INPUT_RANGE = 3.5  # inside every table's span: tanh's is [-4, 4)
N_FEATURES = 6
SAMPLES = 256

# name -> (largest |f'|, table span) of the table activations (hls/nnet_utils/
# nnet_activation_table.h); elu and selu tabulate their negative branch over (-8, 0].
TABLES = {
    "sigmoid": (0.25, 16),
    "tanh": (1.0, 8),
    "softplus": (1.0, 16),
    "softsign": (1.0, 16),
    "elu": (1.0, 8),
    "selu": (1.0507 * 1.6733, 8),
}
ACTIVATIONS = ["relu", "relu6", "sigmoid", "tanh", "softplus", "softsign", "elu", "selu"]
ACTIVATIONS += ["hard_sigmoid"] + (["hard_tanh"] if KERAS_MAJOR >= 3 else [])


def activation_model():
    """One input, one output per activation function and activation layer; outputs named
    `<what>`, with a budget (in LSBs) and whether a table computes it."""
    keras.utils.set_random_seed(11)
    x = keras.Input((N_FEATURES,), name="x")
    outputs = {}
    for name in ACTIVATIONS:
        outputs[f"act_{name}"] = keras.layers.Activation(name, name=f"act_{name}")(x)
    # The linear activation is removed as a no-op; on the model input it would leave an output
    # without a computing layer, which the writer refuses, so it reads a product here.
    square = keras.layers.Multiply(name="square")([x, x])
    outputs["act_linear"] = keras.layers.Activation("linear", name="act_linear")(square)
    L = keras.layers
    layers = [
        L.ReLU(name="relu_layer"),
        L.ReLU(max_value=6.0, name="relu_max6"),
        L.ReLU(negative_slope=0.125, name="relu_slope"),
        L.LeakyReLU(0.3, name="leaky"),
        L.ELU(alpha=0.5, name="elu_layer"),
        L.PReLU(name="prelu"),
    ]
    if KERAS_MAJOR == 2:  # Keras 3 dropped ThresholdedReLU
        layers.append(L.ThresholdedReLU(theta=0.75, name="thresholded"))
    for layer in layers:
        outputs[layer.name] = layer(x)
    # Softmax addresses its tables with the top bits of its input, which must therefore be narrow
    # (the pre-flight check refuses a wide one): a linear layer gives it its own type.
    softmax_input = L.Activation("linear", name="softmax_in")(x)
    outputs["softmax_layer"] = L.Softmax(name="softmax_layer")(softmax_input)
    outputs["dense_tanh"] = keras.layers.Dense(4, activation="tanh", name="dense_tanh")(x)
    model = keras.Model(x, list(outputs.values()), name="activations")
    prelu = model.get_layer("prelu")
    prelu.set_weights([np.random.default_rng(1).uniform(-0.9, 0.9, (N_FEATURES,))])
    return model, list(outputs)


def structure_model():
    """Two inputs through every merge, BatchNormalization, Dropout, Reshape, Flatten and
    Concatenate along each axis; one output per layer under test."""
    keras.utils.set_random_seed(12)
    a = keras.Input((N_FEATURES,), name="a")
    b = keras.Input((N_FEATURES,), name="b")
    L = keras.layers
    outputs = {
        "add": L.Add(name="add")([a, b]),
        "subtract": L.Subtract(name="subtract")([a, b]),
        "multiply": L.Multiply(name="multiply")([a, b]),
        "average": L.Average(name="average")([a, b]),
        "maximum": L.Maximum(name="maximum")([a, b]),
        "minimum": L.Minimum(name="minimum")([a, b]),
        "concat": L.Concatenate(name="concat")([a, b]),
        "dot": L.Dot(axes=1, name="dot")([a, b]),
        "norm": L.BatchNormalization(name="norm")(L.Dropout(0.5, name="drop")(a)),
        "dense": L.Dense(5, name="dense")(b),
    }
    grid_a = L.Reshape((2, 3), name="grid_a")(a)
    grid_b = L.Reshape((2, 3), name="grid_b")(b)
    outputs["concat_rows"] = L.Flatten(name="concat_rows")(
        L.Concatenate(axis=1, name="rows")([grid_a, grid_b])
    )
    outputs["concat_cols"] = L.Flatten(name="concat_cols")(
        L.Concatenate(axis=-1, name="cols")([grid_a, grid_b])
    )
    model = keras.Model([a, b], list(outputs.values()), name="structure")
    rng = np.random.default_rng(3)
    model.get_layer("norm").set_weights(
        [
            rng.uniform(0.5, 1.5, N_FEATURES),
            rng.uniform(-0.5, 0.5, N_FEATURES),
            rng.uniform(-0.5, 0.5, N_FEATURES),
            rng.uniform(0.5, 1.5, N_FEATURES),
        ]
    )
    return model, list(outputs)


def budget_in_lsbs(name, model):
    """The narrow-type error rule of the module docstring for output `name`."""
    X = INPUT_RANGE
    if name in ("dense", "dense_tanh"):
        kernel = model.get_layer(name).get_weights()[0]
        return N_FEATURES * (X + float(np.abs(kernel).max()) + 1) + 2
    if name in ("multiply", "act_linear"):  # act_linear reads x * x
        return 2 * X + 2
    if name == "dot":
        return N_FEATURES * (2 * X + 1) + 2
    if name == "norm":
        gamma, _, _, var = model.get_layer("norm").get_weights()
        scale = float(np.max(np.abs(gamma) / np.sqrt(var + 1e-3)))
        return X + scale + 3
    return 3  # one read, one result, one slope of at most 1 (ReLU, merges, hard_*, reshapes)


def table_bound(function, precision):
    slope, span = TABLES[function]
    return slope * span / 1024 + TABLE_LSB + LSB[precision]


def error_bound(name, model, precision, scale):
    """The module docstring's rule for output `name` at `precision`."""
    if name == "elu_layer" or name.startswith("act_") and name[4:] in TABLES:
        return table_bound("elu" if name == "elu_layer" else name[4:], precision)
    computed = 1e-3 * scale if precision == WIDE else budget_in_lsbs(name, model) * LSB[precision]
    if name == "dense_tanh":  # the dense error goes through tanh (slope <= 1), then its table
        return computed + table_bound("tanh", precision)
    return computed


def softmax_bound(probabilities):
    """Softmax ("stable", the default) with a fixed<16,6> input: e^-(max - x) comes from a table
    addressed by the top 10 bits of max - x held in ufixed<15,5> (a step of 32/1024, sampled at
    the bucket's low end: relative error <= 1/32), and 1/sum from a table addressed by the top 10
    bits of the fixed<16,6> sum (a step of 64/1024 on a sum >= 1: relative error <= 1/16); each
    table entry and the result add one table LSB. Only the narrow type is checked: with the wide
    input type the tables are addressed by bits the values never reach, as in hls4ml (see
    test_keras_conversion's softmax xfail)."""
    return probabilities * (1 / 32 + 1 / 16) + 2 * TABLE_LSB


def config(precision, model_name):
    model = {"Precision": {"default": precision}, "ReuseFactor": 1, "Strategy": "Latency"}
    if model_name != "activations":
        return {"Model": model}
    # softmax_bound is derived for fixed<16,6> tables and sum (hls4ml's defaults are 18,8 ones).
    tables = {slot: NARROW for slot in ("exp_table", "inv_table", "inv_inp")}
    return {
        "Model": model,
        "LayerName": {
            "softmax_in": {"Precision": {"result": NARROW}},
            "softmax_layer": {"Precision": tables},
        },
    }


def random_inputs(model, seed):
    rng = np.random.default_rng(seed)
    return [rng.uniform(-INPUT_RANGE, INPUT_RANGE, (SAMPLES, N_FEATURES)) for _ in model.inputs]


MODELS = {"activations": activation_model, "structure": structure_model}


@pytest.fixture(
    scope="module",
    params=[(m, p) for m in MODELS for p in (NARROW, WIDE)],
    ids=lambda param: f"{param[0]}-{param[1]}",
)
def converted(request, tmp_path_factory):
    """(keras model, output names, precision, compiled hlsnn model, inputs, keras outputs)."""
    model_name, precision = request.param
    model, names = MODELS[model_name]()
    directory = tmp_path_factory.mktemp(f"{model_name}_{precision[6:8]}")
    hls_model = hlsnn.converters.convert_from_keras_model(
        model, output_dir=str(directory / "prj"), hls_config=config(precision, model_name)
    )
    hls_model.compile()
    x = random_inputs(model, seed=len(names))
    expected = model.predict(x, verbose=0)
    return model, names, precision, hls_model, x, dict(zip(names, expected))


def test_every_output_is_within_the_error_its_types_imply(converted):
    model, names, precision, hls_model, x, expected = converted
    ours = dict(zip(names, hls_model.predict(x)))
    for name in names:
        got = ours[name].reshape(expected[name].shape)
        error = float(np.max(np.abs(got - expected[name])))
        scale = float(np.max(np.abs(expected[name])))
        if name == "softmax_layer":
            if precision == NARROW:
                error = np.abs(got - expected[name])
                assert np.all(error <= softmax_bound(expected[name])), f"{name}: off by {error}"
            continue
        bound = error_bound(name, model, precision, scale)
        assert error <= bound, f"{name} ({precision}): off by {error}, bound {bound}"
    assert len(ours) == len(model.outputs)


def test_vendor_headers_give_the_same_bits(converted):
    """The project is plain HLS C++: compiled against the vendor's ap_types it computes the same
    bits as against ours."""
    _, names, _, hls_model, x, _ = converted
    ours = hls_model.predict(x)
    _, ours_traced = hls_model.trace(x)
    theirs, theirs_traced = with_vendor_headers(
        hls_model, lambda: (hls_model.predict(x), hls_model.trace(x)[1])
    )
    assert_same_outputs(names, ours, theirs)
    assert_same_traces(ours_traced, theirs_traced)
