#include <filesystem>
#include <fstream>
#include <iostream>

#include "api/model.h"
#include "cli/commands.h"
#include "cli/progress.h"
#include "cli/project_config_yaml.h"
#include "cli/project_conversion.h"
#include "ir/error.h"

namespace hlsnn::cli {

namespace {

struct ConfigOptions {
  std::string model_path;
  std::string weights_path;
  std::string granularity = "model";
  std::string default_precision = "fixed<16,6>";
  int64_t reuse_factor = 1;
  std::string output_path;
  ConvertSettings settings;
};

/// `convert` resolves the config's relative paths against the YAML file's folder, so a relative
/// model path is written relative to that folder: `config -m dir/m.h5 -o dir/c.yml` writes
/// `KerasH5: m.h5`. Printed to stdout, the path stays as given (relative to the current folder).
std::filesystem::path model_path_for(const std::string& model_path, const std::string& yaml_path) {
  const std::filesystem::path model(model_path);
  if (model_path.empty() || yaml_path.empty() || model.is_absolute()) return model;
  const std::filesystem::path yaml_folder = std::filesystem::absolute(yaml_path).parent_path();
  const std::filesystem::path relative =
      std::filesystem::absolute(model).lexically_normal().lexically_relative(
          yaml_folder.lexically_normal());
  return relative.empty() ? std::filesystem::absolute(model) : relative;
}

/// A model given as an architecture JSON: by its name, as the reference tool decides.
bool is_json_path(const std::string& path) {
  return path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0;
}

void run_config(const ConfigOptions& options, const GlobalOptions& global) {
  Progress(global.quiet).step("reading " + options.model_path);
  ProjectConfig config;
  config.settings = options.settings;
  if (is_json_path(options.model_path)) {
    config.keras_json = options.model_path;
    config.keras_h5 = options.weights_path;
  } else {
    if (!options.weights_path.empty()) {
      throw Error("a weights file goes with an architecture JSON, not with a whole model file",
                  options.model_path, "drop -w, or give the architecture .json with -m");
    }
    config.keras_h5 = options.model_path;
  }
  const ModelSource source = read_model_source(config.keras_json, config.keras_h5);
  try {
    config.hls_config = Model::make_config(
        source.model_json, source.weights, source.keras_major_version, options.granularity,
        options.default_precision, options.reuse_factor, std::nullopt);
  } catch (const Error& error) {
    throw error.with_context(options.model_path);
  }
  // Read from the paths as given; written as paths the YAML reader resolves to the same files.
  config.keras_json = model_path_for(config.keras_json.string(), options.output_path);
  config.keras_h5 = model_path_for(config.keras_h5.string(), options.output_path);
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
  command
      ->add_option("-m,--model", options->model_path,
                   "Keras model file (.h5, .keras), or its architecture JSON (model.to_json()) "
                   "with -w")
      ->required();
  command->add_option("-w,--weights", options->weights_path,
                      "The weights file (.h5, .weights.h5) of an architecture JSON");
  command
      ->add_option("-g,--granularity", options->granularity,
                   "HLSConfig granularity: one entry for the model, per layer type or per layer")
      ->check(CLI::IsMember({"model", "type", "name"}))
      ->capture_default_str();
  command
      ->add_option("-x,--precision,--default-precision", options->default_precision,
                   "Default precision")
      ->capture_default_str();
  command->add_option("-r,--reuse-factor", options->reuse_factor, "Default reuse factor")
      ->capture_default_str();
  command->add_option("-p,--project", options->settings.project_name, "Project name")
      ->capture_default_str();
  command->add_option("-d,--dir", options->settings.output_dir, "Project output folder")
      ->capture_default_str();
  command->add_option("-f,--fpga", options->settings.part, "FPGA part")->capture_default_str();
  command->add_option("-b,--backend", options->settings.backend, "Vivado or Vitis")
      ->capture_default_str();
  command->add_option("-c,--clock", options->settings.clock_period, "Clock period (ns)")
      ->capture_default_str();
  command->add_option("-o,--output", options->output_path, "YAML file to write (default: stdout)");
  command->callback([options, &global] { run_config(*options, global); });
}

}  // namespace hlsnn::cli
