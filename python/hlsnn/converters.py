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
_IGNORED_KEYWORDS = {"input_data_tb", "output_data_tb", "allow_da_fallback"}

# hls4ml's Model section when no hls_config is given.
_DEFAULT_MODEL_CONFIG = {"Precision": "fixed<16,6>", "ReuseFactor": 1, "Strategy": "Latency"}


def convert_from_keras_model(
    model,
    output_dir="my-hls-test",
    project_name="myproject",
    backend="Vivado",
    hls_config=None,
    part="xcvu13p-flga2577-2-e",
    clock_period=5,
    io_type="io_parallel",
    bit_exact=None,
    **kwargs,
):
    """Converts a live Keras 2 / Keras 3 model, or the path of a saved one (.h5, .keras), into a
    model that writes, compiles, predicts, traces and builds the HLS project.

    bit_exact=True means what it means in hls4ml 1.3 (its config key Model.BitExact, which the
    argument sets, as hls4ml does): every type is derived from the model inputs' quantizers by
    exact range analysis, overriding the config's result and accumulator types; each input must
    be quantized by a QActivation (quantized_bits or quantized_relu) as its only consumer. False
    keeps the config's types; None (hls4ml's default, on only for HGQ models) leaves the
    config's BitExact, if any."""
    unknown = set(kwargs) - _IGNORED_KEYWORDS
    if unknown:
        raise TypeError(f"convert_from_keras_model got unknown keyword(s): {sorted(unknown)}")
    if bit_exact is not None:
        hls_config = dict(hls_config or {"Model": dict(_DEFAULT_MODEL_CONFIG)})
        hls_config["Model"] = {**hls_config.get("Model", {}), "BitExact": bit_exact}
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
    path = Path(config_file)
    try:
        text = path.read_text()
    except OSError as error:
        raise _core.Error(f"{path}: cannot read the config file ({error.strerror})") from None
    return json.loads(_core._yaml_to_json(text, str(path)))


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
        path = Path(config)
        try:
            text = path.read_text()
        except OSError as error:
            raise _core.Error(
                f"{path}: cannot read the config file ({error.strerror})\n"
                "  hint: write one with `hlsnn config -m model.h5 -o cfg.yml`"
            ) from None
        base_dir, label = path.absolute().parent, str(path)
    else:
        config = dict(config)
        model = config.pop("KerasModel", None)
        if model is not None and not isinstance(model, (str, os.PathLike)):
            return _convert_live_model(model, config)
        if model is not None:
            config["KerasH5"] = os.fspath(model)
        text = _core._json_to_yaml(json.dumps(config, default=str))
        base_dir, label = Path.cwd(), "the config dict"
    return ModelGraph(_core._model_from_project_yaml(text, base_dir, label, _HLS_DIR))


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
