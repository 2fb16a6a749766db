"""hlsnn's C++ readers of Keras model files, checked against the real Keras of the environment the
tests run in (.venv-keras2: TensorFlow 2.14 + QKeras; .venv-keras3: Keras 3 on JAX): models with
random weights are saved by Keras, read back by hlsnn, and must give exactly the JSON and the
weights Keras holds in memory. Damaged real files must give a clear error naming the file.
"""

import json
import os
import re
import shutil
import zipfile

import numpy as np
import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # keep TensorFlow's start-up chatter out
keras = pytest.importorskip("keras")
core = pytest.importorskip("hlsnn._core")
if not hasattr(core, "_read_keras_file"):
    pytest.skip("hlsnn was built without the Keras file readers", allow_module_level=True)

KERAS_MAJOR = int(keras.__version__.split(".")[0])
# Keras 2 writes .keras archives too (since 2.12), in a layout of its own version.
MODEL_SUFFIXES = [".h5", ".keras"]
READ_ERRORS = (RuntimeError, ValueError)


def randomize_weights(model, seed=0):
    """Random values everywhere, so that any mix-up of arrays of equal shape is seen."""
    rng = np.random.default_rng(seed)
    model.set_weights(
        [rng.normal(size=weight.shape).astype(weight.dtype) for weight in model.get_weights()]
    )
    return model


def sequential_model():
    return keras.Sequential(
        [
            keras.Input((8,)),
            keras.layers.Dense(6, activation="relu", name="hidden"),
            keras.layers.BatchNormalization(name="norm"),
            keras.layers.Dense(3, activation="softmax", use_bias=False, name="logits"),
        ],
        name="plain_sequential",
    )


def nested_multi_io_model():
    """Two inputs, two outputs, a nested Sequential and a nested Functional model. The Sequential's
    BatchNormalization sits between two Dense layers: the legacy .h5 layout stores its moving
    statistics after the second Dense, while layer.get_weights() returns them in place."""
    inner = keras.Sequential(
        [
            keras.Input((4,)),
            keras.layers.Dense(5, name="inner_dense"),
            keras.layers.BatchNormalization(name="inner_norm"),
            keras.layers.Dense(3, name="inner_out"),
        ],
        name="inner",
    )
    side_input = keras.Input((6,), name="side_input")
    side_output = keras.layers.BatchNormalization(name="side_norm")(
        keras.layers.Dense(3, activation="tanh", name="side_dense")(side_input)
    )
    side = keras.Model(side_input, side_output, name="side")
    left = keras.Input((4,), name="left")
    right = keras.Input((6,), name="right")
    merged = keras.layers.Concatenate(name="merge")([inner(left), side(right)])
    score = keras.layers.Dense(1, name="score")(merged)
    label = keras.layers.Dense(4, activation="softmax", name="label")(merged)
    return keras.Model([left, right], [score, label], name="two_heads")


def qkeras_model():
    qkeras = pytest.importorskip("qkeras")
    inputs = keras.Input((8, 8, 1), name="image")
    x = qkeras.QConv2D(
        4,
        3,
        kernel_quantizer=qkeras.quantized_bits(6, 0, alpha=1),
        bias_quantizer=qkeras.quantized_bits(6, 0, alpha=1),
        name="qconv",
    )(inputs)
    x = qkeras.QActivation("quantized_relu(4,0)", name="qrelu")(x)
    x = keras.layers.Flatten(name="flatten")(x)
    outputs = qkeras.QDense(
        3,
        kernel_quantizer=qkeras.quantized_bits(8, 0, alpha=1),
        bias_quantizer=qkeras.quantized_bits(8, 0, alpha=1),
        name="qdense",
    )(x)
    return keras.Model(inputs, outputs, name="quantized")


# Keys of a serialized object that say how to rebuild it rather than what it is. The files leave
# some out that model.to_json() writes: legacy .h5 files (Keras 2.13+ and 3) keep layer entries in
# the old {"class_name", "config"} form, and .keras archives add "shared_object_id" (a Python id())
# to objects that several layers share, such as the DTypePolicy.
SERIALIZATION_KEYS = {"module", "registered_name", "build_config", "compile_config"}


def without_serialization_keys(value):
    if isinstance(value, dict):
        dropped = SERIALIZATION_KEYS if "class_name" in value else set()
        return {
            key: without_serialization_keys(item)
            for key, item in value.items()
            if key not in dropped and key != "shared_object_id"
        }
    if isinstance(value, list):
        return [without_serialization_keys(item) for item in value]
    return value


def architecture(json_text):
    """A model JSON reduced to what describes the model, so that a file's JSON and to_json() can
    be compared (Keras 2's to_json() also adds the writer's version and backend)."""
    document = without_serialization_keys(json.loads(json_text))
    return {"class_name": document["class_name"], "config": document["config"]}


def variable_names(layer):
    """How legacy .h5 files name a layer's weights: the TF variable name (Keras 2) or the
    variable path (Keras 3)."""
    return [getattr(variable, "path", variable.name) for variable in layer.weights]


def assert_matches_model(weights_by_layer, model, suffix):
    assert set(weights_by_layer) == {layer.name for layer in model.layers}
    for layer in model.layers:
        named_arrays = weights_by_layer[layer.name]
        expected = layer.get_weights()
        assert [array.shape for _, array in named_arrays] == [w.shape for w in expected], layer.name
        for (name, array), expected_array in zip(named_arrays, expected):
            assert array.dtype == np.float64
            np.testing.assert_array_equal(array, expected_array.astype(np.float64), err_msg=name)
        names = [name for name, _ in named_arrays]
        if suffix == ".h5":
            assert names == variable_names(layer)
        else:
            assert all(name.startswith(layer.name + "/") for name in names), names


def save(model, directory, suffix, stem="model"):
    path = directory / (stem + suffix)
    model.save(str(path))
    return path


@pytest.mark.parametrize("suffix", MODEL_SUFFIXES)
@pytest.mark.parametrize(
    "build", [sequential_model, nested_multi_io_model], ids=lambda f: f.__name__
)
def test_model_file_gives_back_the_json_and_every_weight(tmp_path, build, suffix):
    model = randomize_weights(build())
    path = save(model, tmp_path, suffix)

    major, config_json, weights_by_layer = core._read_keras_file(path)

    assert major == KERAS_MAJOR
    assert architecture(config_json) == architecture(model.to_json())
    assert_matches_model(weights_by_layer, model, suffix)


def test_qkeras_model_h5_gives_back_the_json_and_every_weight(tmp_path):
    if KERAS_MAJOR >= 3:
        pytest.skip("QKeras needs Keras 2")
    model = randomize_weights(qkeras_model())
    path = save(model, tmp_path, ".h5")

    major, config_json, weights_by_layer = core._read_keras_file(str(path))

    assert major == 2
    assert architecture(config_json) == architecture(model.to_json())
    layers = {layer["name"]: layer for layer in json.loads(config_json)["config"]["layers"]}
    assert layers["qdense"]["config"]["kernel_quantizer"]["class_name"] == "quantized_bits"
    assert_matches_model(weights_by_layer, model, ".h5")


def test_unzipped_keras_directory_reads_like_the_archive(tmp_path):
    model = randomize_weights(nested_multi_io_model())
    archive = save(model, tmp_path, ".keras")
    directory = tmp_path / "unzipped"
    with zipfile.ZipFile(archive) as members:
        members.extractall(directory)

    major, config_json, weights_by_layer = core._read_keras_file(directory)

    assert major == KERAS_MAJOR
    assert architecture(config_json) == architecture(model.to_json())
    assert_matches_model(weights_by_layer, model, ".keras")


@pytest.mark.parametrize(
    "build", [sequential_model, nested_multi_io_model], ids=lambda f: f.__name__
)
def test_weights_file_reads_with_the_model_json(tmp_path, build):
    model = randomize_weights(build())
    # `.weights.h5` is the only suffix Keras 3 accepts; Keras 2.14 writes the same new layout
    # for it (under its own group names), and its old layout for a plain `.h5`.
    suffixes = [".weights.h5"] if KERAS_MAJOR >= 3 else [".weights.h5", ".h5"]
    for suffix in suffixes:
        path = tmp_path / ("weights" + suffix)
        model.save_weights(str(path))

        weights_by_layer = core._read_keras_weights_file(path, model.to_json())

        assert_matches_model(weights_by_layer, model, ".h5" if suffix == ".h5" else ".keras")


# --- Damaged and wrong files: the error names the file and says what is wrong. ---------------


def assert_read_error(path, *message_patterns, read=None):
    """Reading `path` fails with a message that names the file and matches every pattern."""
    with pytest.raises(READ_ERRORS) as caught:
        (read or core._read_keras_file)(path)
    message = str(caught.value)
    assert str(path) in message, message
    for pattern in message_patterns:
        assert re.search(pattern, message), message


def cut_in_half(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize("suffix", MODEL_SUFFIXES)
def test_truncated_model_file_is_reported_as_damaged(tmp_path, suffix):
    path = save(randomize_weights(sequential_model()), tmp_path, suffix)
    cut_in_half(path)
    assert_read_error(path, "truncated or damaged")


def test_missing_file_is_reported(tmp_path):
    assert_read_error(tmp_path / "absent.h5", "does not exist")


def test_weights_only_file_handed_as_a_model_is_reported(tmp_path):
    path = tmp_path / "model.weights.h5"
    randomize_weights(sequential_model()).save_weights(str(path))
    assert_read_error(path, "holds only weights", "model.to_json")


def rewrite_archive(source, target, drop=(), replace=None):
    """Copies a .keras archive, leaving out the members in `drop` and replacing the contents of
    the members in `replace`."""
    replace = replace or {}
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for member in original.namelist():
            if member not in drop:
                copy.writestr(member, replace.get(member, original.read(member)))


@pytest.mark.parametrize(
    ("member", "message"),
    [("config.json", "no config.json"), ("model.weights.h5", "no model.weights.h5")],
)
def test_keras_archive_without_a_member_is_reported(tmp_path, member, message):
    source = save(randomize_weights(sequential_model()), tmp_path, ".keras")
    damaged = tmp_path / "damaged.keras"
    rewrite_archive(source, damaged, drop=[member])
    assert_read_error(damaged, message)


def test_keras_archive_whose_config_renames_a_layer_is_reported(tmp_path):
    if KERAS_MAJOR < 3:
        pytest.skip("only Keras >= 3.6 records layer names next to the weights")
    source = save(randomize_weights(sequential_model()), tmp_path, ".keras")
    with zipfile.ZipFile(source) as original:
        config = original.read("config.json").decode()
    damaged = tmp_path / "renamed.keras"
    rewrite_archive(source, damaged, replace={"config.json": config.replace('"hidden"', '"other"')})
    assert_read_error(damaged, "holds the weights of layer 'hidden'", "'other'")


def test_layer_of_the_config_without_weights_group_is_reported(tmp_path):
    path = tmp_path / "weights.weights.h5"
    randomize_weights(sequential_model()).save_weights(str(path))
    bigger = sequential_model()
    bigger.add(keras.layers.Dense(2, name="extra"))
    assert_read_error(
        path,
        "layer 'extra'",
        "no weights group",
        read=lambda file: core._read_keras_weights_file(file, bigger.to_json()),
    )


def test_weights_of_a_wrong_dtype_are_reported(tmp_path):
    h5py = pytest.importorskip("h5py")
    path = save(randomize_weights(sequential_model()), tmp_path, ".h5")
    with h5py.File(path, "r+") as file:
        group = file["model_weights/hidden"]
        weight_name = group.attrs["weight_names"][0]
        weight_name = weight_name.decode() if isinstance(weight_name, bytes) else weight_name
        del group[weight_name]
        group[weight_name] = np.array([b"not", b"numbers"])
    assert_read_error(path, "unsupported dtype", re.escape(weight_name))


def test_a_copy_in_another_directory_reads_the_same(tmp_path):
    """The reader depends on the file's content only, not on its name or place."""
    model = randomize_weights(sequential_model())
    path = save(model, tmp_path, MODEL_SUFFIXES[-1])
    copy = tmp_path / "copy with spaces" / "model.bin"
    copy.parent.mkdir()
    shutil.copy(path, copy)
    _, _, weights_by_layer = core._read_keras_file(copy)
    assert_matches_model(weights_by_layer, model, MODEL_SUFFIXES[-1])
