#ifndef HLSNN_CLI_PROJECT_CONFIG_YAML_H
#define HLSNN_CLI_PROJECT_CONFIG_YAML_H

// The YAML project config of the reference tool's `config` and `convert` commands.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "api/model.h"

namespace hlsnn::cli {

struct ProjectConfig {
  /// The architecture JSON (`model.to_json()`); empty when `keras_h5` is a whole model file.
  std::filesystem::path keras_json;
  /// A whole model file (.h5/.keras), or the weights of `keras_json`.
  std::filesystem::path keras_h5;
  ConvertSettings settings;
  std::optional<nlohmann::ordered_json> hls_config;
  /// Testbench samples (InputData, OutputPredictions): a .dat file or a .npy array; empty: none.
  std::filesystem::path input_data;
  std::filesystem::path output_predictions;
};

/// Reads a project config; relative paths are taken relative to the YAML file's folder, as the
/// reference tool does. Throws hlsnn::Error naming the file (and line) for a missing file, bad
/// YAML, an unknown key (listing the valid ones) or a value of the wrong type.
ProjectConfig read_project_config(const std::filesystem::path& path);

/// The same from YAML text: relative paths are taken relative to `base_dir`, errors name
/// `label` (a file name, or what the text came from).
ProjectConfig parse_project_config(const std::string& yaml_text,
                                   const std::filesystem::path& base_dir, const std::string& label);

/// Any YAML document as JSON, scalars typed as read_project_config types them.
nlohmann::ordered_json yaml_to_json(const std::string& yaml_text, const std::string& label);

/// Any JSON document as YAML, keys in order. Strings that a YAML reader would take for a number,
/// a bool or null (`1e5`, `yes`, `null`) are quoted, so that they read back as strings.
std::string json_to_yaml(const nlohmann::ordered_json& document);

/// The YAML text of a config, keys in the reference's order. Paths are written as given.
std::string project_config_yaml(const ProjectConfig& config);

}  // namespace hlsnn::cli

#endif  // HLSNN_CLI_PROJECT_CONFIG_YAML_H
