"""QKeras models saved as .h5 (tests/python/data, see make_qkeras_fixture.py: qkeras_mlp with po2
kernels, a QBatchNormalization with fewer than 8 channels, binary kernels, a ternary activation;
qkeras_cnn with QConv2D, QDepthwiseConv2D, QAveragePooling2D, QConv2DBatchnorm, QSeparableConv2D,
QGlobalAveragePooling2D) convert with no QKeras installed, from Python and from the command line,
and predict what QKeras predicted when the file was written (stored next to it). Runs in both
Keras environments: the Keras 3 one has no QKeras at all."""

import subprocess
import sys
from pathlib import Path

import hlsnn
import numpy as np
import pytest

DATA = Path(__file__).parent / "data"
HLSNN = Path(sys.executable).parent / "hlsnn"
FIXTURES = ["qkeras_mlp", "qkeras_cnn"]


@pytest.mark.parametrize("name", FIXTURES)
def test_python_converts_the_file_without_qkeras(tmp_path, name):
    expected = np.load(DATA / f"{name}_expected.npz")
    model = hlsnn.converters.convert_from_keras_model(
        str(DATA / f"{name}.h5"), output_dir=str(tmp_path / "prj")
    )
    np.testing.assert_array_equal(model.predict(expected["x"]), expected["y"])


@pytest.mark.parametrize("name", FIXTURES)
def test_cli_converts_the_file(tmp_path, name):
    expected = np.load(DATA / f"{name}_expected.npz")

    def run(*args):
        subprocess.run([str(HLSNN), *map(str, args)], capture_output=True, text=True, check=True)

    run("config", "-m", DATA / f"{name}.h5", "-g", "name", "-o", tmp_path / "prj.yml")
    config = hlsnn.converters.parse_yaml_config(tmp_path / "prj.yml")
    config["OutputDir"] = str(tmp_path / "cli_prj")
    hlsnn.converters.write_yaml_config(config, tmp_path / "prj.yml")
    run("convert", "-c", tmp_path / "prj.yml")
    np.save(tmp_path / "x.npy", expected["x"])
    run("compile", "-p", tmp_path / "cli_prj")
    run("predict", "-p", tmp_path / "cli_prj", "-i", tmp_path / "x.npy", "-o", tmp_path / "y.npy")
    np.testing.assert_array_equal(np.load(tmp_path / "y.npy"), expected["y"])
