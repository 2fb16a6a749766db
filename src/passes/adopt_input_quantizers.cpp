#include "passes/adopt_input_quantizers.h"

#include <optional>
#include <string>

namespace hlsnn::passes {

namespace {

/// The type of a QKeras quantizer that stores its input as it comes (quantized_bits: a linear
/// activation; quantized_relu: a relu, which a type without negative values makes redundant).
std::optional<ir::PrecisionType> storing_quantizer_type(const ir::Layer& layer) {
  if (layer.layer_class != "Activation" || !layer.has_attribute("quantizer_precision.result")) {
    return std::nullopt;
  }
  const auto type = layer.attribute<ir::PrecisionType>("quantizer_precision.result");
  const std::string activation = layer.attribute_or<std::string>("activation", "");
  if (type.is_auto()) return std::nullopt;
  if (activation == "linear" || (activation == "relu" && !type.is_signed())) return type;
  return std::nullopt;
}

}  // namespace

void adopt_input_quantizers(ir::Graph& graph) {
  for (ir::Layer& layer : graph.layers()) {
    if (layer.layer_class != "Input" || layer.has_attribute("quantizer_precision.result")) {
      continue;
    }
    std::optional<ir::PrecisionType> shared;
    bool adoptable = true;
    for (const ir::Layer* consumer : graph.consumers(layer.output().name)) {
      const auto type = storing_quantizer_type(*consumer);
      adoptable = adoptable && type && (!shared || *shared == *type);
      shared = type;
    }
    if (adoptable && shared) {
      layer.set_attribute("quantizer_precision.result", *shared);
      layer.set_precision("result", *shared);
    }
  }
}

}  // namespace hlsnn::passes
