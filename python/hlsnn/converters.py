"""hls4ml.converters: Keras model (live or saved file) -> hlsnn model, directly or from a YAML
project config with the keys of `hlsnn config` (KerasH5, KerasJson, KerasModel, OutputDir,
ProjectName, Part, ClockPeriod, IOType, Backend, HLSConfig)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from hlsnn import _core
from hlsnn._core import _Model
from hlsnn._model import ModelGraph

_HLS_DIR = Path(__file__).absolute().parent / "hls"

# The config keys that name a setting of convert_from_keras_model, and that setting.
_PROJECT_KEYS = {
    "OutputDir": "output_dir",
    "ProjectName": "project_name",
    "Backend": "backend",
    "HLSConfig": "hls_config",
    "Part": "part",
    "ClockPeriod": "clock_period",
    "IOType": "io_type",
}

# hls4ml keywords that have no effect here (testbench data is not written yet).
_IGNORED_KEYWORDS = {"input_data_tb", "output_data_tb", "bit_exact", "allow_da_fallback"}


def convert_from_keras_model(
    model,
    output_dir="my-hls-test",
    project_name="myproject",
    backend="Vivado",
    hls_config=None,
    part="xcvu13p-flga2577-2-e",
    clock_period=5,
    io_type="io_parallel",
    **kwargs,
):
    """Converts a live Keras 2 / Keras 3 model, or the path of a saved one (.h5, .keras), into a
    model that writes, compiles, predicts, traces and builds the HLS project."""
    unknown = set(kwargs) - _IGNORED_KEYWORDS
    if unknown:
        raise TypeError(f"convert_from_keras_model got unknown keyword(s): {sorted(unknown)}")
    config_json = None if hls_config is None else json.dumps(hls_config)
    settings = {
        "output_dir": Path(output_dir),
        "project_name": project_name,
        "backend": backend,
        "part": part,
        "clock_period": float(clock_period),
        "io_type": io_type,
        "hls_dir": _HLS_DIR,
    }
    if isinstance(model, (str, os.PathLike)):
        core = _Model.from_keras_file(Path(model), config_json, **settings)
    else:
        from hlsnn._keras import model_json_and_weights

        model_json, weights, keras_major = model_json_and_weights(model)
        core = _Model.from_keras_json(model_json, weights, keras_major, config_json, **settings)
    return ModelGraph(core)


def parse_yaml_config(config_file) -> dict:
    """The YAML project config in `config_file` as a dict (strings that look like numbers stay
    strings when quoted, as `write_yaml_config` writes them)."""
    return json.loads(_core._yaml_file_to_json(Path(config_file)))


def write_yaml_config(config: dict, config_file):
    """Writes a project config (or any dict, e.g. an HLSConfig) as YAML that parse_yaml_config,
    `hlsnn convert -c` and PyYAML read back unchanged: strings such as a layer named `1e5`,
    `yes` or `null` are quoted. Paths and other objects are written as their text."""
    Path(config_file).write_text(_core._json_to_yaml(json.dumps(config, default=str)))


def convert_from_config(config):
    """Converts the model a project config describes: the path of a YAML file (relative paths in
    it resolve against its folder, as `hlsnn convert -c` does) or a dict (relative paths resolve
    against the working directory). A dict may hold a live Keras model under KerasModel."""
    if isinstance(config, (str, os.PathLike)):
        return ModelGraph(_core._model_from_project_file(Path(config), _HLS_DIR))
    config = dict(config)
    model = config.pop("KerasModel", None)
    if model is not None and not isinstance(model, (str, os.PathLike)):
        return _convert_live_model(model, config)
    if model is not None:
        config["KerasH5"] = os.fspath(model)
    text = _core._json_to_yaml(json.dumps(config, default=str))
    return ModelGraph(_core._model_from_project_yaml(text, Path.cwd(), "the config dict", _HLS_DIR))


def _convert_live_model(model, config):
    unknown = set(config) - set(_PROJECT_KEYS)
    if unknown:
        raise _core.Error(
            f"the config dict: unknown key(s) {sorted(unknown)}\n"
            f"  hint: valid keys with KerasModel are {', '.join(_PROJECT_KEYS)}"
        )
    settings = {_PROJECT_KEYS[key]: value for key, value in config.items()}
    if "output_dir" in settings:
        settings["output_dir"] = Path(settings["output_dir"]).absolute()
    return convert_from_keras_model(model, **settings)
