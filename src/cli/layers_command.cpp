#include <iostream>

#include "cli/commands.h"
#include "frontend/keras_activations.h"
#include "frontend/keras_layers.h"

namespace hlsnn::cli {

void add_layers_command(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "layers", "List the supported Keras layers, activations and QKeras quantizers");
  command->callback([] {
    std::cout << "Keras layers:\n";
    for (const std::string& layer : frontend::supported_keras_layers()) {
      std::cout << "  " << layer << "\n";
    }
    std::cout << "Activations:\n";
    for (const std::string& activation : frontend::supported_activations()) {
      std::cout << "  " << activation << "\n";
    }
    // Listed so that scripts see the answer rather than a missing section.
    std::cout << "QKeras quantizers:\n  (none yet: QKeras layers are reported as unsupported)\n";
  });
}

}  // namespace hlsnn::cli
