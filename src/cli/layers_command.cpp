#include <iostream>

#include "cli/commands.h"
#include "frontend/keras_activations.h"
#include "frontend/keras_layers.h"
#include "frontend/qkeras_quantizers.h"

namespace hlsnn::cli {

namespace {

/// What passes/choose_table_types does, for users choosing types.
constexpr const char* kTableChoices =
    R"(Lookup tables (softmax, sigmoid, tanh, softplus, softsign, elu, selu):
  types left unset (auto): hlsnn's accurate kernels, sized from the input and result types
    softmax (implementation stable, the default, or accurate): exp table over max - x in
      [0, 2^k) (inp_norm_t, rounding, saturating) with e^-(2^k) below the result's LSB,
      at the input's resolution or 2 * table_size entries; exact sum (accum_t); 1/sum from a
      table over one octave (inv_table_t, table_size entries); outputs rounded to the result
    activations: a table of f(|x|) over [0, table_range) at the input's resolution or up to
      2 * table_size entries, entries on the result's grid; softsign by a reciprocal table
  any table type set (exp_table_t, inv_table_t, inv_inp_t, inp_norm_t, table_t), or softmax
    latency, legacy, argmax: hls4ml's kernels and defaults, bit for bit
  `hlsnn tables -c config.yml` shows the types, memory and measured error of each table
)";

}  // namespace

void add_layers_command(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "layers", "List the supported Keras layers, activations and QKeras quantizers");
  command->callback([] {
    std::cout << "Keras layers:\n";
    for (const std::string& layer : frontend::supported_keras_layers()) {
      const std::string options = frontend::keras_layer_options(layer);
      std::cout << "  " << layer << (options.empty() ? "" : "  (" + options + ")") << "\n";
    }
    std::cout << "Activations:\n";
    for (const std::string& activation : frontend::supported_activations()) {
      std::cout << "  " << activation << "\n";
    }
    std::cout << "QKeras quantizers:\n";
    for (const std::string& quantizer : frontend::supported_qkeras_quantizers()) {
      std::cout << "  " << quantizer << "\n";
    }
    std::cout << kTableChoices;
  });
}

}  // namespace hlsnn::cli
