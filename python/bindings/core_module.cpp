// The Python extension module: a thin layer over the C++ core. Python types stay at this edge.
#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>

#include "bindings.h"

namespace nb = nanobind;

NB_MODULE(_core, module) {
  module.doc() = "hlsnn C++ core";
  module.attr("__version__") = HLSNN_VERSION;
  bind_keras_files(module);
}
