#include "passes/split_activations.h"

#include <string>
#include <vector>

namespace hlsnn::passes {

void split_activations(ir::Graph& graph) {
  std::vector<std::string> carriers;
  for (const ir::Layer& layer : graph.layers()) {
    if (layer.layer_class != "Activation" && layer.has_attribute("activation")) {
      carriers.push_back(layer.name);
    }
  }
  const std::string prefix = "activation.";
  for (const std::string& name : carriers) {
    ir::Layer& carrier = graph.layer(name);
    const std::string activation = carrier.attribute<std::string>("activation");
    ir::Layer split(graph.unused_name(name + "_" + activation),
                    activation == "softmax" ? "Softmax" : "Activation");
    for (auto entry = carrier.attributes.begin(); entry != carrier.attributes.end();) {
      if (entry->first.rfind(prefix, 0) == 0) {
        split.attributes.emplace(entry->first.substr(prefix.size()), entry->second);
        entry = carrier.attributes.erase(entry);
      } else {
        ++entry;
      }
    }
    carrier.attributes.erase("activation");
    // A linear activation changes nothing, unless a QKeras quantizer gave it a type to round to.
    if (activation == "linear" && !split.has_attribute("quantizer_precision.result")) {
      continue;
    }
    if (activation == "softmax") {
      split.set_attribute("axis", std::int64_t{-1});
    } else {
      split.set_attribute("activation", activation);
    }
    split.outputs.push_back(ir::Tensor{split.name, carrier.output().shape, {}});
    graph.insert_after(name, std::move(split));
  }
}

}  // namespace hlsnn::passes
