#include <iostream>

#include "cli/commands.h"
#include "frontend/keras_activations.h"
#include "frontend/keras_layers.h"
#include "frontend/qkeras_quantizers.h"

namespace hlsnn::cli {

void add_layers_command(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "layers", "List the supported Keras layers, activations and QKeras quantizers");
  command->callback([] {
    std::cout << "Keras layers:\n";
    for (const std::string& layer : frontend::supported_keras_layers()) {
      const std::string options = frontend::keras_layer_options(layer);
      const auto note = frontend::keras_layer_notes().find(layer);
      std::cout << "  " << layer << (options.empty() ? "" : "  (" + options + ")");
      if (note != frontend::keras_layer_notes().end()) std::cout << ": " << note->second;
      std::cout << "\n";
    }
    std::cout << "Activations:\n";
    for (const std::string& activation : frontend::supported_activations()) {
      std::cout << "  " << activation << "\n";
    }
    std::cout << "QKeras quantizers:\n";
    for (const std::string& quantizer : frontend::supported_qkeras_quantizers()) {
      std::cout << "  " << quantizer << "\n";
    }
  });
}

}  // namespace hlsnn::cli
