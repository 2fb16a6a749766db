// Python access to the vendor report readers (src/report): hlsnn.report builds hls4ml's
// report functions on these.
#include <nanobind/nanobind.h>
#include <nanobind/stl/filesystem.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include "bindings.h"
#include "input/json_document.h"
#include "report/vivado_report.h"

namespace nb = nanobind;

void bind_report(nb::module_& module) {
  // JSON text crosses the boundary; hlsnn/report.py turns it into dicts.
  module.def(
      "_parse_vivado_report",
      [](const std::filesystem::path& project_dir) {
        const hlsnn::report::ProjectReport found = hlsnn::report::parse_vivado_report(project_dir);
        return nb::make_tuple(
            found.sections.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace),
            found.summary.dump(), found.missing);
      },
      nb::arg("project_dir"));
  module.def("_read_vivado_report", &hlsnn::report::read_vivado_report, nb::arg("project_dir"),
             nb::arg("full_report"));
  module.def(
      "_summarize_report",
      [](const std::string& sections_json) {
        return hlsnn::report::summarize(
                   hlsnn::input::parse_json_document<nlohmann::ordered_json>(
                       sections_json, "report sections", "pass what parse_vivado_report returned"))
            .dump();
      },
      nb::arg("sections_json"));
  module.def(
      "_format_report_summary",
      [](const std::string& summary_json) {
        return hlsnn::report::format_summary(
            hlsnn::input::parse_json_document<nlohmann::ordered_json>(
                summary_json, "report summary", "pass what report_summary returned"));
      },
      nb::arg("summary_json"));
}
