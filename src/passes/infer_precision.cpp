#include "passes/infer_precision.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "ir/precision_slots.h"

namespace hlsnn::passes {

namespace {

using ir::PrecisionType;

/// `exact` narrowed to the maximum: at most its width and its integer bits, keeping signedness.
PrecisionType cap(const PrecisionType& exact, const std::optional<PrecisionType>& maximum) {
  if (!maximum) return exact;
  const int integer_bits = std::min(exact.integer_bits(), maximum->integer_bits());
  const int fractional_bits = std::min(exact.fractional_bits(), maximum->width() - integer_bits);
  const int width = std::max(1, integer_bits + fractional_bits);
  return PrecisionType::fixed(width, integer_bits, exact.is_signed());
}

bool is_value_selecting(const ir::Layer& layer) {
  if (layer.layer_class == "Reshape") return true;
  if (layer.layer_class != "Activation") return false;
  const std::string activation = layer.attribute_or<std::string>("activation", "");
  return activation == "relu" || activation == "relu6" || activation == "leaky_relu" ||
         activation == "thresholded_relu" || activation == "linear";
}

bool is_convolution(const std::string& layer_class) {
  return layer_class == "Conv1D" || layer_class == "Conv2D" || layer_class == "DepthwiseConv1D" ||
         layer_class == "DepthwiseConv2D";
}

std::int64_t window_taps(const ir::Layer& layer) {
  return layer.attribute<std::int64_t>("filt_height") * layer.attribute<std::int64_t>("filt_width");
}

/// Max pooling selects an input; average pooling sums a window exactly and gets as many more
/// fractional bits, so that a mean of a power-of-two count is exact too (the reference's rule).
PrecisionType pooling_accumulator(const ir::Layer& layer, const PrecisionType& input) {
  if (layer.attribute<std::string>("pool_op") == "max") return input;
  const std::int64_t size =
      layer.attribute<std::int64_t>("pool_height") * layer.attribute<std::int64_t>("pool_width");
  int extra = 0;
  while ((std::int64_t{1} << extra) < size) ++extra;
  return PrecisionType::fixed(input.width() + 2 * extra, input.integer_bits() + extra,
                              input.is_signed());
}

class Inference {
 public:
  explicit Inference(ir::Graph& graph) : graph_(graph) {}

  void run() {
    for (ir::Layer& layer : graph_.layers()) infer_layer(layer);
  }

 private:
  const ir::ModelSettings& settings() const { return graph_.settings(); }

  PrecisionType input_type(const ir::Layer& layer, size_t index) const {
    const ir::Layer* producer = graph_.producer(layer.inputs.at(index));
    return producer->precision("result");
  }

  /// QKeras layers (marked by the frontend with `quantizer_precision.result`) leave their
  /// results in float32, which only the exact type reproduces; other layers take the default.
  PrecisionType exact_result(const ir::Layer& layer, const PrecisionType& exact) const {
    if (settings().max_precision) {
      return cap(exact, settings().max_precision);
    }
    return layer.has_attribute("quantizer_precision.result") ? exact : settings().default_precision;
  }

  void set_if_auto(ir::Layer& layer, const std::string& slot, const PrecisionType& type) {
    if (layer.precision(slot).is_auto()) layer.set_precision(slot, type);
  }

  void infer_layer(ir::Layer& layer) {
    for (const std::string& slot : ir::precision_slots(layer.layer_class)) {
      if (!layer.has_precision(slot)) layer.set_precision(slot, PrecisionType::automatic());
    }
    if (ir::result_follows_input(layer.layer_class)) {
      set_if_auto(layer, "result", input_type(layer, 0));
      return;
    }
    // Weights first: the accumulators depend on them.
    for (ir::Weight& weight : layer.weights) {
      if (weight.precision.is_auto()) weight.precision = settings().default_precision;
    }
    if (layer.layer_class == "Dense") {
      const PrecisionType product =
          ir::product_type(input_type(layer, 0), layer.precision("weight"));
      const PrecisionType sum =
          ir::sum_type(ir::accumulation_type(product, layer.attribute<std::int64_t>("n_in")),
                       layer.precision("bias"));
      set_if_auto(layer, "accum", cap(sum, settings().max_precision));
      set_if_auto(layer, "result", exact_result(layer, layer.precision("accum")));
    } else if (is_convolution(layer.layer_class)) {
      // Dense per output pixel: the window's taps, times the channels unless depthwise.
      const std::int64_t terms =
          window_taps(layer) * (layer.layer_class.rfind("Depthwise", 0) == 0
                                    ? 1
                                    : layer.attribute<std::int64_t>("n_chan"));
      const PrecisionType sum = ir::sum_type(
          ir::accumulation_type(ir::product_type(input_type(layer, 0), layer.precision("weight")),
                                terms),
          layer.precision("bias"));
      set_if_auto(layer, "accum", cap(sum, settings().max_precision));
      set_if_auto(layer, "result", exact_result(layer, layer.precision("accum")));
    } else if (layer.layer_class == "SeparableConv1D" || layer.layer_class == "SeparableConv2D") {
      // The depthwise step has no bias; its exact sums are the intermediate type, as the
      // reference infers it, and the pointwise step a Dense over the depth multiples.
      const PrecisionType depthwise = ir::accumulation_type(
          ir::product_type(input_type(layer, 0), layer.precision("depthwise")), window_taps(layer));
      set_if_auto(layer, "depthwise_accum", cap(depthwise, settings().max_precision));
      set_if_auto(layer, "depthwise_result", layer.precision("depthwise_accum"));
      const PrecisionType pointwise = ir::sum_type(
          ir::accumulation_type(
              ir::product_type(layer.precision("depthwise_result"), layer.precision("pointwise")),
              layer.attribute<std::int64_t>("n_chan") *
                  layer.attribute<std::int64_t>("depth_multiplier")),
          layer.precision("bias"));
      set_if_auto(layer, "pointwise_accum", cap(pointwise, settings().max_precision));
      set_if_auto(layer, "result", exact_result(layer, layer.precision("pointwise_accum")));
    } else if (layer.layer_class.find("Pooling") != std::string::npos) {
      set_if_auto(layer, "accum", pooling_accumulator(layer, input_type(layer, 0)));
      set_if_auto(layer, "result", input_type(layer, 0));
    } else if (layer.layer_class == "BatchNormalization" || layer.layer_class == "ApplyAlpha") {
      const PrecisionType exact =
          ir::sum_type(ir::product_type(input_type(layer, 0), layer.precision("scale")),
                       layer.precision("bias"));
      set_if_auto(layer, "result", exact_result(layer, exact));
    } else if (layer.layer_class == "Merge") {
      set_if_auto(layer, "result", exact_result(layer, merge_type(layer)));
    } else if (layer.layer_class == "Dot") {
      const PrecisionType product = ir::product_type(input_type(layer, 0), input_type(layer, 1));
      const PrecisionType sum =
          ir::accumulation_type(product, layer.attribute<std::int64_t>("n_in"));
      set_if_auto(layer, "accum", cap(sum, settings().max_precision));
      set_if_auto(layer, "result", exact_result(layer, layer.precision("accum")));
    } else if (layer.layer_class == "Concatenate") {
      const PrecisionType first = input_type(layer, 0);
      bool same = true;
      for (size_t i = 1; i < layer.inputs.size(); ++i) same = same && input_type(layer, i) == first;
      set_if_auto(layer, "result", same ? first : settings().default_precision);
    } else if (is_value_selecting(layer)) {
      set_if_auto(layer, "result", input_type(layer, 0));
    }
    // Tables and the softmax sum are choose_table_types' (it needs this layer's result type).
    for (const std::string& slot : ir::precision_slots(layer.layer_class)) {
      const bool table_choice = ir::is_table_slot(layer.layer_class, slot) ||
                                (layer.layer_class == "Softmax" && slot == "accum");
      if (!layer.precision(slot).is_auto() || table_choice) continue;
      layer.set_precision(slot, settings().default_precision);
    }
  }

  /// The exact result of a merge of any number of inputs: the sum or product grown input by
  /// input (a type holding both is enough for maximum and minimum). A mean of 2^k inputs is the
  /// sum shifted right by k; other means are sums times a rounded 1/n, given 32 more fractional
  /// bits.
  PrecisionType merge_type(const ir::Layer& layer) const {
    const std::string op = layer.attribute<std::string>("op");
    PrecisionType result = input_type(layer, 0);
    for (size_t i = 1; i < layer.inputs.size(); ++i) {
      const PrecisionType next = input_type(layer, i);
      result = op == "multiply" ? ir::product_type(result, next) : ir::sum_type(result, next);
    }
    if (op != "average") return result;
    const size_t count = layer.inputs.size();
    int shift = 0;
    while ((size_t{1} << shift) < count) ++shift;
    if ((size_t{1} << shift) == count) {
      return PrecisionType::fixed(result.width(), result.integer_bits() - shift,
                                  result.is_signed());
    }
    return PrecisionType::fixed(result.width() + 32, result.integer_bits(), result.is_signed());
  }

  ir::Graph& graph_;
};

}  // namespace

void infer_precision(ir::Graph& graph) { Inference(graph).run(); }

}  // namespace hlsnn::passes
