#ifndef HLSNN_CLI_PROJECT_CONVERSION_H
#define HLSNN_CLI_PROJECT_CONVERSION_H

#include "api/model.h"
#include "cli/project_config_yaml.h"

namespace hlsnn::cli {

/// A model's architecture JSON and weights, as the converter takes them.
struct ModelSource {
  std::string model_json;
  frontend::WeightsByLayer weights;
  int keras_major_version = 3;
};

/// Reads a whole model file (.h5, .keras) when `architecture_json` is empty, else the
/// architecture JSON (`model.to_json()`, the form most published models come in) with its
/// weights file `weights` (.h5 or .weights.h5). Throws hlsnn::Error naming the file that cannot
/// be read, is not JSON, or does not hold weights for that architecture.
ModelSource read_model_source(const std::filesystem::path& architecture_json,
                              const std::filesystem::path& weights);

/// A testbench data file as hls4ml takes it (InputData, OutputPredictions, input_data_tb):
/// a .dat file, copied as it is, or a .npy array, one sample a row; nothing for an empty path.
/// Throws hlsnn::Error naming `key` for another kind of file or an unreadable one.
std::optional<backend::TestbenchData> testbench_data(const std::filesystem::path& path,
                                                     const std::string& key);

/// The model a project config describes: a whole model file (KerasH5), or an architecture JSON
/// (KerasJson) with its weights file (KerasH5), plus the testbench data (InputData,
/// OutputPredictions: .dat or .npy). Throws hlsnn::Error naming an unreadable file.
Model convert_project(const ProjectConfig& config);

}  // namespace hlsnn::cli

#endif  // HLSNN_CLI_PROJECT_CONVERSION_H
