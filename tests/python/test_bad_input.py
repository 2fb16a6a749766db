"""Bad input from Python: each gives hlsnn.Error or ValueError with a message that says what and
where, raised from the call the user made (no deep traceback), and never code or files that the
model did not ask for. (The C++ tests cover the same at the reader and writer level.)"""

import json
import os
import shutil
import traceback
import zipfile
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
keras = pytest.importorskip("keras")

import hlsnn  # noqa: E402
from hlsnn._core import _Model  # noqa: E402
from hlsnn._keras import model_json_and_weights  # noqa: E402
from hlsnn._model import ModelGraph  # noqa: E402

KERAS_MAJOR = int(keras.__version__.split(".")[0])
WIDE = {"Model": {"Precision": {"default": "fixed<32,16>"}, "ReuseFactor": 1}}


def small_model(dense_name="dense"):
    keras.utils.set_random_seed(5)
    inputs = keras.Input((4,), name="x")
    outputs = keras.layers.Dense(3, activation="relu", name=dense_name)(inputs)
    return keras.Model(inputs, outputs)


def convert(model, directory, config=WIDE):
    return hlsnn.converters.convert_from_keras_model(
        model, output_dir=str(directory), hls_config=config
    )


def assert_short_error(caught, *fragments):
    """The message names every fragment, carries no C++ internals, and the traceback holds only
    the user's call and the hlsnn function it entered (the error comes from the C++ core)."""
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message, message
    for internal in ("nlohmann", "basic_json", "std::", "terminate called"):
        assert internal not in message, message
    hlsnn_frames = [
        frame
        for frame in traceback.extract_tb(caught.tb)
        if f"{os.sep}hlsnn{os.sep}" in frame.filename
    ]
    assert len(hlsnn_frames) <= 2, hlsnn_frames


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """{suffix: path} of the small model saved by Keras."""
    directory = tmp_path_factory.mktemp("saved")
    paths = {}
    for suffix in (".h5", ".keras"):
        paths[suffix] = directory / f"model{suffix}"
        small_model().save(paths[suffix])
    return paths


@pytest.mark.parametrize("suffix", [".h5", ".keras"])
def test_truncated_file_is_an_error_naming_it(saved, tmp_path, suffix):
    path = tmp_path / f"cut{suffix}"
    data = saved[suffix].read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(hlsnn.Error) as caught:
        convert(str(path), tmp_path / "prj")
    assert_short_error(caught, str(path))
    assert not (tmp_path / "prj").exists()


def test_file_that_crashes_the_hdf5_library_is_an_error_naming_it(tmp_path):
    """Issue 15: HDF5 1.10 crashes on this damaged file (found by fuzzing); hlsnn reads HDF5 in a
    child process, so Python gets an error, not a dead interpreter."""
    path = Path(__file__).parents[1] / "frontend" / "data" / "hdf5_library_crash.h5"
    with pytest.raises(hlsnn.Error) as caught:
        convert(str(path), tmp_path / "prj")
    assert_short_error(caught, str(path))
    assert not (tmp_path / "prj").exists()


def test_devices_are_refused_not_read_forever(tmp_path):
    with pytest.raises(hlsnn.Error) as caught:
        convert("/dev/zero", tmp_path / "prj")
    assert_short_error(caught, "/dev/zero", "not a regular file")


def test_file_that_is_not_a_model_is_an_error_naming_it(tmp_path):
    path = tmp_path / "model.h5"
    path.write_text("this is not HDF5")
    with pytest.raises(hlsnn.Error) as caught:
        convert(str(path), tmp_path / "prj")
    assert_short_error(caught, str(path))


@pytest.mark.parametrize(
    "config_json",
    ['{"class_name": "Functional", "config": {"layers": [', "[1, 2, 3]", "not json at all"],
)
def test_malformed_model_json_in_a_keras_archive_is_an_error(saved, tmp_path, config_json):
    path = tmp_path / "broken.keras"
    with zipfile.ZipFile(saved[".keras"]) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, config_json if item.filename == "config.json" else data)
    with pytest.raises(hlsnn.Error) as caught:
        convert(str(path), tmp_path / "prj")
    assert_short_error(caught, "config.json")


def test_unsupported_layers_from_a_file_are_listed_together(tmp_path):
    model = keras.Sequential(
        [
            keras.Input((6,)),
            keras.layers.LayerNormalization(name="norm_a"),
            keras.layers.Dense(4, name="fine"),
            keras.layers.UnitNormalization(name="norm_b"),
        ]
    )
    path = tmp_path / "unsupported.keras"
    model.save(path)
    with pytest.raises(hlsnn.Error) as caught:
        convert(str(path), tmp_path / "prj")
    assert_short_error(caught, "norm_a", "LayerNormalization", "norm_b", "UnitNormalization")


@pytest.mark.parametrize(
    "layer, fragment",
    [
        (lambda: keras.layers.ReLU(threshold=0.5, name="odd_relu"), "threshold 0.5"),
        (lambda: keras.layers.ReLU(max_value=3.0, name="odd_relu"), "max_value 3"),
    ],
)
def test_relu_parameters_without_a_kernel_are_refused_by_name(tmp_path, layer, fragment):
    inputs = keras.Input((4,), name="x")
    model = keras.Model(inputs, layer()(inputs))
    with pytest.raises(hlsnn.Error) as caught:
        convert(model, tmp_path / "prj")
    assert_short_error(caught, "odd_relu", fragment, "not supported")


@pytest.mark.parametrize(
    "config, fragments",
    [
        ({"Modle": {"ReuseFactor": 1}}, ["Modle", "Model"]),
        ({"Model": {"Strategy": "LATENCY"}}, ["LATENCY", "Latency"]),
        ({"Model": {"Precision": "fixed<16"}}, ["fixed<16"]),
        ({"Model": {"Precision": {"default": 16}}}, ["default"]),
        ({"Model": {"ReuseFactor": "two"}}, ["ReuseFactor"]),
        ({"Model": {"ReuseFactor": 5}, "LayerName": {"dense": {"ReuseFactor": 5}}}, ["5", "4, 12"]),
        ({"Model": {}, "LayerName": {"no_such_layer": {}}}, ["no_such_layer"]),
    ],
)
def test_bad_config_is_an_error_naming_the_key(tmp_path, config, fragments):
    with pytest.raises(hlsnn.Error) as caught:
        convert(small_model(), tmp_path / "prj", config)
    assert_short_error(caught, *fragments)


HOSTILE_NAMES = ['a"; system("rm -rf /"); //', "../escape", "größe_層", "1st layer", "x */ y\nz"]


def renamed(model, old, new):
    """The model's JSON and weights, as the converter hands them to the core, with layer `old`
    renamed `new`: Keras itself refuses most of these names, model files need not."""
    model_json, weights, keras_major = model_json_and_weights(model)
    model_json = model_json.replace(json.dumps(old), json.dumps(new))
    weights[new] = weights.pop(old)
    return model_json, weights, keras_major


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_layer_names_never_reach_code_or_paths_unescaped(tmp_path, name):
    model = small_model()
    project = tmp_path / "nested" / "prj"
    settings = dict(
        output_dir=project,
        project_name="myproject",
        backend="Vivado",
        part="xcvu13p-flga2577-2-e",
        clock_period=5.0,
        io_type="io_parallel",
        hls_dir=hlsnn.hls_include_dir().parent,
    )
    try:
        core = _Model.from_keras_json(*renamed(model, "dense", name), json.dumps(WIDE), settings)
        hls_model = ModelGraph(core)
        hls_model.compile()
    except hlsnn.Error as refused:  # refusing the name is fine when the message names it
        assert_short_error(refused_info(refused), "layer")
        return
    x = np.random.default_rng(0).uniform(-1, 1, (8, 4))
    np.testing.assert_allclose(hls_model.predict(x), model.predict(x, verbose=0), atol=1e-3)
    _, traced = hls_model.trace(x)
    assert name in traced  # trace keys keep the model's own names
    written = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert all(project in path.parents for path in written), written
    for path in written:
        if path.suffix not in (".h", ".cpp", ".tcl"):
            continue
        text = path.read_text(errors="replace")
        assert 'system("rm' not in text, path
        # The name may appear only quoted inside a line comment, never as code.
        for line in text.splitlines():
            if name.splitlines()[0] in line:
                assert "//" in line and line.index("//") < line.index(name.splitlines()[0]), line
        assert "*/ y" not in text, path


def refused_info(error):
    """A pytest.ExceptionInfo for an exception caught by hand."""
    return pytest.ExceptionInfo.from_exc_info((type(error), error, error.__traceback__))


def test_foreign_output_folder_is_refused_unless_overwrite(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")
    hls_model = convert(small_model(), folder)
    with pytest.raises(hlsnn.Error) as caught:
        hls_model.compile()
    assert_short_error(caught, str(folder), "overwrite")
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]

    hls_model.write(overwrite=True)
    hls_model.compile()
    assert (folder / "notes.txt").read_text() == "keep me"
    # A second write into what is now an hlsnn project needs no overwrite and still keeps it.
    convert(small_model(), folder).write()
    assert (folder / "notes.txt").read_text() == "keep me"
    shutil.rmtree(folder)


def test_non_finite_inputs_saturate_into_a_saturating_input_type(tmp_path):
    """README: NaN and +-Inf become the type's extreme values for saturating types, NaN by its
    sign bit (a positive NaN goes to the maximum)."""
    model = small_model()
    config = hlsnn.utils.config_from_keras_model(model, granularity="name")
    config["LayerName"]["x"]["Precision"]["result"] = "fixed<16,6,TRN,SAT>"
    hls_model = convert(model, tmp_path / "prj", config)
    x = np.zeros((4, 4))
    x[0, 1], x[1, 2], x[2, 0], x[3, 3] = np.inf, -np.inf, np.nan, -np.nan
    largest = np.zeros((4, 4))
    largest[0, 1], largest[1, 2], largest[2, 0], largest[3, 3] = 1e9, -1e9, 1e9, -1e9
    np.testing.assert_array_equal(hls_model.predict(x), hls_model.predict(largest))
    assert np.all(np.isfinite(hls_model.predict(x)))


@pytest.mark.parametrize(
    "x, message",
    [
        (np.zeros((2, 3)), r"\(4,\)"),
        (np.zeros((2, 2, 2)), r"\(4,\)"),
        (np.array(["a", "b", "c", "d"]), "float32 or float64"),
        (np.zeros(4, dtype=np.complex64), "float32 or float64"),
    ],
)
def test_wrong_input_is_a_value_error_naming_the_expected_shape(tmp_path_factory, x, message):
    hls_model = convert(small_model(), tmp_path_factory.mktemp("shapes"))
    with pytest.raises(ValueError, match=message):
        hls_model.predict(x)
