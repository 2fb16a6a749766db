"""A QKeras model saved as .h5 (tests/python/data/qkeras_mlp.h5: po2 kernels, a
QBatchNormalization with fewer than 8 channels, binary kernels, a ternary activation, see
make_qkeras_fixture.py) converts with no QKeras installed, from Python and from the command line,
and predicts what QKeras predicted when the file was written (stored next to it). Runs in both
Keras environments: the Keras 3 one has no QKeras at all."""

import subprocess
import sys
from pathlib import Path

import hlsnn
import numpy as np

DATA = Path(__file__).parent / "data"
HLSNN = Path(sys.executable).parent / "hlsnn"


def test_python_converts_the_file_without_qkeras(tmp_path):
    expected = np.load(DATA / "qkeras_mlp_expected.npz")
    model = hlsnn.converters.convert_from_keras_model(
        str(DATA / "qkeras_mlp.h5"), output_dir=str(tmp_path / "prj")
    )
    np.testing.assert_array_equal(model.predict(expected["x"]), expected["y"])


def test_cli_converts_the_file(tmp_path):
    expected = np.load(DATA / "qkeras_mlp_expected.npz")

    def run(*args):
        subprocess.run([str(HLSNN), *map(str, args)], capture_output=True, text=True, check=True)

    run("config", "-m", DATA / "qkeras_mlp.h5", "-g", "name", "-o", tmp_path / "prj.yml")
    config = hlsnn.converters.parse_yaml_config(tmp_path / "prj.yml")
    config["OutputDir"] = str(tmp_path / "cli_prj")
    hlsnn.converters.write_yaml_config(config, tmp_path / "prj.yml")
    run("convert", "-c", tmp_path / "prj.yml")
    np.save(tmp_path / "x.npy", expected["x"])
    run("compile", "-p", tmp_path / "cli_prj")
    run("predict", "-p", tmp_path / "cli_prj", "-i", tmp_path / "x.npy", "-o", tmp_path / "y.npy")
    np.testing.assert_array_equal(np.load(tmp_path / "y.npy"), expected["y"])
