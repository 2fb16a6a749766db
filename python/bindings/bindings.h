#ifndef HLSNN_PYTHON_BINDINGS_H
#define HLSNN_PYTHON_BINDINGS_H

#include <nanobind/nanobind.h>

/// Adds `_read_keras_file` and `_read_keras_weights_file` (src/frontend/keras_file.h).
void bind_keras_files(nanobind::module_& module);

/// Adds `_Model`, the facade of src/api/model.h, with numpy arrays in and out.
void bind_api(nanobind::module_& module);

#endif  // HLSNN_PYTHON_BINDINGS_H
