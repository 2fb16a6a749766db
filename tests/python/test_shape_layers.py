"""Padding, cropping, upsampling, permuting, flattening and reshaping layers, concatenation on
every axis and element-wise merges of N-D tensors, from real Keras (2 or 3, whichever the
environment holds): equal to Keras (exactly where the layer only moves values), the same bits
against the vendor's headers, traced like get_ymodel_keras, converted alike from live models and
from saved files (.h5, .keras, JSON + weights), and bit-identical to hls4ml 1.3 (Keras 2 only).

One multi-output model holds every case; it is compiled once for the module (file conversions
write the same project, which the compile cache serves)."""

import json
import os

import numpy as np
import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
keras = pytest.importorskip("keras")

import hlsnn  # noqa: E402
from hlsnn.model.profiling import get_ymodel_keras  # noqa: E402
from oracles import (  # noqa: E402
    assert_same_outputs,
    assert_same_traces,
    hls4ml_and_hlsnn,
    with_vendor_headers,
)

KERAS_MAJOR = int(keras.__version__.split(".")[0])
# Inputs on a 2^-6 grid within fixed<16,6>, the Dense's weights on a 2^-4 grid, and a product
# type that holds products of inputs: every output is exact.
CONFIG = {
    "Model": {"Precision": "fixed<16,6>", "ReuseFactor": 1, "Strategy": "Latency"},
    "LayerName": {"multiply_nd": {"Precision": {"result": "fixed<20,8>"}}},
}
GRID = 2.0**-6
SAMPLES = 64
INPUT_SHAPES = {"img": (5, 6, 3), "img2": (5, 6, 3), "seq": (7, 4), "vol": (2, 3, 4, 2)}
INPUT_SHAPES["vol2"] = INPUT_SHAPES["vol"]


def zoo(with_hls4ml_gaps=True):
    """{output name: tensor} over the inputs of INPUT_SHAPES; `with_hls4ml_gaps=False` leaves
    out what hls4ml 1.3 does not convert (Concatenate of rank 4, merges of three inputs, a model
    output that is a reshaped input: it drops the final Reshape and writes the input twice) or
    converts otherwise (it flattens a channels-first tensor as a channels-last one)."""
    keras.utils.set_random_seed(21)
    L = keras.layers
    x = {name: keras.Input(shape, name=name) for name, shape in INPUT_SHAPES.items()}
    img, img2, seq, vol, vol2 = (x[k] for k in ("img", "img2", "seq", "vol", "vol2"))
    dense = L.Dense(5, name="dense")(seq)
    out = {
        "pad1_sym": L.ZeroPadding1D(2, name="pad1_sym")(seq),
        "pad1": L.ZeroPadding1D((0, 3), name="pad1")(dense),
        "pad2": L.ZeroPadding2D(((1, 2), (3, 0)), name="pad2")(img),
        "pad2_int": L.ZeroPadding2D(1, name="pad2_int")(img2),
        "crop1": L.Cropping1D((2, 1), name="crop1")(seq),
        "crop2": L.Cropping2D(((1, 2), (0, 3)), name="crop2")(img),
        "up1": L.UpSampling1D(3, name="up1")(seq),
        "up2": L.UpSampling2D((2, 3), name="up2")(img),
        "permute2": L.Permute((2, 1), name="permute2")(seq),
        "permute3": L.Permute((3, 1, 2), name="permute3")(img),
        "permute4": L.Permute((4, 2, 1, 3), name="permute4")(vol),
        # A permutation that moves no value: an alias of the Reshape's array, itself an alias.
        "unit_sum": L.Add(name="unit_sum")(
            [L.Permute((2, 1, 3), name="permute_unit")(L.Reshape((1, 30, 3), name="row")(img2))] * 2
        ),
        "cat_rows": L.Concatenate(axis=1, name="cat_rows")([img, img2]),
        "cat_cols": L.Concatenate(axis=2, name="cat_cols")(
            [img, L.Cropping2D(((0, 0), (1, 1)), name="narrow")(img2)]
        ),
        "cat_chan": L.Concatenate(axis=-1, name="cat_chan")([img, img2]),
        "add_nd": L.Add(name="add_nd")([vol, vol2]),
        "subtract_nd": L.Subtract(name="subtract_nd")([vol, vol2]),
        "multiply_nd": L.Multiply(name="multiply_nd")([vol, vol2]),
        "average_nd": L.Average(name="average_nd")([vol, vol2]),
        "maximum_nd": L.Maximum(name="maximum_nd")([vol, vol2]),
        "minimum_nd": L.Minimum(name="minimum_nd")([vol, vol2]),
    }
    if with_hls4ml_gaps:
        out["flatten"] = L.Flatten(name="flatten")(img2)
        out["reshape"] = L.Reshape((3, -1, 5), name="reshape")(img)
        out["flatten_cf"] = L.Flatten(data_format="channels_first", name="flatten_cf")(img)
        out["cat_chan3"] = L.Concatenate(axis=-1, name="cat_chan3")([img, img2, img])
        out["maximum3_nd"] = L.Maximum(name="maximum3_nd")([vol, vol2, vol])
        for axis in (1, 2, 3, 4):
            name = f"cat4_axis{axis}"
            out[name] = L.Concatenate(axis=axis, name=name)([vol, vol2])
    # The Dense is an output too, so that its trace and weights are compared.
    out["dense"] = dense
    model = keras.Model(list(x.values()), list(out.values()), name="shapes")
    rng = np.random.default_rng(4)
    model.get_layer("dense").set_weights(
        [np.round(rng.uniform(-0.5, 0.5, shape) * 16) / 16 for shape in ((4, 5), (5,))]
    )
    return model, list(out)


def grid_inputs(model, seed, low=-8.0, high=8.0):
    rng = np.random.default_rng(seed)
    return [
        np.round(rng.uniform(low, high, (SAMPLES, *t.shape[1:])) / GRID) * GRID
        for t in model.inputs
    ]


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """(keras model, output names, compiled hlsnn model, inputs, {name: keras output})."""
    model, names = zoo()
    directory = tmp_path_factory.mktemp("shapes")
    hls_model = hlsnn.converters.convert_from_keras_model(
        model, output_dir=str(directory / "live"), hls_config=json.loads(json.dumps(CONFIG))
    )
    hls_model.compile()
    x = grid_inputs(model, seed=1)
    expected = dict(zip(names, model.predict(x, verbose=0)))
    return model, names, hls_model, x, expected, directory


def test_every_output_equals_keras_exactly(converted):
    _, names, hls_model, x, expected, _ = converted
    got = dict(zip(names, hls_model.predict(x)))
    for name in names:
        assert got[name].shape == expected[name].shape, name
        np.testing.assert_array_equal(got[name], expected[name], err_msg=name)


def test_trace_is_keyed_and_valued_like_get_ymodel_keras(converted):
    model, _, hls_model, x, _, _ = converted
    _, traced = hls_model.trace(x)
    keras_layers = get_ymodel_keras(model, x)
    assert list(traced) == list(keras_layers)
    for name, values in traced.items():
        want = keras_layers[name]
        np.testing.assert_array_equal(values.reshape(want.shape), want, err_msg=name)


def test_vendor_headers_give_the_same_bits(converted):
    _, names, hls_model, _, _, _ = converted
    # Off the grid and beyond the type's range: conversions truncate and wrap.
    x = [np.random.default_rng(2).uniform(-40, 40, xi.shape) for xi in converted[3]]
    ours = hls_model.predict(x)
    _, ours_traced = hls_model.trace(x)
    theirs, theirs_traced = with_vendor_headers(
        hls_model, lambda: (hls_model.predict(x), hls_model.trace(x)[1])
    )
    assert_same_outputs(names, ours, theirs)
    assert_same_traces(ours_traced, theirs_traced)


def saved_files(model, directory):
    """{label: convert_from_config dict} of the model saved as .h5 and .keras, and as JSON plus
    a weights file."""
    h5, archive = directory / "model.h5", directory / "model.keras"
    model.save(h5)
    model.save(archive)
    weights = directory / ("weights.h5" if KERAS_MAJOR == 2 else "model.weights.h5")
    model.save_weights(weights)
    (directory / "model.json").write_text(model.to_json())
    return {
        "h5": {"KerasH5": str(h5)},
        "keras": {"KerasH5": str(archive)},
        "json": {"KerasJson": str(directory / "model.json"), "KerasH5": str(weights)},
    }


def test_saved_files_convert_to_the_same_bits(converted):
    model, names, hls_model, x, _, directory = converted
    want = hls_model.predict(x)
    for label, source in saved_files(model, directory).items():
        config = {**source, "OutputDir": str(directory / label), "HLSConfig": CONFIG}
        from_file = hlsnn.converters.convert_from_config(config)
        from_file.compile()
        for name, mine, theirs in zip(names, want, from_file.predict(x)):
            np.testing.assert_array_equal(theirs, mine, err_msg=f"{label}: {name}")


def test_hls4ml_gives_the_same_bits_with_the_same_explicit_types(tmp_path):
    """Narrow wrapping types everywhere (inputs off the grid and beyond the range, so that
    conversions truncate and wrap), a rounding, saturating result on two merges."""
    model, names = zoo(with_hls4ml_gaps=False)

    def config(_tool):
        return {
            "Model": {"Precision": "ap_fixed<8,3>", "ReuseFactor": 1, "Strategy": "Latency"},
            "LayerName": {
                name: {"Precision": {"result": "ap_fixed<7,2,AP_RND_CONV,AP_SAT>"}}
                for name in ("add_nd", "average_nd")
            },
        }

    theirs, ours = hls4ml_and_hlsnn(model, tmp_path, config, io_type="io_parallel")
    x = [
        xi.astype(np.float32)
        for xi in grid_inputs(model, seed=3, low=-6.0, high=6.0)  # beyond ap_fixed<8,3>'s 4
    ]
    x = [xi + np.float32(GRID / 3) for xi in x]  # off its 2^-5 grid
    for name, mine, reference_output in zip(names, ours.predict(x), theirs.predict(x)):
        np.testing.assert_array_equal(
            mine.reshape(SAMPLES, -1), reference_output.reshape(SAMPLES, -1), err_msg=name
        )


@pytest.mark.parametrize(
    "make_layer, problem",
    [
        (lambda L: L.ZeroPadding2D(1, data_format="channels_first"), "data_format"),
        (lambda L: L.Cropping2D(1, data_format="channels_first"), "data_format"),
        (lambda L: L.UpSampling2D(2, interpolation="bilinear"), "interpolation 'bilinear'"),
    ],
)
def test_refused_options_name_the_layer_option_and_fix(tmp_path, make_layer, problem):
    inputs = keras.Input((6, 6, 6))
    layer = make_layer(keras.layers)
    model = keras.Model(inputs, layer(inputs))
    with pytest.raises(hlsnn.Error) as error:
        hlsnn.converters.convert_from_keras_model(model, output_dir=str(tmp_path / "prj"))
    message = str(error.value)
    assert layer.name in message and problem in message, message
    assert "hint:" in message and ("channels_last" in message or "nearest" in message), message


def test_the_reference_algorithm_key_is_checked(tmp_path):
    inputs = keras.Input((4, 2), name="x")
    model = keras.Model(inputs, keras.layers.UpSampling1D(2, name="up")(inputs))
    config = {"Model": CONFIG["Model"], "LayerName": {"up": {"Algorithm": "bilinear"}}}
    with pytest.raises(hlsnn.Error, match='LayerName.up.*Algorithm "bilinear"'):
        hlsnn.converters.convert_from_keras_model(
            model, output_dir=str(tmp_path / "prj"), hls_config=config
        )


def test_a_permutation_beyond_the_kernels_loops_is_refused_with_a_fix(tmp_path):
    """Reversing seven axes leaves seven separate runs; the kernel nests six loops."""
    inputs = keras.Input((2,) * 7)
    model = keras.Model(inputs, keras.layers.Permute(tuple(range(7, 0, -1)), name="rev")(inputs))
    converted = hlsnn.converters.convert_from_keras_model(model, output_dir=str(tmp_path / "prj"))
    with pytest.raises(hlsnn.Error, match="(?s)rev.*7 groups of axes.*hint: split the Permute"):
        converted.write()
