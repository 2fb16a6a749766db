#ifndef HLSNN_BACKEND_PROJECT_SYMBOLS_H
#define HLSNN_BACKEND_PROJECT_SYMBOLS_H

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ir/graph.h"

namespace hlsnn::backend {

/// The C++ names generated code uses for one layer. Everything here is a safe identifier: layer
/// names from the model file reach the code only through IdentifierTable.
struct LayerSymbols {
  const ir::Layer* layer = nullptr;
  /// Position in graph order; numbers the generator's own names (layer3_t, config3, N_LAYER_3).
  int index = 0;
  /// The array holding the layer's output: its own, a top-function argument, or (for a Reshape
  /// of the same type) its input's array.
  std::string array;
  std::string type;        ///< typedef of the output element type, e.g. layer3_t
  std::string size_macro;  ///< element count macro, e.g. N_LAYER_3
  std::string config;      ///< config struct name, e.g. config3
  int64_t size = 0;
  /// True when the layer reuses its input's array (Reshape without a type change).
  bool aliases_input = false;
  /// Index into the top function's result arguments, or -1.
  int output_position = -1;
  /// Index into the top function's input arguments, or -1.
  int input_position = -1;
  std::vector<const LayerSymbols*> inputs;
  /// Weight name -> global array identifier.
  std::map<std::string, std::string> weight_arrays;
};

/// Holds pointers into its own `layers`, so it moves but never copies.
struct ProjectSymbols {
  ProjectSymbols() = default;
  ProjectSymbols(const ProjectSymbols&) = delete;
  ProjectSymbols& operator=(const ProjectSymbols&) = delete;
  ProjectSymbols(ProjectSymbols&&) = default;
  ProjectSymbols& operator=(ProjectSymbols&&) = default;

  std::string project;
  std::vector<LayerSymbols> layers;  ///< graph order
  std::vector<const LayerSymbols*> model_inputs;
  std::vector<const LayerSymbols*> model_outputs;
  std::vector<std::string> input_types;   ///< input_t, input2_t, ...
  std::vector<std::string> output_types;  ///< result_t, result2_t, ...
  /// Namespace of the emulation-only trace pointer.
  std::string trace_namespace;
  /// The namespace around the generated code (hls4ml's Namespace), or empty.
  std::string cpp_namespace;
  /// Layers whose outputs are traced, in graph order (every layer but the inputs).
  std::vector<const LayerSymbols*> traced;
};

/// Assigns every name the generated code uses, inside `cpp_namespace` when not empty. Throws
/// hlsnn::Error (naming the layer) for graphs the backend cannot express yet: a model output that
/// is a model input or listed twice; and for a namespace that is not a free C++ identifier.
ProjectSymbols make_project_symbols(const ir::Graph& graph, const std::string& cpp_namespace = {});

/// `text` between `namespace <cpp_namespace> {` and its closing brace, or unchanged without one.
std::string in_namespace(const ProjectSymbols& symbols, const std::string& text);

/// `name` as reached from the global namespace: `::<cpp_namespace>::name` or `::name`.
std::string qualified(const ProjectSymbols& symbols, const std::string& name);

/// The layer's precision slot as C++, with an error naming the layer when it is still `auto`.
std::string cpp_type(const ir::Layer& layer, const std::string& slot);

}  // namespace hlsnn::backend

#endif  // HLSNN_BACKEND_PROJECT_SYMBOLS_H
