#include "passes/insert_apply_alpha.h"

#include <string>
#include <vector>

namespace hlsnn::passes {

namespace {

ir::Weight channel_weight(const std::string& name, std::vector<double> values,
                          const ir::PrecisionType& type) {
  ir::Weight weight;
  weight.name = name;
  weight.shape = {static_cast<std::int64_t>(values.size())};
  weight.values = std::move(values);
  weight.precision = type;
  return weight;
}

}  // namespace

void insert_apply_alpha(ir::Graph& graph) {
  std::vector<std::string> scaled;
  for (const ir::Layer& layer : graph.layers()) {
    if (layer.has_attribute("alpha.scale")) {
      scaled.push_back(layer.name);
    }
  }
  for (const std::string& name : scaled) {
    ir::Layer& layer = graph.layer(name);
    ir::Layer alpha(graph.unused_name(name + "_alpha"), "ApplyAlpha");
    const auto scale_type = layer.attribute<ir::PrecisionType>("alpha.scale_precision");
    const auto bias_type = layer.attribute<ir::PrecisionType>("alpha.bias_precision");
    alpha.add_weight(
        channel_weight("scale", layer.attribute<std::vector<double>>("alpha.scale"), scale_type));
    alpha.add_weight(
        channel_weight("bias", layer.attribute<std::vector<double>>("alpha.bias"), bias_type));
    alpha.set_attribute("n_filt", static_cast<std::int64_t>(alpha.weight("scale").values.size()));
    // The same marks a QKeras layer carries, so that the config keeps these types and the result
    // is inferred exactly.
    alpha.set_attribute("quantizer_precision.scale", scale_type);
    alpha.set_attribute("quantizer_precision.bias", bias_type);
    alpha.set_attribute("quantizer_precision.result", ir::PrecisionType::automatic());
    for (const char* key :
         {"alpha.scale", "alpha.bias", "alpha.scale_precision", "alpha.bias_precision"}) {
      layer.attributes.erase(key);
    }
    alpha.outputs.push_back(ir::Tensor{alpha.name, layer.output().shape, {}});
    graph.insert_after(name, std::move(alpha));
  }
}

}  // namespace hlsnn::passes
