"""The converted model's layers as hls4ml's ModelGraph shows them: get_layers(), graph, each
layer's name, class_name, attributes, get_weights(), get_input_variable() and
get_output_variable() with their types, and the project config (model.config.config).

Read-only views of what the core converted (the graph after its passes, as written): changing
them changes nothing; use the config to convert again.
"""

from __future__ import annotations

import re
from collections import OrderedDict

import numpy as np

_TYPE_PATTERN = re.compile(r"^(u?)(fixed|int)<([^>]*)>$")


class PrecisionType:
    """A type as hls4ml describes it: width, integer, signed, rounding_mode, saturation_mode,
    saturation_bits; str() is hls4ml's spelling (fixed<16,6,TRN,WRAP,0>, int<8>)."""

    def __init__(self, description: dict):
        self.width = description["width"]
        self.integer = description["integer"]
        self.signed = description["signed"]
        self.fractional = self.width - self.integer
        self.cpp = description["type"]
        match = _TYPE_PATTERN.match(description["config"])
        arguments = match.group(3).split(",") if match else []
        self.is_integer = description["is_integer"]
        self.rounding_mode = arguments[2] if len(arguments) > 2 else "TRN"
        self.saturation_mode = arguments[3] if len(arguments) > 3 else "WRAP"
        self.saturation_bits = int(arguments[4]) if len(arguments) > 4 else 0

    def __str__(self):
        sign = "" if self.signed else "u"
        if self.is_integer:
            return f"{sign}int<{self.width}>"
        return (
            f"{sign}fixed<{self.width},{self.integer},{self.rounding_mode},"
            f"{self.saturation_mode},{self.saturation_bits}>"
        )

    def __repr__(self):
        return f"PrecisionType({self})"

    def __eq__(self, other):
        return isinstance(other, PrecisionType) and str(self) == str(other)

    def __hash__(self):
        return hash(str(self))


class NamedType:
    """A C++ typedef of the generated code: its name and its precision (None while undecided)."""

    def __init__(self, name: str, description: dict | None):
        self.name = name
        self.precision = None if description is None else PrecisionType(description)

    def __repr__(self):
        return f"NamedType({self.name}, {self.precision})"


class TensorVariable:
    """A layer's output: its name, shape (without the batch) and type."""

    def __init__(self, name: str, shape, type_: NamedType):
        self.name = name
        self.shape = list(shape)
        self.type = type_

    def size(self) -> int:
        return int(np.prod(self.shape)) if self.shape else 1

    def __repr__(self):
        return f"TensorVariable({self.name}, {self.shape}, {self.type})"


class WeightVariable:
    """A layer's constant array as the project holds it: data, shape and type."""

    def __init__(self, name: str, data: np.ndarray, type_: NamedType):
        self.name = name
        self.data = data
        self.shape = list(data.shape)
        self.type = type_
        self.data_length = int(data.size)

    def __repr__(self):
        return f"WeightVariable({self.name}, {self.shape}, {self.type})"


class Layer:
    """One layer of the converted graph: name, class_name, inputs and outputs (tensor names),
    attributes (a dict of its settings: n_in, n_out, activation, input_shape, reuse_factor,
    strategy, trace, table_size, ..., and `<slot>_t` for each type), weights by name."""

    def __init__(self, graph: ModelGraphView, index: int, summary: dict):
        self._graph = graph
        self.index = index
        self.name = summary["name"]
        self.class_name = summary["class_name"]
        self.inputs = [name for name, _ in summary["inputs"]]
        self.outputs = [name for name, _ in summary["outputs"]]
        self._input_shapes = [list(shape) for _, shape in summary["inputs"]]
        output_shape = summary["outputs"][0][1] if summary["outputs"] else []
        self.types = {
            f"{slot}_t": NamedType(f"{self.name}_{slot}_t", description)
            for slot, description in summary["precisions"].items()
        }
        result = summary["precisions"].get("result", summary["result"])
        self.types["result_t"] = NamedType(graph._type_name(self.name, index), result)
        self.variables = OrderedDict(
            (name, TensorVariable(name, shape, self.types["result_t"]))
            for name, shape in summary["outputs"]
        )
        self.weights = OrderedDict()
        for weight in summary["weights"]:
            type_ = self.types.get(f"{weight['name']}_t") or NamedType(
                f"{self.name}_{weight['name']}_t", weight["precision"]
            )
            self.weights[weight["name"]] = WeightVariable(
                f"{self.name}_{weight['name']}", weight["values"], type_
            )
        attributes = dict(summary["attributes"])
        attributes.update(summary["options"])
        attributes.update(self.types)
        attributes["class_name"] = self.class_name
        attributes["name"] = self.name
        attributes["index"] = index
        if self._input_shapes:
            attributes.setdefault("input_shape", self._input_shapes[0])
            attributes.setdefault("n_in", int(np.prod(self._input_shapes[0])))
        if output_shape:
            attributes.setdefault("n_out", int(np.prod(output_shape)))
        for name, weight in self.weights.items():
            attributes[name] = weight
            attributes[f"{name}_data"] = weight.data
        self.attributes = attributes

    def get_attr(self, key, default=None):
        return self.attributes.get(key, default)

    def get_weights(self, var_name=None):
        """The weight of that name, or all of them."""
        if var_name:
            return self.weights[var_name]
        return self.weights.values()

    def get_variables(self):
        return self.variables.values()

    def get_input_variable(self, input_name=None) -> TensorVariable | None:
        """The tensor the layer reads (its first input by default); None for an Input layer."""
        names = self.inputs if input_name is None else [input_name]
        return self._graph.get_layer_output_variable(names[0]) if names else None

    def get_output_variable(self, output_name=None) -> TensorVariable:
        if output_name is not None:
            return self.variables[output_name]
        return next(iter(self.variables.values()))

    def get_input_node(self, input_name=None):
        names = self.inputs if input_name is None else [input_name]
        return self._graph._producer(names[0]) if names else None

    def get_output_nodes(self, output_name=None):
        names = self.outputs if output_name is None else [output_name]
        return [layer for layer in self._graph.get_layers() if set(layer.inputs) & set(names)]

    def __repr__(self):
        return f"{self.class_name}({self.name!r})"


class ModelGraphView:
    """The layers of a converted model, by name and in order."""

    def __init__(self, summaries: list[dict], inputs: list[str], outputs: list[str]):
        self.inputs = list(inputs)
        self.outputs = list(outputs)
        self.graph = OrderedDict()
        for index, summary in enumerate(summaries):
            layer = Layer(self, index, summary)
            self.graph[layer.name] = layer

    def _type_name(self, layer_name: str, index: int) -> str:
        # The names the generated defines.h gives the model's arguments and layer outputs.
        if layer_name in self.inputs:
            position = self.inputs.index(layer_name)
            return "input_t" if position == 0 else f"input{position + 1}_t"
        if layer_name in self.outputs:
            position = self.outputs.index(layer_name)
            return "result_t" if position == 0 else f"result{position + 1}_t"
        return f"layer{index}_t"

    def _producer(self, tensor_name: str):
        for layer in self.graph.values():
            if tensor_name in layer.outputs:
                return layer
        return None

    def get_layers(self):
        return self.graph.values()

    def get_layer_output_variable(self, output_name: str) -> TensorVariable:
        layer = self._producer(output_name)
        if layer is None:
            raise KeyError(f"no layer produces the tensor {output_name!r}")
        return layer.variables[output_name]

    def get_input_variables(self):
        return [self.get_layer_output_variable(name) for name in self.inputs]

    def get_output_variables(self):
        return [self.get_layer_output_variable(name) for name in self.outputs]

    def get_weight_variables(self):
        return [weight for layer in self.graph.values() for weight in layer.weights.values()]


class HLSConfig(dict):
    """The HLSConfig that was applied (Model / LayerType / LayerName), as a dict; as hls4ml's
    model.config it also holds the whole project config in `config` (OutputDir, ProjectName,
    Backend, Part, ClockPeriod, ClockUncertainty, IOType, HLSConfig, WriterConfig)."""

    def __init__(self, project_config: dict):
        super().__init__(project_config["HLSConfig"])
        self.config = project_config

    def get_config_value(self, key, default=None):
        return self.config.get(key, default)

    def get_project_name(self):
        return self.config["ProjectName"]

    def get_output_dir(self):
        return self.config["OutputDir"]

    def get_writer_config(self):
        return self.config["WriterConfig"]
