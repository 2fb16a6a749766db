#include <iostream>

#include "api/model.h"
#include "cli/commands.h"
#include "cli/progress.h"
#include "cli/project_config_yaml.h"
#include "cli/project_conversion.h"

namespace hlsnn::cli {

void add_convert_command(CLI::App& app, const GlobalOptions& global) {
  CLI::App* command = app.add_subcommand(
      "convert", "Convert a Keras model into an HLS project (from a YAML config)");
  auto config_path = std::make_shared<std::string>();
  command->add_option("-c,--config", *config_path, "YAML project config (see `hlsnn config`)")
      ->required();
  command->callback([config_path, &global] {
    const Progress progress(global.quiet);
    const ProjectConfig config = read_project_config(*config_path);
    progress.step("converting " + config.keras_h5.string());
    Model model = convert_project(config);
    model.write();  // io_stream FIFO checks may add warnings
    for (const Error& warning : model.warnings()) {
      std::cerr << "hlsnn: warning: " << warning.what() << "\n";
    }
    progress.step("wrote " + config.settings.output_dir.string());
  });
}

}  // namespace hlsnn::cli
