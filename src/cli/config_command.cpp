#include <filesystem>
#include <fstream>
#include <iostream>

#include "api/model.h"
#include "cli/commands.h"
#include "cli/progress.h"
#include "cli/project_config_yaml.h"
#include "frontend/keras_file.h"
#include "ir/error.h"

namespace hlsnn::cli {

namespace {

struct ConfigOptions {
  std::string model_path;
  std::string granularity = "model";
  std::string default_precision = "fixed<16,6>";
  int64_t reuse_factor = 1;
  std::string output_path;
};

/// `convert` resolves the config's relative paths against the YAML file's folder, so a relative
/// model path is written relative to that folder: `config -m dir/m.h5 -o dir/c.yml` writes
/// `KerasH5: m.h5`. Printed to stdout, the path stays as given (relative to the current folder).
std::filesystem::path model_path_for(const std::string& model_path, const std::string& yaml_path) {
  const std::filesystem::path model(model_path);
  if (yaml_path.empty() || model.is_absolute()) return model;
  const std::filesystem::path yaml_folder = std::filesystem::absolute(yaml_path).parent_path();
  const std::filesystem::path relative =
      std::filesystem::absolute(model).lexically_normal().lexically_relative(
          yaml_folder.lexically_normal());
  return relative.empty() ? std::filesystem::absolute(model) : relative;
}

void run_config(const ConfigOptions& options, const GlobalOptions& global) {
  Progress(global.quiet).step("reading " + options.model_path);
  const frontend::KerasModelFile file = frontend::read_keras_file(options.model_path);
  ProjectConfig config;
  config.keras_h5 = model_path_for(options.model_path, options.output_path);
  config.hls_config = Model::make_config(
      file.model_config_json, file.weights_by_layer, file.keras_major_version, options.granularity,
      options.default_precision, options.reuse_factor, std::nullopt);
  const std::string text = project_config_yaml(config);
  if (options.output_path.empty()) {
    std::cout << text;
    return;
  }
  std::ofstream stream(options.output_path);
  stream << text;
  if (!stream) throw Error("cannot write the config file", options.output_path);
}

}  // namespace

void add_config_command(CLI::App& app, const GlobalOptions& global) {
  CLI::App* command = app.add_subcommand("config", "Write a YAML project config for a Keras model");
  auto options = std::make_shared<ConfigOptions>();
  command->add_option("-m,--model", options->model_path, "Keras model file (.h5 or .keras)")
      ->required();
  command
      ->add_option("-g,--granularity", options->granularity,
                   "HLSConfig granularity: one entry for the model, per layer type or per layer")
      ->check(CLI::IsMember({"model", "type", "name"}))
      ->capture_default_str();
  command->add_option("-x,--default-precision", options->default_precision, "Default precision")
      ->capture_default_str();
  command->add_option("-r,--reuse-factor", options->reuse_factor, "Default reuse factor")
      ->capture_default_str();
  command->add_option("-o,--output", options->output_path, "YAML file to write (default: stdout)");
  command->callback([options, &global] { run_config(*options, global); });
}

}  // namespace hlsnn::cli
