"""io_stream designs (IOType io_stream): every supported layer computes the bits of its io_parallel
version, with our headers and with the vendor's, and hls4ml 1.3's io_stream predict for identical
explicit types; the streams' guarantees (a stream read while empty, or left with words, is an error
naming it); the FIFO depths of the dataflow schedule model on a chain worked out by hand, the
`FIFODepth` config key, the deadlock and depth-limit pre-flight checks and `hlsnn fifo`."""

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

keras = pytest.importorskip("keras")

import hlsnn  # noqa: E402
import test_layer_coverage as coverage  # noqa: E402
from oracles import (  # noqa: E402
    assert_same_outputs,
    assert_same_traces,
    each_tools_listing,
    hls4ml_and_hlsnn,
    with_vendor_headers,
)

KERAS_MAJOR = int(keras.__version__.split(".")[0])
HLSNN = Path(sys.executable).parent / "hlsnn"
WIDE = {"Model": {"Precision": {"default": "fixed<24,8>"}, "ReuseFactor": 1}}


def convert(model, directory, config, io_type="io_stream"):
    return hlsnn.converters.convert_from_keras_model(
        model, output_dir=str(directory), hls_config=config, io_type=io_type
    )


@pytest.fixture(scope="module", params=list(coverage.MODELS), ids=str)
def both_designs(request, tmp_path_factory):
    """test_layer_coverage's models (every activation, merge, BatchNormalization, Dense, Reshape,
    Flatten, Concatenate, Dot), converted once as io_stream and once as io_parallel."""
    name = request.param
    model, names = coverage.MODELS[name]()
    config = coverage.config(coverage.NARROW, name)
    directory = tmp_path_factory.mktemp(f"stream_{name}")
    stream = convert(model, directory / "stream", config)
    parallel = convert(model, directory / "parallel", config, io_type="io_parallel")
    return model, names, stream, parallel, coverage.random_inputs(model, seed=4)


def test_every_layer_streams_the_bits_of_its_parallel_version(both_designs):
    _, names, stream, parallel, x = both_designs
    ours, ours_traced = stream.trace(x)
    theirs, theirs_traced = parallel.trace(x)
    assert_same_outputs(names, ours, theirs)
    for name, mine in zip(names, ours):
        assert np.std(mine) > 0, name
    assert_same_traces(ours_traced, theirs_traced)
    for name, values in zip(names, stream.predict(x)):
        np.testing.assert_array_equal(values, ours[names.index(name)], err_msg=name)


def test_stream_design_gives_the_same_bits_with_the_vendor_headers(both_designs):
    _, names, stream, _, x = both_designs
    ours = stream.predict(x)
    assert_same_outputs(names, ours, with_vendor_headers(stream, stream.predict, x))


def oracle_model():
    """Dense over rows (hls4ml: a pointwise Conv1D), BatchNormalization, Flatten into two Dense
    branches, LeakyReLU, Add, Multiply, Concatenate and a softmax head; two outputs."""
    keras.utils.set_random_seed(4)
    layers = keras.layers
    x = keras.Input((4, 6), name="x")
    rows = layers.Dense(5, activation="relu", name="rows")(x)
    rows = layers.BatchNormalization(name="norm")(rows)
    flat = layers.Flatten(name="flat")(rows)
    left = layers.Dense(8, activation="tanh", name="left")(flat)
    right = layers.LeakyReLU(0.25, name="leaky")(layers.Dense(8, name="right")(flat))
    total = layers.Add(name="add")([left, right])
    product = layers.Multiply(name="mul")([left, right])
    joined = layers.Concatenate(name="cat")([total, product])
    probabilities = layers.Activation("softmax", name="sm")(layers.Dense(4, name="logits")(joined))
    model = keras.Model(x, [probabilities, total])
    rng = np.random.default_rng(1)
    norm = model.get_layer("norm")
    gamma, beta, mean, var = norm.get_weights()
    norm.set_weights(
        [
            rng.uniform(0.5, 1.5, gamma.shape),
            rng.uniform(-0.5, 0.5, beta.shape),
            rng.uniform(-0.5, 0.5, mean.shape),
            rng.uniform(0.5, 1.5, var.shape),
        ]
    )
    return model


def explicit_types(config, explicit="fixed<18,7>"):
    """Every type of every layer explicit, except softmax's inp_norm, which hls4ml derives (and
    so does hlsnn when it is not set). hls4ml's config does not list the activation tables: they
    get its default type, explicit for hlsnn too (which otherwise chooses its own tables)."""
    config["Model"]["Precision"] = {"default": explicit}
    for layer in config["LayerName"].values():
        precision = layer["Precision"]
        layer["Precision"] = dict.fromkeys(
            [k for k in precision if k not in ("table", "inp_norm")], explicit
        )
        if "table" in precision:
            layer["Precision"]["table"] = "fixed<18,8>"
    for slot in ("exp_table", "inv_table", "inv_inp"):
        config["LayerName"]["sm"]["Precision"][slot] = "fixed<18,8,RND,SAT>"
    return config


def test_bit_identical_to_hls4ml_io_stream(tmp_path):
    model = oracle_model()
    theirs, ours = hls4ml_and_hlsnn(
        model, tmp_path, each_tools_listing(model, explicit_types), io_type="io_stream"
    )
    x = np.ascontiguousarray(np.random.default_rng(5).uniform(-2, 2, (200, 4, 6)))
    for name, mine, reference_y in zip(model.output_names, ours.predict(x), theirs.predict(x)):
        assert np.std(mine) > 0.05, name  # a real comparison, not saturated outputs
        np.testing.assert_array_equal(mine, reference_y.reshape(mine.shape), err_msg=name)


def chain_model():
    """x (4, 6) -> Dense over rows (5) -> Flatten -> Dense (3): the chain whose schedule
    tests/runtime/test_dataflow_schedule.cpp works out by hand (rows: latency 1 + 3 + 2 = 6,
    out: latency 1 + 5 + 2 = 8, see src/backend/stream_timing.cpp)."""
    keras.utils.set_random_seed(5)
    x = keras.Input((4, 6), name="x")
    rows = keras.layers.Dense(5, name="rows")(x)
    out = keras.layers.Dense(3, name="out")(keras.layers.Flatten(name="flat")(rows))
    return keras.Model(x, out)


@pytest.fixture(scope="module")
def chain(tmp_path_factory):
    directory = tmp_path_factory.mktemp("chain")
    model = chain_model()
    default = convert(model, directory / "default", WIDE)
    default.compile()
    return model, directory, default


def test_fifo_sizing_of_a_chain_equals_the_hand_computed_schedule(chain):
    _, _, default = chain
    two = default.fifo_report(samples=2)
    # The only FIFO of the design: the rows between the two Dense layers.
    assert [(f["name"], f["producer"], f["consumer"]) for f in two["fifos"]] == [
        ("rows", "rows", "out")
    ]
    fifo = two["fifos"][0]
    assert fifo["words"] == 4 and fifo["depth"] == 4  # the default: a sample's words
    # Two samples back to back: `out` takes the second sample's rows only after writing its first
    # result (cycle 19), when all four wait in the FIFO; 33 cycles in all.
    assert fifo["needed"] == 4 and two["cycles_unbounded"] == 33 and two["cycles"] == 33
    one = default.fifo_report(samples=1)
    assert one["fifos"][0]["needed"] == 2 and one["cycles_unbounded"] == 21
    assert not two["deadlock"] and "rows -> out" in two["text"]


def test_schedule_depths_are_written_and_keep_the_bits(chain):
    model, directory, default = chain
    config = {"Model": {**WIDE["Model"], "FIFODepth": "schedule"}}
    sized = convert(model, directory / "sized", config)
    sized.write()
    top = (directory / "sized" / "firmware" / "myproject.cpp").read_text()
    assert "#pragma HLS STREAM variable=rows depth=4" in top
    # Only pragmas differ from the default design: the compiled library is the same one.
    assert sized.compile() is True
    x = np.random.default_rng(2).uniform(-2, 2, (32, 4, 6))
    np.testing.assert_array_equal(sized.predict(x), default.predict(x))


def test_uniform_depth_below_the_need_warns_and_names_the_fifo(chain):
    model, directory, _ = chain
    config = {"Model": {**WIDE["Model"], "FIFODepth": 2}}
    shallow = convert(model, directory / "shallow", config)
    with pytest.warns(hlsnn.HLSNNWarning, match=r"shallower.*rows \(rows -> out\)"):
        shallow.write()
    top = (directory / "shallow" / "firmware" / "myproject.cpp").read_text()
    assert "#pragma HLS STREAM variable=rows depth=2" in top


def fork_model():
    """x read by a Dense that needs all of x before its first output, and by the Add that joins
    its result: the copy of x towards the Add must hold the whole of x."""
    keras.utils.set_random_seed(6)
    x = keras.Input((4, 6), name="x")
    flat = keras.layers.Flatten(name="flat")(x)
    mixed = keras.layers.Reshape((4, 6), name="back")(keras.layers.Dense(24, name="mix")(flat))
    return keras.Model(x, keras.layers.Add(name="join")([x, mixed]))


def test_fifo_depths_that_deadlock_are_refused_before_writing(tmp_path):
    model = fork_model()
    config = {**WIDE, "LayerName": {"x": {"FIFODepth": 1}}}
    with pytest.raises(hlsnn.Error, match="deadlocks") as error:
        convert(model, tmp_path / "stuck", config).write()
    assert "waits to write stream" in str(error.value) and "full at depth 1" in str(error.value)
    assert not (tmp_path / "stuck").exists()
    # Sized by the schedule model the same design runs, with the bits of io_parallel.
    sized = convert(
        model, tmp_path / "sized", {"Model": {**WIDE["Model"], "FIFODepth": "schedule"}}
    )
    report = sized.fifo_report()
    assert not report["deadlock"]
    assert all(f["depth"] == max(1, f["needed"]) for f in report["fifos"])
    parallel = convert(model, tmp_path / "parallel", WIDE, io_type="io_parallel")
    x = np.random.default_rng(3).uniform(-2, 2, (16, 4, 6))
    np.testing.assert_array_equal(sized.predict(x), parallel.predict(x))


def test_depths_over_the_limit_are_refused_before_writing(tmp_path):
    config = {"Model": {**WIDE["Model"], "FIFODepth": 64, "FIFODepthLimit": 32}}
    with pytest.raises(hlsnn.Error, match="over the limit of 32 words") as error:
        convert(chain_model(), tmp_path / "deep", config).write()
    assert "FIFODepthLimit" in str(error.value)
    assert not (tmp_path / "deep").exists()


@pytest.mark.parametrize(
    "model_settings, message",
    [
        ({"FIFODepth": "roomy"}, 'FIFODepth "roomy" is not known'),
        ({"FIFODepth": 0}, "FIFODepth 0 is not a positive number of words"),
        ({"FIFODepthLimit": -3}, "FIFODepthLimit -3 is not a positive number of words"),
    ],
)
def test_bad_fifo_settings_are_named(tmp_path, model_settings, message):
    config = {"Model": {**WIDE["Model"], **model_settings}}
    with pytest.raises(hlsnn.Error, match=re.escape(message)) as error:
        convert(chain_model(), tmp_path / "bad", config)
    assert "HLSConfig.Model" in str(error.value)


def test_fifo_command_reports_and_applies_the_schedule_depths(chain):
    _, directory, _ = chain
    project = directory / "command"
    convert(chain_model(), project, WIDE).write()
    report = subprocess.run(
        [str(HLSNN), "fifo", "-q", "-p", str(project)], capture_output=True, text=True
    )
    assert report.returncode == 0, report.stderr
    assert re.search(r"rows\s+4\s+4\s+4\s+rows -> out", report.stdout), report.stdout
    one = subprocess.run(
        [str(HLSNN), "fifo", "-q", "-p", str(project), "-n", "1", "--apply"],
        capture_output=True,
        text=True,
    )
    assert one.returncode == 0, one.stderr
    assert re.search(r"rows\s+4\s+2\s+2\s+rows -> out", one.stdout), one.stdout
    assert "depth=2" in (project / "firmware" / "myproject.cpp").read_text()
    convert(chain_model(), directory / "arrays", WIDE, io_type="io_parallel").write()
    arrays = subprocess.run(
        [str(HLSNN), "fifo", "-p", str(directory / "arrays")], capture_output=True, text=True
    )
    assert arrays.returncode != 0 and "no io_stream design" in arrays.stderr


@pytest.fixture
def relu_project(tmp_path):
    """A one-layer stream design whose copied kernel header a test may break."""
    x = keras.Input((3, 4), name="x")
    model = keras.Model(x, keras.layers.ReLU(name="act")(x))
    hls_model = convert(model, tmp_path / "relu", WIDE)
    hls_model.compile()
    kernel = tmp_path / "relu" / "firmware" / "nnet_utils" / "nnet_activation_stream.h"
    return hls_model, kernel


READ_LINE = "    const data_T in = data.read();\n"


def test_a_kernel_reading_one_word_too_many_is_caught_naming_the_stream(relu_project):
    hls_model, kernel = relu_project
    text = kernel.read_text()
    assert READ_LINE in text
    extra_read = "    if (w + 1 == CONFIG_T::n_in / data_T::size) data.read();\n"
    end_of_loop = "    res.write(out);\n  }\n}"
    kernel.write_text(
        text.replace(end_of_loop, end_of_loop.replace("  }", extra_read + "  }", 1), 1)
    )
    hls_model.compile()
    with pytest.raises(hlsnn.Error, match=r"hls::stream 'x' is read while empty"):
        hls_model.predict(np.ones((2, 3, 4)))


def test_a_kernel_leaving_one_word_unread_is_caught_naming_the_stream(relu_project):
    hls_model, kernel = relu_project
    last = "w + 1 < CONFIG_T::n_in / data_T::size ? data.read() : data_T()"
    kernel.write_text(kernel.read_text().replace(READ_LINE, f"    const data_T in = {last};\n", 1))
    hls_model.compile()
    with pytest.raises(hlsnn.Error, match=r"hls::stream 'x' holds 1 unread word at the end"):
        hls_model.predict(np.ones((2, 3, 4)))


def test_cli_converts_a_yaml_io_stream_project_with_scheduled_fifos(chain, tmp_path):
    """IOType io_stream and FIFODepth in a YAML project, through the `hlsnn` command alone: the
    same FIFO depth and predictions as the Python conversion."""
    model, _, default = chain
    model.save(tmp_path / ("model.h5" if KERAS_MAJOR == 2 else "model.keras"))
    hls_config = {"Model": {**WIDE["Model"], "FIFODepth": "schedule"}}
    project = {
        "KerasH5": next(tmp_path.glob("model.*")).name,
        "OutputDir": "prj",
        "IOType": "io_stream",
        "HLSConfig": hls_config,
    }
    hlsnn.converters.write_yaml_config(project, tmp_path / "project.yml")
    converted = subprocess.run(
        [str(HLSNN), "convert", "-q", "-c", str(tmp_path / "project.yml")],
        capture_output=True,
        text=True,
    )
    assert converted.returncode == 0, converted.stderr
    top = (tmp_path / "prj" / "firmware" / "myproject.cpp").read_text()
    assert "#pragma HLS DATAFLOW" in top and "variable=rows depth=4" in top
    x = np.random.default_rng(8).uniform(-2, 2, (5, 4, 6))
    np.save(tmp_path / "x.npy", x)
    predicted = subprocess.run(
        [str(HLSNN), "predict", "-q", "-p", str(tmp_path / "prj"), "-i", str(tmp_path / "x.npy")]
        + ["-o", str(tmp_path / "y.npy")],
        capture_output=True,
        text=True,
    )
    assert predicted.returncode == 0, predicted.stderr
    np.testing.assert_array_equal(np.load(tmp_path / "y.npy"), default.predict(x))
