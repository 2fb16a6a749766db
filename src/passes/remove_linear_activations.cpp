#include "passes/remove_linear_activations.h"

#include <algorithm>
#include <string>
#include <vector>

namespace hlsnn::passes {

namespace {

// Without such a layer a model output would be a model input, which no project can express
// (the top function copies nothing from its input arguments to its output arguments).
bool passes_a_model_input_to_a_model_output(const ir::Graph& graph, const ir::Layer& layer) {
  const auto contains = [](const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  if (!contains(graph.inputs(), layer.inputs.front())) return false;
  for (const ir::Tensor& output : layer.outputs) {
    if (contains(graph.outputs(), output.name)) return true;
  }
  return false;
}

}  // namespace

void remove_linear_activations(ir::Graph& graph) {
  std::vector<std::string> removable;
  for (const ir::Layer& layer : graph.layers()) {
    if (layer.layer_class != "Activation" ||
        layer.attribute_or<std::string>("activation", "") != "linear" || layer.inputs.size() != 1) {
      continue;
    }
    const ir::PrecisionType result =
        layer.has_precision("result") ? layer.precision("result") : ir::PrecisionType::automatic();
    const ir::Layer* producer = graph.producer(layer.inputs.front());
    if (passes_a_model_input_to_a_model_output(graph, layer)) continue;
    // A QKeras quantizer stays, like any layer of the user's model (its name is a trace key),
    // even where the type before it is already its own (an input that adopted it).
    if (layer.has_attribute("quantizer_precision.result")) continue;
    if (result.is_auto() || (producer != nullptr && producer->has_precision("result") &&
                             producer->precision("result") == result)) {
      removable.push_back(layer.name);
    }
  }
  for (const std::string& name : removable) graph.remove_layer(name);
}

}  // namespace hlsnn::passes
