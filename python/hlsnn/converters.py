"""hls4ml.converters: Keras model (live or saved file) -> hlsnn model, directly or from a YAML
project config with the keys of `hlsnn config` (KerasH5, KerasJson, KerasModel, OutputDir,
ProjectName, Part, ClockPeriod, ClockUncertainty, IOType, Backend, HLSConfig, WriterConfig,
InputData, OutputPredictions).

hls4ml's other converters (PyTorch, ONNX, symbolic expressions, saved .fml models) have nothing
to convert here: they raise hlsnn.Error saying so."""

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
    "ClockUncertainty": "clock_uncertainty",
    "IOType": "io_type",
    "InputData": "input_data_tb",
    "OutputPredictions": "output_data_tb",
}
# WriterConfig keys and their convert_from_keras_model keywords.
_WRITER_KEYS = {
    "Namespace": "namespace",
    "WriteWeightsTxt": "write_weights_txt",
    "WriteTar": "write_tar",
    "TBOutputStream": "tb_output_stream",
    "WriteEmulationConstants": "write_emulation_constants",
}

# hls4ml keywords that have no effect here: the Keras 3 fallbacks to hls4ml's own layer
# handlers, which hlsnn does not have.
_IGNORED_KEYWORDS = {"allow_da_fallback", "allow_v2_fallback"}

# hls4ml's Model section when no hls_config is given.
_DEFAULT_MODEL_CONFIG = {"Precision": "fixed<16,6>", "ReuseFactor": 1, "Strategy": "Latency"}


def convert_from_keras_model(
    model,
    output_dir="my-hls-test",
    project_name="myproject",
    input_data_tb=None,
    output_data_tb=None,
    backend="Vivado",
    hls_config=None,
    part="xcvu13p-flga2577-2-e",
    clock_period=5,
    clock_uncertainty=None,
    io_type="io_parallel",
    bit_exact=None,
    namespace=None,
    write_weights_txt=False,
    write_tar=False,
    tb_output_stream="both",
    write_emulation_constants=False,
    board=None,
    **kwargs,
):
    """Converts a live Keras 2 / Keras 3 model, or the path of a saved one (.h5, .keras), into a
    model that writes, compiles, predicts, traces and builds the HLS project.

    With hls4ml's meanings: input_data_tb / output_data_tb (.dat or .npy files the testbench
    reads from tb_data/), clock_uncertainty ('12.5%' or nanoseconds; default the backend's),
    namespace (a C++ namespace around the generated code), write_weights_txt (weights also as
    firmware/weights/*.txt, which C simulations other than hlsnn's read instead of compiling
    them; default False here, True in hls4ml), write_tar (<output_dir>.tar.gz after each
    write), tb_output_stream ('both', 'stdout' or 'file': where the testbench writes outputs),
    write_emulation_constants (inputs_t, outputs_t and <project>_emulator in the headers).
    Settings hlsnn cannot honour (other backends, a board) raise hlsnn.Error here.

    bit_exact=True means what it means in hls4ml 1.3 (its config key Model.BitExact, which the
    argument sets, as hls4ml does): every type is derived from the model inputs' quantizers by
    exact range analysis, overriding the config's result and accumulator types; each input must
    be quantized by a QActivation (quantized_bits or quantized_relu) as its only consumer. False
    keeps the config's types; None (hls4ml's default, on only for HGQ models) leaves the
    config's BitExact, if any."""
    unknown = set(kwargs) - _IGNORED_KEYWORDS
    if unknown:
        raise TypeError(f"convert_from_keras_model got unknown keyword(s): {sorted(unknown)}")
    if board is not None:
        raise _core.Error(
            f"board {board!r}: boards belong to hls4ml's VivadoAccelerator backend, which hlsnn "
            "does not have\n  hint: give the FPGA part instead (part=...)"
        )
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
        "clock_uncertainty": None if clock_uncertainty is None else str(clock_uncertainty),
        "io_type": io_type,
        "hls_dir": _HLS_DIR,
        "namespace": namespace,
        "write_weights_txt": bool(write_weights_txt),
        "write_tar": bool(write_tar),
        "tb_output_stream": tb_output_stream,
        "write_emulation_constants": bool(write_emulation_constants),
        "input_data_tb": None if input_data_tb is None else Path(input_data_tb),
        "output_data_tb": None if output_data_tb is None else Path(output_data_tb),
    }
    if isinstance(model, (str, os.PathLike)):
        core = _Model.from_keras_file(Path(model), config_json, settings)
    else:
        from hlsnn._keras import model_json_and_weights

        model_json, weights, keras_major = model_json_and_weights(model)
        core = _Model.from_keras_json(model_json, weights, keras_major, config_json, settings)
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
    writer = config.pop("WriterConfig", None) or {}
    config.pop("Version", None)  # hls4ml versions its accelerator backends' IP only
    unknown = set(config) - set(_PROJECT_KEYS)
    unknown |= {f"WriterConfig.{key}" for key in set(writer) - set(_WRITER_KEYS)}
    if unknown:
        raise _core.Error(
            f"the config dict: unknown key(s) {sorted(unknown)}\n"
            f"  hint: valid keys with KerasModel are {', '.join(_PROJECT_KEYS)}, Version and "
            f"WriterConfig ({', '.join(_WRITER_KEYS)})"
        )
    settings = {_PROJECT_KEYS[key]: value for key, value in config.items() if value is not None}
    settings.update({_WRITER_KEYS[key]: value for key, value in writer.items()})
    if "output_dir" in settings:
        settings["output_dir"] = Path(settings["output_dir"]).absolute()
    return convert_from_keras_model(model, **settings)


def keras_v2_to_hls(config):
    """hls4ml's converter of a project config dict (KerasModel, or KerasH5 / KerasJson, and the
    other keys of convert_from_config)."""
    return convert_from_config(config)


def keras_v3_to_hls(config, allow_da_fallback=True, allow_v2_fallback=True):
    """As keras_v2_to_hls; the fallbacks to hls4ml's own layer handlers do not apply here."""
    del allow_da_fallback, allow_v2_fallback
    return convert_from_config(config)


# The name hls4ml's converter of a config dict had before its Keras 3 support.
keras_to_hls = keras_v2_to_hls


def create_config(output_dir="my-hls-test", project_name="myproject", backend="Vivado", **kwargs):
    """A project config dict as hls4ml's create_config makes it: OutputDir, ProjectName,
    Backend, Part, ClockPeriod, ClockUncertainty, IOType, HLSConfig, WriterConfig; add the model
    (KerasModel, KerasH5, ...) and the HLSConfig, then pass it to convert_from_config."""
    unknown = set(kwargs) - {
        "part", "clock_period", "clock_uncertainty", "io_type", "namespace",
        "write_weights_txt", "write_tar", "tb_output_stream", "write_emulation_constants",
        "version", "board",
    }  # fmt: skip
    if unknown:
        raise TypeError(f"create_config got unknown keyword(s): {sorted(unknown)}")
    if backend.lower() not in ("vivado", "vitis"):
        raise _core.Error(
            f"backend {backend!r} is not supported by hlsnn\n  hint: use Vivado or Vitis"
        )
    backend = "Vitis" if backend.lower() == "vitis" else "Vivado"
    return {
        "OutputDir": output_dir,
        "ProjectName": project_name,
        "Backend": backend,
        "Part": kwargs.get("part") or "xcvu13p-flga2577-2-e",
        "ClockPeriod": kwargs.get("clock_period") or 5,
        "ClockUncertainty": kwargs.get("clock_uncertainty")
        or ("27%" if backend == "Vitis" else "12.5%"),
        "IOType": kwargs.get("io_type") or "io_parallel",
        "HLSConfig": {},
        "WriterConfig": {
            "Namespace": kwargs.get("namespace"),
            "WriteWeightsTxt": kwargs.get("write_weights_txt", False),
            "WriteTar": kwargs.get("write_tar", False),
            "TBOutputStream": kwargs.get("tb_output_stream", "both"),
            "WriteEmulationConstants": kwargs.get("write_emulation_constants", False),
        },
    }


def get_supported_keras_layers() -> list[str]:
    """The Keras and QKeras layer classes the converter takes."""
    return list(_core._supported_keras_layers())


def _not_for_hlsnn(name: str, reason: str, hint: str):
    def refuse(*args, **kwargs):
        del args, kwargs
        raise _core.Error(f"{name}: {reason}\n  hint: {hint}")

    refuse.__name__ = name
    refuse.__doc__ = f"hls4ml's {name}: {reason} (raises hlsnn.Error)."
    return refuse


_KERAS_ONLY = "use convert_from_keras_model with a Keras or QKeras model"
convert_from_pytorch_model = _not_for_hlsnn(
    "convert_from_pytorch_model", "hlsnn converts Keras models, not PyTorch ones", _KERAS_ONLY
)
pytorch_to_hls = _not_for_hlsnn(
    "pytorch_to_hls", "hlsnn converts Keras models, not PyTorch ones", _KERAS_ONLY
)
convert_from_onnx_model = _not_for_hlsnn(
    "convert_from_onnx_model", "hlsnn converts Keras models, not ONNX ones", _KERAS_ONLY
)
onnx_to_hls = _not_for_hlsnn(
    "onnx_to_hls", "hlsnn converts Keras models, not ONNX ones", _KERAS_ONLY
)
convert_from_symbolic_expression = _not_for_hlsnn(
    "convert_from_symbolic_expression",
    "hlsnn has no symbolic-expression backend",
    "write the expression as a Keras model",
)
load_saved_model = _not_for_hlsnn(
    "load_saved_model",
    "hlsnn does not read hls4ml's saved .fml models",
    "convert the Keras model again (conversion takes milliseconds)",
)
link_existing_project = _not_for_hlsnn(
    "link_existing_project",
    "hlsnn does not link projects hls4ml wrote",
    "convert the Keras model again; for a project hlsnn wrote, `hlsnn predict -p DIR` "
    "runs it from the folder alone",
)
register_keras_v2_layer_handler = _not_for_hlsnn(
    "register_keras_v2_layer_handler",
    "hlsnn's layer converters are C++, not Python plugins",
    "see `hlsnn layers` for what is supported",
)
