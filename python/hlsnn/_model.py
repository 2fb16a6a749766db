"""The converted model, as hls4ml's ModelGraph is used: write, compile, predict, trace, build.

Errors from the compiler are hlsnn.Error (a RuntimeError) with the full what/where/hint text;
arguments this module checks itself (input count, shape, dtype) raise ValueError.
"""

from __future__ import annotations

import json
import math
import warnings
from pathlib import Path

import numpy as np

from hlsnn._graph import HLSConfig, ModelGraphView


class HLSNNWarning(UserWarning):
    """A pre-flight check found something that works but is likely not what was meant (weights
    outside their type, coarse softmax tables, a layer past the vendor's unroll limit)."""


class TableReport(list):
    """ModelGraph.table_report(): a list of one dict per table layer, printed as a table."""

    def __init__(self, layers, text):
        super().__init__(layers)
        self._text = text

    def __str__(self):
        return self._text


class ModelGraph:
    def __init__(self, core):
        self._core = core
        self._compiled = False
        self._view = None
        self._warned = 0
        self._show_new_warnings()

    def _show_new_warnings(self):
        # Writing an io_stream design checks its FIFOs and may add warnings.
        texts = self._core.warnings
        for text in texts[self._warned :]:
            warnings.warn(text, HLSNNWarning, stacklevel=4)
        self._warned = len(texts)

    @property
    def config(self) -> HLSConfig:
        """The HLSConfig that was applied (the given one, or the generated default), a dict;
        `config.config` is the whole project config, as in hls4ml."""
        return HLSConfig(json.loads(self._core.project_config_json))

    def _layers_view(self) -> ModelGraphView:
        if self._view is None:
            self._view = ModelGraphView(
                self._core.layers, self._core.input_names, self._core.output_names
            )
        return self._view

    @property
    def graph(self):
        """{layer name: layer} in execution order, after the conversion's passes (activations
        split into their own layers, BatchNormalization folded, linear activations removed)."""
        return self._layers_view().graph

    @property
    def inputs(self) -> list[str]:
        """The names of the model's input tensors."""
        return list(self._core.input_names)

    @property
    def outputs(self) -> list[str]:
        """The names of the model's output tensors."""
        return list(self._core.output_names)

    def get_layers(self):
        """The layers in execution order, each with name, class_name, attributes, get_weights(),
        get_input_variable() and get_output_variable()."""
        return self._layers_view().get_layers()

    def get_input_variables(self):
        return self._layers_view().get_input_variables()

    def get_output_variables(self):
        return self._layers_view().get_output_variables()

    def get_weight_variables(self):
        return self._layers_view().get_weight_variables()

    def get_layer_output_variable(self, output_name):
        return self._layers_view().get_layer_output_variable(output_name)

    def write(self, overwrite=False):
        """Writes the HLS project into the output folder. A non-empty folder that is not an hlsnn
        project is refused unless `overwrite`; files hlsnn did not write are never deleted."""
        self._core.write(overwrite)
        self._compiled = False
        self._show_new_warnings()

    def compile(self, ap_types_dir=None) -> bool:
        """Writes the project if needed and compiles its C simulation; True when it came from the
        compile cache. `ap_types_dir`: another folder of ap_int.h / ap_fixed.h / hls_stream.h to
        compile against (e.g. the vendor's), kept for later recompiles; default hlsnn's own."""
        from_cache = self._core.compile(None if ap_types_dir is None else Path(ap_types_dir))
        self._compiled = True
        self._show_new_warnings()
        return from_cache

    def fifo_report(self, samples=2) -> dict:
        """io_stream designs: the dataflow schedule model's view of the written project's FIFOs
        (hlsnn's own; hls4ml sizes FIFOs by RTL co-simulation). Returns {'fifos': [{'name',
        'layer', 'producer', 'consumer', 'words', 'depth', 'needed'}], 'samples',
        'cycles_unbounded', 'cycles', 'deadlock', 'waiting', 'text'}: `needed` is the peak
        occupancy the model finds for `samples` samples back to back, the depth that Model
        FIFODepth: schedule writes."""
        return self._core.fifo_report(samples)

    def build(
        self,
        reset=False,
        csim=True,
        synth=True,
        cosim=False,
        validation=False,
        export=False,
        vsynth=False,
        log_to_stdout=True,
        **kwargs,
    ) -> str:
        """Runs the vendor HLS tool on the project; returns its output, which is also shown on
        sys.stdout line by line while the tool runs unless `log_to_stdout` is False."""
        del kwargs  # hls4ml's fifo_opt: no effect here
        _tool, _exit_code, output = self._core.build(
            reset, csim, synth, cosim, validation, export, vsynth, log_to_stdout
        )
        return output

    def table_report(self, exhaustive_limit=2**20, softmax_rows=100_000, softmax_sigma=3.0, seed=0):
        """The error of every lookup table (softmax, sigmoid, tanh, softplus, softsign, elu,
        selu): the types and sizes written, each table's memory (bits, BRAM18), the worst-case
        error estimated from the types, and the error measured on the emulation of the layer alone
        with the same types, over every value of its input type (a sample of `exhaustive_limit`
        of them for wider types; softmax: `softmax_rows` rows of logits drawn from
        N(0, softmax_sigma) on the input's grid). A list of one dict per layer; str() of it is a
        readable table. Compiles one small probe per layer (cached)."""
        report_json, text = self._core.table_report_json(
            exhaustive_limit, softmax_rows, float(softmax_sigma), seed
        )
        return TableReport(json.loads(report_json), text)

    def predict(self, x):
        """One sample or a batch (an array, or a list of arrays for several inputs). Returns float32
        for float32 input, float64 otherwise; an array for one output, a list for several."""
        arrays, single, use_float32 = self._prepare(x)
        run = self._core.predict_f32 if use_float32 else self._core.predict_f64
        return self._finish(run(arrays), single)

    def trace(self, x):
        """(predict(x), {layer name: that layer's output}) in float64."""
        arrays, single, _ = self._prepare(x, force_float64=True)
        outputs, layers = self._core.trace(arrays)
        if single:
            layers = {name: values[0] for name, values in layers.items()}
        return self._finish(outputs, single), layers

    def _prepare(self, x, force_float64=False):
        if not self._compiled:
            self.compile()
        expected = self._core.inputs
        items = list(x) if isinstance(x, (list, tuple)) else [x]
        if len(items) != len(expected):
            raise ValueError(
                f"the model has {len(expected)} input(s) {self._describe(expected)}, "
                f"got {len(items)} array(s)"
            )
        items = [np.asarray(item) for item in items]
        for item in items:
            if item.dtype.kind not in "fiu" or item.dtype.itemsize > 8:
                raise ValueError(f"input arrays must be float32 or float64, got {item.dtype}")
        use_float32 = not force_float64 and all(item.dtype == np.float32 for item in items)
        dtype = np.float32 if use_float32 else np.float64
        arrays, single = [], None
        for item, (name, shape) in zip(items, expected):
            is_single = item.shape == tuple(shape)
            if not is_single and not self._is_batch(item.shape, shape):
                raise ValueError(
                    f"input '{name}' has shape {item.shape}; expected {tuple(shape)} for one "
                    f"sample or {('N', *shape)} for a batch"
                )
            if single is not None and is_single != single:
                raise ValueError("give all inputs as single samples or all as batches")
            single = is_single
            arrays.append(np.ascontiguousarray(item.reshape(-1), dtype=dtype))
        return arrays, single, use_float32

    @staticmethod
    def _is_batch(actual, shape):
        # hls4ml also takes batches flattened to (N, elements per sample).
        return len(actual) >= 1 and (
            tuple(actual[1:]) == tuple(shape)
            or (len(actual) == 2 and actual[1] == math.prod(shape))
        )

    @staticmethod
    def _describe(tensors):
        return ", ".join(f"'{name}' {tuple(shape)}" for name, shape in tensors)

    @staticmethod
    def _finish(outputs, single):
        if single:
            outputs = [output[0] for output in outputs]
        return outputs[0] if len(outputs) == 1 else outputs
