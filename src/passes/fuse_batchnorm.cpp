#include "passes/fuse_batchnorm.h"

#include <string>
#include <vector>

namespace hlsnn::passes {
namespace {

/// The weight whose last axis are the layer's output channels, for the layers a following
/// BatchNormalization folds into; null for other layers.
const char* channel_weight(const std::string& layer_class) {
  for (const char* folding : {"Dense", "Conv1D", "Conv2D", "DepthwiseConv1D", "DepthwiseConv2D"}) {
    if (layer_class == folding) return "weight";
  }
  if (layer_class == "SeparableConv1D" || layer_class == "SeparableConv2D") return "pointwise";
  return nullptr;
}

}  // namespace

void fuse_batchnorm(ir::Graph& graph) {
  std::vector<std::string> fusable;
  for (const ir::Layer& layer : graph.layers()) {
    if (layer.layer_class != "BatchNormalization" || layer.inputs.size() != 1) continue;
    // QKeras' BatchNormalization rounds its own float32 steps: folding would change them.
    if (layer.has_attribute("quantizer_precision.result")) continue;
    const ir::Layer* producer = graph.producer(layer.inputs.front());
    if (producer == nullptr || channel_weight(producer->layer_class) == nullptr) continue;
    if (!producer->precision("result").is_auto() || producer->options.trace) continue;
    const auto& outputs = graph.outputs();
    if (graph.consumers(producer->output().name).size() != 1 ||
        std::find(outputs.begin(), outputs.end(), producer->output().name) != outputs.end()) {
      continue;
    }
    fusable.push_back(layer.name);
  }
  for (const std::string& name : fusable) {
    const ir::Layer& batchnorm = graph.layer(name);
    ir::Layer& producer = *graph.producer(batchnorm.inputs.front());
    const std::vector<double>& scale = batchnorm.weight("scale").values;
    const std::vector<double>& shift = batchnorm.weight("bias").values;
    std::vector<double>& kernel = producer.weight(channel_weight(producer.layer_class)).values;
    std::vector<double>& bias = producer.weight("bias").values;
    const size_t n_out = bias.size();
    // float32 arithmetic, one rounding per operation: the values the reference tool quantizes.
    for (size_t i = 0; i < kernel.size(); ++i) {
      kernel[i] =
          static_cast<float>(static_cast<float>(scale[i % n_out]) * static_cast<float>(kernel[i]));
    }
    for (size_t j = 0; j < n_out; ++j) {
      const float scaled = static_cast<float>(scale[j]) * static_cast<float>(bias[j]);
      bias[j] = static_cast<float>(scaled + static_cast<float>(shift[j]));
    }
    producer.set_precision("result", batchnorm.precision("result"));
    producer.options.trace = batchnorm.options.trace;
    // Its output is now the BatchNormalization's: comparisons with Keras need to know.
    producer.set_attribute("fused_batchnorm", batchnorm.name);
    graph.remove_layer(name);
  }
}

}  // namespace hlsnn::passes
