#include "cli/project_conversion.h"

#include "cli/npy_io.h"
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

std::optional<backend::TestbenchData> testbench_data(const std::filesystem::path& path,
                                                     const std::string& key) {
  if (path.empty()) return std::nullopt;
  backend::TestbenchData data;
  if (path.extension() == ".dat") {
    data.dat_file = path;
    return data;
  }
  if (path.extension() != ".npy") {
    throw Error("the testbench data file " + path.string() + " is neither .dat nor .npy",
                "config key " + key, "give a .dat file (one sample per line) or a .npy array");
  }
  const SampleTable table = read_npy(path);
  const int64_t samples = table.shape.empty() ? 1 : table.shape.front();
  const size_t per_sample = samples > 0 ? table.values.size() / static_cast<size_t>(samples) : 0;
  for (int64_t s = 0; s < samples; ++s) {
    const auto begin = table.values.begin() + static_cast<std::ptrdiff_t>(s * per_sample);
    data.rows.emplace_back(begin, begin + static_cast<std::ptrdiff_t>(per_sample));
  }
  return data;
}

ModelSource read_model_source(const std::filesystem::path& architecture_json,
                              const std::filesystem::path& weights) {
  ModelSource source;
  if (architecture_json.empty()) {
    frontend::KerasModelFile file = frontend::read_keras_file(weights);
    source.model_json = std::move(file.model_config_json);
    source.weights = std::move(file.weights_by_layer);
    source.keras_major_version = file.keras_major_version;
    return source;
  }
  source.model_json = input::read_input_file(architecture_json, input::kMaxJsonBytes, "model JSON");
  // Parsed first here, so that a malformed JSON is reported with its file's name.
  source.keras_major_version = keras_major_version(source.model_json, architecture_json.string());
  if (weights.empty()) {
    throw Error("an architecture JSON needs the weights file saved with it",
                architecture_json.string(),
                "give the weights too (`hlsnn config -m model.json -w weights.h5`, or KerasH5 "
                "next to KerasJson)");
  }
  try {
    source.weights = frontend::read_keras_weights_file(weights, source.model_json);
  } catch (const Error& error) {
    throw error.with_context("weights of " + architecture_json.string());
  }
  return source;
}

Model convert_project(const ProjectConfig& project) {
  ProjectConfig config = project;
  config.settings.input_data_tb = testbench_data(config.input_data, "InputData");
  config.settings.output_data_tb = testbench_data(config.output_predictions, "OutputPredictions");
  const ModelSource source = read_model_source(config.keras_json, config.keras_h5);
  return Model::from_keras_json(source.model_json, source.weights, source.keras_major_version,
                                config.hls_config, config.settings);
}

}  // namespace hlsnn::cli
