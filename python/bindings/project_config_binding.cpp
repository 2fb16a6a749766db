// Python access to the YAML project config of the `hlsnn` command (src/cli/project_config_yaml.h):
// hlsnn.converters reads, writes and converts projects with the same code as `hlsnn convert`.
#include <nanobind/nanobind.h>
#include <nanobind/stl/filesystem.h>
#include <nanobind/stl/string.h>

#include "bindings.h"
#include "cli/project_config_yaml.h"
#include "cli/project_conversion.h"
#include "input/input_file.h"
#include "input/input_limits.h"
#include "input/json_document.h"

namespace nb = nanobind;

void bind_project_config(nb::module_& module) {
  module.def(
      "_yaml_to_json",
      [](const std::string& yaml_text, const std::string& label) {
        return hlsnn::cli::yaml_to_json(yaml_text, label).dump();
      },
      nb::arg("yaml_text"), nb::arg("label"));
  // Files are read by the core, within the config's size limit and only when regular.
  module.def(
      "_yaml_file_to_json",
      [](const std::filesystem::path& path) {
        return hlsnn::cli::yaml_to_json(hlsnn::input::read_input_file(
                                            path, hlsnn::input::kMaxYamlBytes, "project config"),
                                        path.string())
            .dump();
      },
      nb::arg("path"));
  module.def(
      "_model_from_project_file",
      [](const std::filesystem::path& path, const std::filesystem::path& hls_dir) {
        hlsnn::cli::ProjectConfig config = hlsnn::cli::read_project_config(path);
        config.settings.hls_dir = hls_dir;
        nb::gil_scoped_release unlocked;
        return hlsnn::cli::convert_project(config);
      },
      nb::arg("path"), nb::arg("hls_dir"));
  module.def(
      "_json_to_yaml",
      [](const std::string& json_text) {
        return hlsnn::cli::json_to_yaml(hlsnn::input::parse_json_document<nlohmann::ordered_json>(
            json_text, "config", "pass a dict of the config's keys"));
      },
      nb::arg("json_text"));
  // Relative paths in the config resolve against base_dir, as `hlsnn convert` resolves them
  // against the YAML file's folder.
  module.def(
      "_model_from_project_yaml",
      [](const std::string& yaml_text, const std::filesystem::path& base_dir,
         const std::string& label, const std::filesystem::path& hls_dir) {
        hlsnn::cli::ProjectConfig config =
            hlsnn::cli::parse_project_config(yaml_text, base_dir, label);
        config.settings.hls_dir = hls_dir;
        nb::gil_scoped_release unlocked;
        return hlsnn::cli::convert_project(config);
      },
      nb::arg("yaml_text"), nb::arg("base_dir"), nb::arg("label"), nb::arg("hls_dir"));
}
