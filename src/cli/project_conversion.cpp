#include "cli/project_conversion.h"

#include <fstream>
#include <iterator>

#include "frontend/keras_file.h"
#include "ir/error.h"

namespace hlsnn::cli {

namespace {

/// `model.to_json()` records the Keras version that wrote it; Keras 3 is the default for JSON
/// that does not say.
int keras_major_version(const std::string& model_json) {
  const auto parsed = nlohmann::json::parse(model_json, nullptr, false);
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
  std::ifstream stream(config.keras_json);
  if (!stream) throw Error("cannot read the model JSON", config.keras_json.string());
  const std::string model_json((std::istreambuf_iterator<char>(stream)),
                               std::istreambuf_iterator<char>());
  const frontend::WeightsByLayer weights =
      frontend::read_keras_weights_file(config.keras_h5, model_json);
  return Model::from_keras_json(model_json, weights, keras_major_version(model_json),
                                config.hls_config, config.settings);
}

}  // namespace hlsnn::cli
