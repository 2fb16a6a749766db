// The Python extension module: a thin layer over the C++ core. Python types stay at this edge.
#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>

#include "bindings.h"
#include "ir/error.h"

namespace nb = nanobind;

NB_MODULE(_core, module) {
  module.doc() = "hlsnn C++ core";
  module.attr("__version__") = HLSNN_VERSION;
  // Every error of the compiler surfaces as hlsnn.Error (a RuntimeError) with the full
  // what/where/hint text; the Python glue raises ValueError for bad arguments it checks itself.
  nb::exception<hlsnn::Error>(module, "Error", PyExc_RuntimeError);
  bind_keras_files(module);
  bind_api(module);
  bind_report(module);
  bind_project_config(module);
}
