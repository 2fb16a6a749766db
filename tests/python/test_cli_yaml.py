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


def test_config_from_architecture_json_and_weights(saved_model, tmp_path):
    """The form most published models come in: `hlsnn config -m model.json -w weights.h5`, then
    `hlsnn convert` of the YAML it writes (KerasJson + KerasH5, WriterConfig, InputData)."""
    model, _ = saved_model
    (tmp_path / "model.json").write_text(model.to_json())
    weights = tmp_path / ("weights.h5" if keras.__version__ < "3" else "model.weights.h5")
    model.save_weights(weights)
    x = np.random.default_rng(2).uniform(-1, 1, (7, 4)).astype(np.float32)
    np.save(tmp_path / "x.npy", x)
    run = [str(HLSNN), "config", "-m", "model.json", "-w", weights.name, "-g", "name", "-d", "prj"]
    subprocess.run([*run, "-o", "cfg.yml"], cwd=tmp_path, check=True)
    text = (tmp_path / "cfg.yml").read_text()
    assert "KerasJson: model.json" in text and "WriterConfig:" in text
    with open(tmp_path / "cfg.yml", "a") as config:
        config.write("InputData: x.npy\n")
    subprocess.run([str(HLSNN), "convert", "-c", "cfg.yml"], cwd=tmp_path, check=True)
    assert len((tmp_path / "prj" / "tb_data" / "tb_input_features.dat").read_text().split()) == 28
    converted = hlsnn.converters.convert_from_config(str(tmp_path / "cfg.yml"))
    np.testing.assert_allclose(converted.predict(x), model.predict(x, verbose=0), atol=0.05)

    missing = subprocess.run(
        [str(HLSNN), "config", "-m", "model.json"], cwd=tmp_path, capture_output=True, text=True
    )
    assert missing.returncode != 0
    assert "model.json: an architecture JSON needs the weights file" in missing.stderr
    wrong = subprocess.run(
        [str(HLSNN), "config", "-m", "model.json", "-w", "nope.h5"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert wrong.returncode != 0 and "weights of model.json" in wrong.stderr
    assert "nope.h5" in wrong.stderr


def test_yaml_writer_keys_shape_the_project_the_command_writes(saved_model, tmp_path):
    """hls4ml's WriterConfig, ClockUncertainty, InputData / OutputPredictions and Version keys in a
    YAML file, applied by `hlsnn convert`; the namespaced project then compiles and predicts."""
    model, model_path = saved_model
    x = np.random.default_rng(4).uniform(-1, 1, (6, 4)).astype(np.float32)
    np.save(tmp_path / "x.npy", x)
    np.save(tmp_path / "y.npy", model.predict(x, verbose=0))
    project = {
        "KerasH5": str(model_path),
        "OutputDir": "prj",
        "ClockUncertainty": "0.4",
        "Version": "1.0.0",
        "InputData": "x.npy",
        "OutputPredictions": "y.npy",
        "WriterConfig": {
            "Namespace": "published",
            "WriteWeightsTxt": True,
            "WriteTar": True,
            "TBOutputStream": "file",
            "WriteEmulationConstants": True,
        },
        "HLSConfig": {"Model": {"Precision": "fixed<24,10>", "ReuseFactor": 1}},
    }
    hlsnn.converters.write_yaml_config(project, tmp_path / "cfg.yml")
    subprocess.run([str(HLSNN), "convert", "-c", "cfg.yml"], cwd=tmp_path, check=True)
    firmware = tmp_path / "prj" / "firmware"
    assert "namespace published {" in (firmware / "myproject.cpp").read_text()
    assert "myproject_emulator(inputs_t& inputs" in (firmware / "myproject.h").read_text()
    assert len((firmware / "weights" / "yes_weight.txt").read_text().split(",")) == 5 * 3
    assert "set_clock_uncertainty {0.4}" in (tmp_path / "prj" / "build_prj.tcl").read_text()
    tb_data = tmp_path / "prj" / "tb_data"
    assert len((tb_data / "tb_input_features.dat").read_text().splitlines()) == 6
    assert len((tb_data / "tb_output_predictions.dat").read_text().splitlines()) == 6
    assert (tmp_path / "prj.tar.gz").is_file()
    subprocess.run(
        [str(HLSNN), "-q", "predict", "-p", "prj", "-i", "x.npy", "-o", "y_hls.npy"],
        cwd=tmp_path,
        check=True,
    )
    expected = hlsnn.converters.convert_from_config(str(tmp_path / "cfg.yml")).predict(x)
    np.testing.assert_array_equal(np.load(tmp_path / "y_hls.npy"), expected)

    project["WriterConfig"] = {"WriteTarball": True}
    hlsnn.converters.write_yaml_config(project, tmp_path / "typo.yml")
    typo = subprocess.run(
        [str(HLSNN), "convert", "-c", "typo.yml"], cwd=tmp_path, capture_output=True, text=True
    )
    assert typo.returncode != 0 and "Traceback" not in typo.stderr
    assert "unknown WriterConfig key 'WriteTarball'" in typo.stderr and "typo.yml" in typo.stderr
    assert "WriteTar" in typo.stderr.split("valid keys are")[1]
