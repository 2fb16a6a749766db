#ifndef HLSNN_PYTHON_BINDINGS_H
#define HLSNN_PYTHON_BINDINGS_H

#include <nanobind/nanobind.h>

/// Adds `_read_keras_file` and `_read_keras_weights_file` (src/frontend/keras_file.h).
void bind_keras_files(nanobind::module_& module);

/// Adds `_Model`, the facade of src/api/model.h, with numpy arrays in and out.
void bind_api(nanobind::module_& module);

namespace hlsnn {
class Model;
namespace ir {
class PrecisionType;
}
}  // namespace hlsnn

/// {"type": "ap_fixed<16,6>", "config": "fixed<16,6>", width, integer, signed, is_integer, lsb,
/// min, max}, or None for an auto type.
nanobind::object describe_type(const hlsnn::ir::PrecisionType& type);

/// [{name, class_name, keras_output, result, weights: [{name, values, precision}]}] for each
/// layer of the converted graph; a type is {type, lsb, min, max} or None when not decided.
nanobind::list layer_summaries(const hlsnn::Model& model);

/// Adds `_parse_vivado_report` and the other readers of src/report/vivado_report.h.
void bind_report(nanobind::module_& module);

/// Adds `_yaml_to_json`, `_yaml_file_to_json`, `_json_to_yaml`, `_model_from_project_yaml` and
/// `_model_from_project_file` (src/cli's project config).
void bind_project_config(nanobind::module_& module);

#endif  // HLSNN_PYTHON_BINDINGS_H
