// The Python extension module: a thin layer over the C++ core. Python types stay at this edge.
#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>

#include <exception>
#include <new>

#include "bindings.h"
#include "ir/error.h"

namespace nb = nanobind;

NB_MODULE(_core, module) {
  module.doc() = "hlsnn C++ core";
  module.attr("__version__") = HLSNN_VERSION;
  // Every error of the compiler surfaces as hlsnn.Error (a RuntimeError) with the full
  // what/where/hint text; the Python glue raises ValueError for bad arguments it checks itself.
  const nb::exception<hlsnn::Error> error_type(module, "Error", PyExc_RuntimeError);
  // A library's exception that reaches Python (filesystem, JSON, an impossible size) is an
  // hlsnn.Error too, in our words rather than the library's; running out of memory stays
  // MemoryError. Registered after hlsnn::Error's, so tried first: it passes that one on.
  nb::register_exception_translator(
      [](const std::exception_ptr& exception, void* payload) {
        try {
          std::rethrow_exception(exception);
        } catch (const hlsnn::Error&) {
          throw;
        } catch (const std::bad_alloc&) {
          throw;
        } catch (const std::exception& foreign) {
          PyErr_SetString(static_cast<PyObject*>(payload),
                          hlsnn::error_from_exception(foreign).what());
        }
      },
      error_type.ptr());
  bind_keras_files(module);
  bind_api(module);
  bind_report(module);
  bind_project_config(module);
}
