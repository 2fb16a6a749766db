#include "passes/remove_linear_activations.h"

#include <string>
#include <vector>

namespace hlsnn::passes {

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
    if (result.is_auto() || (producer != nullptr && producer->has_precision("result") &&
                             producer->precision("result") == result)) {
      removable.push_back(layer.name);
    }
  }
  for (const std::string& name : removable) graph.remove_layer(name);
}

}  // namespace hlsnn::passes
