#include "passes/infer_precision.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>

#include "ir/error.h"
#include "ir/names.h"
#include "ir/precision_slots.h"
#include "passes/value_ranges.h"

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

/// hls4ml's type for a layer parameter given as a constant: the fewest bits that hold it exactly
/// (fractional bits searched up to 32), at most `max_width` plus a sign bit wide.
PrecisionType constant_type(double value, int max_width) {
  if (value == 0.0) return PrecisionType::fixed(1, 1, false);
  int fractional = 32;
  for (int bits = -32; bits <= 32; ++bits) {
    const double scaled = std::ldexp(value, bits);
    if (scaled == std::trunc(scaled)) {
      fractional = bits;
      break;
    }
  }
  const bool negative = value < 0;
  const int integer = static_cast<int>(
      std::ceil(std::log2(std::max(value + std::ldexp(1.0, -fractional), -value))));
  const int sign = negative ? 1 : 0;
  const int width = std::min(sign + integer + fractional, sign + max_width);
  return PrecisionType::fixed(width, sign + integer, negative);
}

bool is_value_selecting(const ir::Layer& layer) {
  if (layer.layer_class == "Reshape") return true;
  if (layer.layer_class != "Activation") return false;
  const std::string activation = layer.attribute_or<std::string>("activation", "");
  return activation == "relu" || activation == "relu6" || activation == "leaky_relu" ||
         activation == "thresholded_relu" || activation == "linear";
}

/// The type a QKeras quantizer gives the slot (an `auto` one marks a float32 value, made
/// exact), if any.
std::optional<PrecisionType> quantizer_type(const ir::Layer& layer, const std::string& slot) {
  const std::string key = "quantizer_precision." + slot;
  if (!layer.has_attribute(key)) return std::nullopt;
  return layer.attribute<PrecisionType>(key);
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
    for (ir::Layer& layer : graph_.layers()) {
      if (settings().bit_exact) forget_configured_types(layer);
      bounded_.reset();
      infer_layer(layer);
      // The bound ranged_result computed, if it did (a Dense's is a pass over its weights).
      const ValueRange stored =
          bounded_ ? stored_output(layer, bounded_)
                   : layer_range(layer, input_ranges(layer, tensors_), settings()).stored;
      for (const ir::Tensor& output : layer.outputs) tensors_[output.name] = stored;
    }
  }

 private:
  const ir::ModelSettings& settings() const { return graph_.settings(); }

  PrecisionType input_type(const ir::Layer& layer, size_t index) const {
    const ir::Layer* producer = graph_.producer(layer.inputs.at(index));
    return producer->precision("result");
  }

  /// bit_exact: every type a quantizer fixes is the quantizer's, every other result and
  /// accumulator is inferred exactly, whatever the config says (as the reference tool does).
  void forget_configured_types(ir::Layer& layer) const {
    for (const std::string& slot : ir::precision_slots(layer.layer_class)) {
      if (slot != "result" && slot != "accum") continue;
      const auto quantized = quantizer_type(layer, slot);
      layer.set_precision(slot, quantized ? *quantized : PrecisionType::automatic());
    }
    if (layer.layer_class == "Input" && !quantizer_type(layer, "result")) {
      throw Error(
          "bit_exact=True derives every type from the model inputs' quantizers, but "
          "input " +
              ir::display_name(layer.name) + " is not quantized",
          "bit_exact",
          "quantize it with a QActivation(quantized_bits(...)) or "
          "QActivation(quantized_relu(...)) as its only consumer, or leave bit_exact "
          "unset to take the config's types (hls4ml 1.3 raises an error here too)");
    }
  }

  /// Results that are exact where possible: QKeras layers (marked `quantizer_precision.result`
  /// auto), whose float32 results only that reproduces; bit_exact; and, as in the reference, a
  /// config with a maximum (exact types capped by it).
  bool wants_exact_result(const ir::Layer& layer) const {
    return settings().bit_exact || settings().max_precision ||
           layer.has_attribute("quantizer_precision.result");
  }

  /// The `auto` result of a layer that computes new values: the narrowest type holding every
  /// value the range analysis allows, with the fractional bits of `exact` (see
  /// wants_exact_result) or of the default precision, capped by the maximum. Without a bound
  /// (no transfer function for the layer), `exact` capped or the default, as before ranges.
  PrecisionType ranged_result(const ir::Layer& layer, const PrecisionType& exact) {
    const TransferFunction* transfer = find_transfer_function(layer.layer_class);
    const std::vector<ValueRange> inputs = input_ranges(layer, tensors_);
    TransferContext context{inputs, settings()};
    const std::optional<ValueRange> values = transfer ? (*transfer)(layer, context) : std::nullopt;
    if (!values) {  // no bound known: the types of before the range analysis
      return wants_exact_result(layer) ? cap(exact, settings().max_precision)
                                       : settings().default_precision;
    }
    bounded_ = values;
    const bool exact_bits = wants_exact_result(layer);
    const PrecisionType& modes = exact_bits ? exact : settings().default_precision;
    const int fractional_bits =
        exact_bits ? exact.fractional_bits() : settings().default_precision.fractional_bits();
    return cap(holding_type(values->hull(), fractional_bits, modes), settings().max_precision);
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
    // Parameters as hls4ml infers them: PReLU's like its input, a constant by its value.
    if (layer.layer_class == "PReLU") set_if_auto(layer, "alpha", input_type(layer, 0));
    if (layer.layer_class == "Activation" && layer.precision("param").is_auto()) {
      const std::string activation = layer.attribute_or<std::string>("activation", "");
      if (activation == "thresholded_relu") {
        layer.set_precision("param", input_type(layer, 0));
      } else if (activation == "leaky_relu" || activation == "elu") {
        layer.set_precision("param", constant_type(layer.attribute<double>("alpha"), 8));
      }
    }
    // Weights first: the accumulators depend on them.
    for (ir::Weight& weight : layer.weights) {
      if (weight.precision.is_auto()) weight.precision = settings().default_precision;
    }
    const bool auto_result = layer.has_precision("result") && layer.precision("result").is_auto();
    if (layer.layer_class == "Input") {
      set_if_auto(layer, "result", settings().default_precision);
    } else if (layer.layer_class == "Dense") {
      const PrecisionType product =
          ir::product_type(input_type(layer, 0), layer.precision("weight"));
      const PrecisionType sum =
          ir::sum_type(ir::accumulation_type(product, layer.attribute<std::int64_t>("n_in")),
                       layer.precision("bias"));
      set_if_auto(layer, "accum", cap(sum, settings().max_precision));
      if (auto_result) {
        layer.set_precision("result", ranged_result(layer, layer.precision("accum")));
      }
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
      if (auto_result) {
        layer.set_precision("result", ranged_result(layer, layer.precision("accum")));
      }
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
      if (auto_result) {
        layer.set_precision("result", ranged_result(layer, layer.precision("pointwise_accum")));
      }
    } else if (layer.layer_class.find("Pooling") != std::string::npos) {
      // A maximum or mean of inputs lies within their range: the input type holds it.
      set_if_auto(layer, "accum", pooling_accumulator(layer, input_type(layer, 0)));
      set_if_auto(layer, "result", input_type(layer, 0));
    } else if (layer.layer_class == "BatchNormalization" || layer.layer_class == "ApplyAlpha") {
      const PrecisionType exact =
          ir::sum_type(ir::product_type(input_type(layer, 0), layer.precision("scale")),
                       layer.precision("bias"));
      if (auto_result) layer.set_precision("result", ranged_result(layer, exact));
    } else if (layer.layer_class == "Merge") {
      if (auto_result) layer.set_precision("result", ranged_result(layer, merge_type(layer)));
    } else if (layer.layer_class == "Dot") {
      const PrecisionType product = ir::product_type(input_type(layer, 0), input_type(layer, 1));
      const PrecisionType sum =
          ir::accumulation_type(product, layer.attribute<std::int64_t>("n_in"));
      set_if_auto(layer, "accum", cap(sum, settings().max_precision));
      if (auto_result) {
        layer.set_precision("result", ranged_result(layer, layer.precision("accum")));
      }
    } else if (layer.layer_class == "Concatenate") {
      const PrecisionType first = input_type(layer, 0);
      bool same = true;
      for (size_t i = 1; i < layer.inputs.size(); ++i) same = same && input_type(layer, i) == first;
      if (auto_result) {
        layer.set_precision("result", same ? first : ranged_result(layer, finest_input(layer)));
      }
    } else if (is_value_selecting(layer)) {
      set_if_auto(layer, "result", input_type(layer, 0));
    }
    // Table and elementwise activations, softmax, and the classes added later: the range of
    // what they compute, when their class has a transfer function; the default otherwise.
    if (layer.has_precision("result") && layer.precision("result").is_auto()) {
      layer.set_precision("result", ranged_result(layer, settings().default_precision));
    }
    // Tables and the softmax sum are choose_table_types' (it needs this layer's result type).
    for (const std::string& slot : ir::precision_slots(layer.layer_class)) {
      const bool table_choice = ir::is_table_slot(layer.layer_class, slot) ||
                                (layer.layer_class == "Softmax" && slot == "accum");
      if (!layer.precision(slot).is_auto() || table_choice) continue;
      layer.set_precision(slot, settings().default_precision);
    }
  }

  /// A type with the most fractional bits among the inputs' (a concatenation keeps values).
  PrecisionType finest_input(const ir::Layer& layer) const {
    PrecisionType finest = input_type(layer, 0);
    for (size_t i = 1; i < layer.inputs.size(); ++i) {
      const PrecisionType next = input_type(layer, i);
      if (next.fractional_bits() > finest.fractional_bits()) finest = next;
    }
    return finest;
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
  /// The bounds of every tensor inferred so far.
  std::map<std::string, ValueRange> tensors_;
  /// The exact bound of the layer being inferred, once ranged_result has computed it.
  std::optional<ValueRange> bounded_;
};

}  // namespace

void infer_precision(ir::Graph& graph) { Inference(graph).run(); }

}  // namespace hlsnn::passes
