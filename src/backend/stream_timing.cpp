#include "backend/stream_timing.h"

#include <algorithm>
#include <set>

namespace hlsnn::backend {
namespace {

/// Cycles from an activation's input to its output: a compare and select, a product, or the
/// index computation and table read of the table-based functions.
int64_t activation_latency(const ir::Layer& layer) {
  static const std::set<std::string> tables = {"sigmoid",  "tanh", "softplus",
                                               "softsign", "elu",  "selu"};
  static const std::set<std::string> products = {"leaky_relu", "hard_sigmoid", "hard_tanh"};
  const std::string function = layer.attribute_or<std::string>("activation", "linear");
  if (tables.count(function) != 0) return 3;
  if (products.count(function) != 0) return 2;
  return 1;
}

/// A dot product of n terms on multipliers reused `reuse` times: the folded products, the adder
/// tree, the bias and the conversion.
int64_t dot_product_latency(int64_t n, int64_t reuse) { return reuse + tree_depth(n) + 2; }

/// The positions of a convolution's or pooling's window (0 for other layers).
int64_t window_taps(const ir::Layer& layer) {
  for (const char* window : {"filt", "pool"}) {
    const std::string height = std::string(window) + "_height";
    const std::string width = std::string(window) + "_width";
    if (layer.has_attribute(width)) {
      return layer.attribute_or<int64_t>(height, 1) * layer.attribute<int64_t>(width);
    }
  }
  return 0;
}

/// Cycles from the read that completes an output pixel's window to its write: the sums of a
/// convolution (a separable one's two steps), or a pooling's comparator or adder tree (with the
/// division of an average).
int64_t window_latency(const ir::Layer& layer, int64_t taps, int64_t reuse) {
  const std::string& layer_class = layer.layer_class;
  const int64_t channels = layer.attribute<int64_t>("n_chan");
  if (layer_class == "Conv1D" || layer_class == "Conv2D") {
    return dot_product_latency(taps * channels, reuse);
  }
  if (layer_class == "DepthwiseConv1D" || layer_class == "DepthwiseConv2D") {
    return dot_product_latency(taps, reuse);
  }
  if (layer_class == "SeparableConv1D" || layer_class == "SeparableConv2D") {
    const int64_t multiplier = layer.attribute_or<int64_t>("depth_multiplier", 1);
    return dot_product_latency(taps, reuse) + dot_product_latency(channels * multiplier, 1);
  }
  const bool average = layer.attribute_or<std::string>("pool_op", "max") != "max";
  // A global pooling reduces as the pixels arrive: one step after the last.
  const bool running = layer_class == "GlobalPooling1D" || layer_class == "GlobalPooling2D";
  return (running ? 1 : tree_depth(taps)) + (average ? 3 : 1);
}

}  // namespace

int64_t tree_depth(int64_t n) {
  int64_t depth = 0;
  while ((int64_t{1} << depth) < n) ++depth;
  return depth;
}

StreamProcess layer_process(const LayerSymbols& layer, StreamForm form, int64_t input_word_size,
                            std::string name) {
  const ir::Layer& ir_layer = *layer.layer;
  const int64_t reuse = std::max<int64_t>(1, ir_layer.options.reuse_factor);
  StreamProcess process{std::move(name), 1, 1, 1};
  if (form == StreamForm::kRepack) {
    // One value per cycle: a word of the input every word-size cycles, likewise for the output.
    process.read_interval = std::max<int64_t>(1, input_word_size);
    process.write_interval = std::max<int64_t>(1, layer.word_size);
    return process;
  }
  int64_t largest_input = 1;
  for (const LayerSymbols* input : layer.inputs) {
    largest_input = std::max(largest_input, input->size);
  }
  if (form == StreamForm::kBlock) {
    process.latency = dot_product_latency(largest_input, reuse);
    return process;
  }
  const std::string& layer_class = ir_layer.layer_class;
  if (layer_class == "Dense") {
    process.latency = dot_product_latency(ir_layer.attribute<int64_t>("n_in"), reuse);
    return process;
  }
  // The word-by-word kernels pipeline their loop over words with II = reuse factor.
  process.read_interval = reuse;
  process.write_interval = reuse;
  if (layer_class == "Activation") {
    process.latency = activation_latency(ir_layer);
  } else if (layer_class == "PReLU") {
    process.latency = 2;
  } else if (layer_class == "Softmax") {
    // Max tree, difference, exp table, sum tree, inverse table, product.
    process.latency = 2 * tree_depth(layer.word_size) + 5;
  } else if (layer_class == "BatchNormalization" || layer_class == "ApplyAlpha") {
    process.latency = 3;
  } else if (layer_class == "Merge") {
    process.latency = ir_layer.attribute<std::string>("op") == "multiply" ? 3 : 1;
  } else if (layer_class == "Concatenate") {
    process.read_interval = 1;
    process.write_interval = 1;
  } else if (const int64_t taps = window_taps(ir_layer); taps > 0) {
    process.latency = window_latency(ir_layer, taps, reuse);
  } else {
    // Padding, cropping, upsampling: a word moves per cycle.
    process.read_interval = 1;
    process.write_interval = 1;
  }
  return process;
}

StreamProcess clone_process(std::string name) { return {std::move(name), 1, 1, 1}; }

StreamProcess caller_process(std::string name) { return {std::move(name), 1, 1, 0}; }

}  // namespace hlsnn::backend
