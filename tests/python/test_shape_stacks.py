"""Realistic stacks of the shape layers, saved by real Keras and converted by the `hlsnn` command
alone (config, convert, compile, predict: no Python in the conversion): a convolutional
autoencoder with ZeroPadding, UpSampling and Cropping, and a model that concatenates the channels
of two convolutional branches. Each agrees with Keras within its types' error and gives the same
bits as the project Python converts from the live model with the same config."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
keras = pytest.importorskip("keras")

import hlsnn  # noqa: E402

HLSNN = Path(sys.executable).parent / "hlsnn"
# 14 fractional bits: through a few layers of a few dozen terms each, Keras' float32 results
# stay within 2^-6 of the fixed-point ones.
PRECISION = "fixed<24,10>"
SAMPLES = 32


def autoencoder():
    """12x12 images padded to 16x16, encoded to 8x8x2 and decoded back, cropped to 12x12."""
    L = keras.layers
    x = keras.Input((12, 12, 1), name="image")
    h = L.ZeroPadding2D(2, name="pad")(x)
    h = L.Conv2D(6, 3, padding="same", activation="relu", name="encode")(h)
    h = L.MaxPooling2D(2, name="pool")(h)
    h = L.Conv2D(2, 3, padding="same", activation="relu", name="code")(h)
    h = L.UpSampling2D(2, name="upsample")(h)
    h = L.Conv2D(1, 3, padding="same", name="decode")(h)
    y = L.Cropping2D(2, name="crop")(h)
    return keras.Model(x, y, name="autoencoder")


def branches():
    """A 3x3 and a 1x1 convolution of the same image, the 1x1 cropped to the 3x3's size, their
    channels concatenated, then a 1x1 convolution, Flatten and a Dense head."""
    L = keras.layers
    x = keras.Input((10, 10, 3), name="image")
    wide = L.Conv2D(4, 3, activation="relu", name="wide")(x)
    narrow = L.Cropping2D(1, name="align")(L.Conv2D(3, 1, activation="relu", name="narrow")(x))
    joined = L.Concatenate(axis=-1, name="channels")([wide, narrow])
    mixed = L.Conv2D(2, 1, name="mix")(joined)
    y = L.Dense(3, name="head")(L.Flatten(name="flatten")(mixed))
    return keras.Model(x, y, name="branches")


def run(*args, cwd):
    result = subprocess.run([str(HLSNN), *map(str, args)], capture_output=True, text=True, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module", params=[autoencoder, branches], ids=lambda f: f.__name__)
def stack(request, tmp_path_factory):
    """(keras model, inputs, what the CLI predicted from the saved file, its directory)."""
    keras.utils.set_random_seed(5)
    model = request.param()
    rng = np.random.default_rng(9)
    model.set_weights([rng.uniform(-0.5, 0.5, w.shape) for w in model.get_weights()])
    directory = tmp_path_factory.mktemp(model.name)
    model.save(directory / "model.h5")
    x = rng.uniform(-1, 1, (SAMPLES, *model.input_shape[1:]))
    np.save(directory / "x.npy", x)
    run("config", "-m", "model.h5", "-x", PRECISION, "-o", "project.yml", cwd=directory)
    run("convert", "-c", "project.yml", cwd=directory)
    run("compile", "-p", "my-hls-test", cwd=directory)
    run("predict", "-p", "my-hls-test", "-i", "x.npy", "-o", "y.npy", cwd=directory)
    return model, x, np.load(directory / "y.npy"), directory


def test_the_command_line_project_agrees_with_keras(stack):
    model, x, predicted, _ = stack
    expected = model.predict(x, verbose=0)
    assert predicted.shape == expected.shape
    np.testing.assert_allclose(predicted, expected, atol=2**-6)


def test_python_converts_the_live_model_to_the_same_bits(stack):
    model, x, predicted, directory = stack
    config = hlsnn.converters.parse_yaml_config(directory / "project.yml")["HLSConfig"]
    live = hlsnn.converters.convert_from_keras_model(
        model, output_dir=str(directory / "live"), hls_config=config
    )
    np.testing.assert_array_equal(live.predict(x), predicted)
