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
  /// of the same type) its input's array. In io_stream designs: the stream the layer writes.
  std::string array;
  /// typedef of the output element type, e.g. layer3_t; in io_stream designs the type of a
  /// stream word (an nnet::array of word_size elements), whose elements are element_type.
  std::string type;
  std::string element_type;  ///< `type` in io_parallel, `type::value_type` in io_stream
  /// io_stream: the values per stream word, the last dimension of the output (an aliased Flatten
  /// keeps its input's words).
  int64_t word_size = 0;
  std::string size_macro;  ///< element count macro, e.g. N_LAYER_3
  std::string config;      ///< config struct name, e.g. config3
  int64_t size = 0;
  /// True when the layer reuses its input's array (Reshape without a type change); in io_stream
  /// designs, a Flatten whose only readers are Dense layers reuses its input's stream.
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
  /// Layers whose outputs are traced, in graph order (every layer but the inputs).
  std::vector<const LayerSymbols*> traced;
};

/// Assigns every name the generated code uses (in io_stream designs also reserving
/// layer<k>_in<j>, layer<k>_out, layer<k>_cpy<j> and layer<k>_fork<j> for stream_wiring). Throws
/// hlsnn::Error (naming the layer) for graphs the backend cannot express yet: a model output that
/// is a model input or listed twice.
ProjectSymbols make_project_symbols(const ir::Graph& graph);

/// The layer's precision slot as C++, with an error naming the layer when it is still `auto`.
std::string cpp_type(const ir::Layer& layer, const std::string& slot);

}  // namespace hlsnn::backend

#endif  // HLSNN_BACKEND_PROJECT_SYMBOLS_H
