#include "cli/project_conversion.h"

#include "frontend/keras_file.h"
#include "input/input_file.h"
#include "input/json_document.h"
#include "ir/error.h"

namespace hlsnn::cli {

namespace {

/// `model.to_json()` records the Keras version that wrote it; Keras 3 is the default for JSON
/// that does not say.
int keras_major_version(const std::string& model_json, const std::string& file) {
  const auto parsed = input::parse_json_document<nlohmann::json>(
      model_json, file, "pass the output of model.to_json()");
  if (parsed.is_object() && parsed.contains("keras_version") &&
      parsed["keras_version"].is_string()) {
    return parsed["keras_version"].get<std::string>().rfind("2.", 0) == 0 ? 2 : 3;
  }
  return 3;
}

}  // namespace

Model convert_project(const ProjectConfig& config) {
  if (config.keras_json.empty()) {
    return Model::from_keras_file(config.keras_h5, config.hls_config, config.settings);
  }
  const std::string model_json =
      input::read_input_file(config.keras_json, input::kMaxJsonBytes, "model JSON");
  // Parsed first here, so that a malformed JSON is reported with its file's name.
  const int keras_major = keras_major_version(model_json, config.keras_json.string());
  const frontend::WeightsByLayer weights =
      frontend::read_keras_weights_file(config.keras_h5, model_json);
  return Model::from_keras_json(model_json, weights, keras_major, config.hls_config,
                                config.settings);
}

}  // namespace hlsnn::cli
