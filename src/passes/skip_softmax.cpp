#include "passes/skip_softmax.h"

#include <algorithm>
#include <string>
#include <vector>

#include "ir/error.h"

namespace hlsnn::passes {

void skip_softmax(ir::Graph& graph) {
  std::vector<std::string> skipped;
  for (const ir::Layer& layer : graph.layers()) {
    if (layer.layer_class == "Softmax" &&
        ir::get_attribute_or<bool>(layer.options.extra, "skip", false, layer.description())) {
      skipped.push_back(layer.name);
    }
  }
  const auto contains = [](const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  for (const std::string& name : skipped) {
    const ir::Layer& layer = graph.layer(name);
    if (contains(graph.inputs(), layer.inputs.front()) &&
        contains(graph.outputs(), layer.output().name)) {
      throw Error("Skip: true would leave a model that only copies its input", layer.description(),
                  "remove Skip, or the softmax from the model");
    }
    graph.remove_layer(name);
  }
}

}  // namespace hlsnn::passes
