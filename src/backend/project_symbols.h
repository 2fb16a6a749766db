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
  /// The namespace around the generated code (hls4ml's Namespace), or empty.
  std::string cpp_namespace;
  /// Layers whose outputs are traced, in graph order (every layer but the inputs).
  std::vector<const LayerSymbols*> traced;
};

/// Assigns every name the generated code uses, inside `cpp_namespace` when not empty (in io_stream
/// designs also reserving layer<k>_in<j>, layer<k>_out, layer<k>_cpy<j> and layer<k>_fork<j> for
/// stream_wiring). Throws hlsnn::Error (naming the layer) for graphs the backend cannot express
/// yet: a model output that is a model input or listed twice; and for a namespace that is not a
/// free C++ identifier.
ProjectSymbols make_project_symbols(const ir::Graph& graph, const std::string& cpp_namespace = {});

/// `text` between `namespace <cpp_namespace> {` and its closing brace, or unchanged without one.
std::string in_namespace(const ProjectSymbols& symbols, const std::string& text);

/// `name` as reached from the global namespace: `::<cpp_namespace>::name` or `::name`.
std::string qualified(const ProjectSymbols& symbols, const std::string& name);

/// The layer's precision slot as C++, with an error naming the layer when it is still `auto`.
std::string cpp_type(const ir::Layer& layer, const std::string& slot);

/// The C++ type of a weight array: its precision as C++, or `nnet::po2_weight<min, max>` when the
/// frontend marked the weight as powers of two (attribute `po2_weight.<weight name>`, set for
/// QKeras' po2 quantizers), every value is ±2^e and the precision is still the quantizer's own
/// (attribute `quantizer_precision.<weight name>`): products with it are then shifts.
std::string weight_cpp_type(const ir::Layer& layer, const ir::Weight& weight);

/// The `product` member of a config whose kernel multiplies by `weight`: nnet::product::po2 for
/// po2_weight arrays, weight_binary for weights that are all ±1, weight_ternary for weights in
/// {-1, 0, 1} (or {0, 1}), mult otherwise. Each is exact, so the choice changes no result.
std::string product_member(const ir::Layer& layer, const ir::Weight& weight);

}  // namespace hlsnn::backend

#endif  // HLSNN_BACKEND_PROJECT_SYMBOLS_H
