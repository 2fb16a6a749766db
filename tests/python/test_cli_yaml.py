"""YAML project configs from Python with the reference's keys: convert_from_config from a file or
a dict, and write_yaml_config, whose output reads back unchanged (in hlsnn, the `hlsnn` command
and PyYAML) even for strings that look like numbers, bools or null."""

import subprocess
import sys
from pathlib import Path

import hlsnn
import numpy as np
import pytest

keras = pytest.importorskip("keras")

HLSNN = Path(sys.executable).parent / "hlsnn"
TRICKY = ["1e5", "yes", "null", "007", "on", "True", "~", "0x1F", "-.inf"]


@pytest.fixture(scope="module")
def saved_model(tmp_path_factory):
    """A model whose layer names a careless YAML writer would turn into numbers and bools."""
    keras.utils.set_random_seed(11)
    model = keras.Sequential(
        [
            keras.Input((4,)),
            keras.layers.Dense(5, activation="relu", name="1e5"),
            keras.layers.Dense(3, name="yes"),
        ]
    )
    folder = tmp_path_factory.mktemp("yaml")
    model.save(folder / "model.h5" if keras.__version__ < "3" else folder / "model.keras")
    path = next(folder.glob("model.*"))
    return model, path


def test_write_yaml_round_trip_keeps_strings(tmp_path):
    config = {
        "HLSConfig": {
            "LayerName": {name: {"Precision": {"result": "fixed<16,6>"}} for name in TRICKY},
            "Model": {"ReuseFactor": 4, "Strategy": "Latency", "Flag": True, "Nothing": None},
        },
        "Strings": TRICKY,
        "ClockPeriod": 2.5,
    }
    path = tmp_path / "cfg.yml"
    hlsnn.converters.write_yaml_config(config, path)
    assert hlsnn.converters.parse_yaml_config(path) == config
    yaml = pytest.importorskip("yaml")
    assert yaml.safe_load(path.read_text()) == config


def test_convert_from_yaml_file_and_dict(saved_model, tmp_path):
    model, model_path = saved_model
    hls_config = hlsnn.utils.config_from_keras_model(
        model, granularity="name", default_precision="fixed<24,10>"
    )
    assert set(TRICKY[:2]) <= set(hls_config["LayerName"])
    x = np.random.default_rng(2).uniform(-1, 1, (9, 4))
    expected = hlsnn.converters.convert_from_keras_model(
        model, output_dir=str(tmp_path / "direct"), hls_config=hls_config
    ).predict(x)

    # A YAML file in another folder: relative paths resolve against the file's folder.
    folder = tmp_path / "configs"
    folder.mkdir()
    (folder / model_path.name).write_bytes(model_path.read_bytes())
    project = {
        "KerasH5": model_path.name,
        "OutputDir": "from-yaml",
        "ProjectName": "myproject",
        "Part": "xcvu9p-flga2104-2L-e",
        "ClockPeriod": 5,
        "IOType": "io_parallel",
        "Backend": "Vivado",
        "HLSConfig": hls_config,
    }
    hlsnn.converters.write_yaml_config(project, folder / "project.yml")
    from_file = hlsnn.converters.convert_from_config(str(folder / "project.yml"))
    np.testing.assert_array_equal(from_file.predict(x), expected)
    assert (folder / "from-yaml").is_dir()

    # The `hlsnn` command reads the same file to the same project.
    if HLSNN.is_file():
        result = subprocess.run(
            [str(HLSNN), "convert", "-c", str(folder / "project.yml")],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr

    live = hlsnn.converters.convert_from_config(
        {"KerasModel": model, "OutputDir": str(tmp_path / "live"), "HLSConfig": hls_config}
    )
    np.testing.assert_array_equal(live.predict(x), expected)
    from_dict = hlsnn.converters.convert_from_config(
        {**project, "KerasH5": str(model_path), "OutputDir": str(tmp_path / "dict")}
    )
    np.testing.assert_array_equal(from_dict.predict(x), expected)


def test_config_errors(tmp_path, saved_model):
    _, model_path = saved_model
    with pytest.raises(hlsnn.Error, match="unknown key 'OutputDirectory'"):
        hlsnn.converters.convert_from_config({"KerasH5": str(model_path), "OutputDirectory": "x"})
    with pytest.raises(hlsnn.Error, match="config file does not exist"):
        hlsnn.converters.convert_from_config(str(tmp_path / "absent.yml"))
    # Issue 15: read by the core, so never forever (/dev/zero) nor into a cycle.
    with pytest.raises(hlsnn.Error, match="not a regular file"):
        hlsnn.converters.parse_yaml_config("/dev/zero")
    (tmp_path / "cycle.yml").write_text("KerasH5: m.h5\nHLSConfig: &a\n  Model: *a\n")
    with pytest.raises(hlsnn.Error, match="cycle"):
        hlsnn.converters.convert_from_config(str(tmp_path / "cycle.yml"))
    (tmp_path / "bad.yml").write_text("KerasH5: [unclosed\n")
    with pytest.raises(hlsnn.Error, match="not valid YAML"):
        hlsnn.converters.convert_from_config(str(tmp_path / "bad.yml"))
