// The transfer function of every layer class (see value_ranges.h): the bound of what the layer
// computes before its result type stores it, per output channel, from its inputs' bounds and its
// stored weights. A new layer family adds its function to the table at the end of this file;
// each follows the numerics of its kernel in hls/nnet_utils (which conversions happen where).

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "ir/error.h"
#include "passes/value_ranges.h"

namespace hlsnn::passes {

namespace {

using ir::PrecisionType;

std::int64_t last_axis(const ir::Layer& layer) {
  const ir::Shape& shape = layer.output().shape;
  return shape.empty() ? 1 : shape.back();
}

/// A weight's values as the generated code stores them, one interval each (a point, unless the
/// type wraps them).
std::vector<Interval> stored_weight(const ir::Layer& layer, const std::string& name) {
  const ir::Weight& weight = layer.weight(name);
  const TypeStore store(weight.precision);
  std::vector<Interval> stored;
  stored.reserve(weight.values.size());
  for (double value : weight.values) stored.push_back(store.stored({value, value}));
  return stored;
}

/// The constant `value` stored into `type` (a layer's parameter).
Interval stored_constant(double value, const PrecisionType& type) {
  return stored_interval({value, value}, type);
}

/// What the layer's accumulator `slot` holds after starting from `start` and adding every term,
/// each converted to its type first (as the dense and dot kernels do): the exact sum when no
/// partial sum, in any order, can leave the type; otherwise the type's whole range (saturating
/// partial sums, or wrapped ones whose final sum does not fit either). Records the exact sums as
/// the values of `slot`, the accumulator's.
Interval accumulate(const Interval& start, const std::vector<Interval>& terms,
                    const ir::Layer& layer, const std::string& slot, TransferContext& context) {
  context.record(slot, sum(terms) + start);
  const PrecisionType& accum = layer.precision(slot);
  const TypeStore store(accum);
  std::vector<Interval> stored = {store.stored(start)};
  std::vector<Interval> extremes = stored;  // every partial sum lies within their sum
  for (const Interval& term : terms) {
    stored.push_back(store.stored(term));
    extremes.push_back({std::min(stored.back().low, 0.0), std::max(stored.back().high, 0.0)});
  }
  const Interval total = sum(stored);
  const bool wraps = accum.is_integer() || accum.overflow() == ir::OverflowMode::kWrap;
  if (store.fits(sum(extremes)) || (wraps && store.fits(total))) return total;
  return store.whole();
}

/// Applies `function` to every channel.
template <typename Function>
ValueRange per_channel(const ValueRange& input, const Function& function) {
  ValueRange out;
  for (const Interval& interval : input.channels) out.channels.push_back(function(interval));
  return out;
}

/// Terms that a padded border may drop from a sum: each may also be 0.
void include_zero(std::vector<Interval>& terms) {
  for (Interval& term : terms) term = Interval::hull(term, {0, 0});
}

/// Σ_i x_i · w_ij + b_j for every unit j, the kernel in {n_in, n_out} order (n_in = x.size()),
/// accumulated in the layer's accumulator `slot`; `bias` empty for none. `padded`: a term may be
/// missing (a window tap over the border).
ValueRange matrix_sums(const std::vector<Interval>& x, const std::vector<Interval>& kernel,
                       const std::vector<Interval>& bias, bool padded, const ir::Layer& layer,
                       const std::string& slot, TransferContext& context) {
  const size_t n_in = x.size();
  const size_t n_out = kernel.size() / n_in;
  if (n_in * n_out != kernel.size() || (!bias.empty() && bias.size() != n_out)) {
    throw Error("range analysis: " + std::to_string(kernel.size()) + " weights for " +
                    std::to_string(n_in) + " inputs and " + std::to_string(bias.size()) + " biases",
                layer.description(), "a bug in hlsnn");
  }
  ValueRange out;
  std::vector<Interval> column(n_in);
  for (size_t j = 0; j < n_out; ++j) {
    for (size_t i = 0; i < n_in; ++i) column[i] = kernel[i * n_out + j];
    std::vector<Interval> terms = products(column, x);
    if (padded) include_zero(terms);
    const Interval start = bias.empty() ? Interval{} : bias[j];
    out.channels.push_back(accumulate(start, terms, layer, slot, context));
  }
  return out;
}

std::optional<ValueRange> dense(const ir::Layer& layer, TransferContext& context) {
  const std::vector<Interval> bias =
      layer.has_weight("bias") ? stored_weight(layer, "bias") : std::vector<Interval>();
  return matrix_sums(context.inputs.at(0).channels, stored_weight(layer, "weight"), bias, false,
                     layer, "accum", context);
}

/// The window of a convolution or pooling layer (`prefix` "filt" or "pool"): its positions, and
/// whether it hangs over the image's border somewhere (where the kernels skip its positions).
struct Window {
  std::int64_t positions = 1;
  bool padded = false;
};

Window window_of(const ir::Layer& layer, const std::string& prefix) {
  Window window;
  window.positions = layer.attribute<std::int64_t>(prefix + "_height") *
                     layer.attribute<std::int64_t>(prefix + "_width");
  for (const char* side : {"pad_top", "pad_bottom", "pad_left", "pad_right"}) {
    window.padded = window.padded || layer.attribute_or<std::int64_t>(side, 0) > 0;
  }
  return window;
}

/// Conv1D/2D: each output pixel is a Dense over its window's positions and channels (Keras'
/// kernel order {positions, n_chan, n_filt}) from the bias, in `accum` (nnet_conv.h).
std::optional<ValueRange> convolution(const ir::Layer& layer, TransferContext& context) {
  const Window window = window_of(layer, "filt");
  const std::vector<Interval>& channels = context.inputs.at(0).channels;
  std::vector<Interval> patch;
  patch.reserve(static_cast<size_t>(window.positions) * channels.size());
  for (std::int64_t position = 0; position < window.positions; ++position) {
    patch.insert(patch.end(), channels.begin(), channels.end());
  }
  return matrix_sums(patch, stored_weight(layer, "weight"), stored_weight(layer, "bias"),
                     window.padded, layer, "accum", context);
}

/// The depthwise step: output channel c · multiplier + m sums input channel c over the window
/// (kernel {positions, n_chan, multiplier}) in `slot`, from `bias` (empty: 0).
ValueRange depthwise_sums(const ir::Layer& layer, const std::vector<Interval>& kernel,
                          const std::vector<Interval>& bias, const std::string& slot,
                          TransferContext& context) {
  const Window window = window_of(layer, "filt");
  const std::vector<Interval>& channels = context.inputs.at(0).channels;
  const auto n_chan = static_cast<std::int64_t>(channels.size());
  const auto multiplier = layer.attribute<std::int64_t>("depth_multiplier");
  if (static_cast<std::int64_t>(kernel.size()) != window.positions * n_chan * multiplier) {
    throw Error("range analysis: " + std::to_string(kernel.size()) + " depthwise weights for " +
                    std::to_string(n_chan) + " channels",
                layer.description(), "a bug in hlsnn");
  }
  ValueRange out;
  std::vector<Interval> taps(static_cast<size_t>(window.positions));
  for (std::int64_t c = 0; c < n_chan; ++c) {
    const std::vector<Interval> x(taps.size(), channels[static_cast<size_t>(c)]);
    for (std::int64_t m = 0; m < multiplier; ++m) {
      for (std::int64_t p = 0; p < window.positions; ++p) {
        taps[static_cast<size_t>(p)] =
            kernel[static_cast<size_t>((p * n_chan + c) * multiplier + m)];
      }
      std::vector<Interval> terms = products(taps, x);
      if (window.padded) include_zero(terms);
      const Interval start =
          bias.empty() ? Interval{} : bias.at(static_cast<size_t>(c * multiplier + m));
      out.channels.push_back(accumulate(start, terms, layer, slot, context));
    }
  }
  return out;
}

std::optional<ValueRange> depthwise_convolution(const ir::Layer& layer, TransferContext& context) {
  return depthwise_sums(layer, stored_weight(layer, "weight"), stored_weight(layer, "bias"),
                        "accum", context);
}

/// SeparableConv1D/2D: the depthwise step without a bias in `depthwise_accum`, stored in
/// `depthwise_result`, then the pointwise Dense over its channels from the bias in
/// `pointwise_accum` (nnet_depthwise_conv.h).
std::optional<ValueRange> separable_convolution(const ir::Layer& layer, TransferContext& context) {
  const ValueRange depthwise =
      depthwise_sums(layer, stored_weight(layer, "depthwise"), {}, "depthwise_accum", context);
  const PrecisionType& intermediate = layer.precision("depthwise_result");
  context.record("depthwise_result", depthwise.hull());
  return matrix_sums(stored_range(depthwise, intermediate).channels,
                     stored_weight(layer, "pointwise"), stored_weight(layer, "bias"), false, layer,
                     "pointwise_accum", context);
}

/// Max and average pooling, per channel over the window's positions inside the image
/// (nnet_pooling.h): the maximum converted to `accum`; or the values added in `accum`, each
/// partial sum stored, then divided by their count there.
std::optional<ValueRange> pooling(const ir::Layer& layer, TransferContext& context) {
  const auto size = static_cast<double>(window_of(layer, "pool").positions);
  const TypeStore accum(layer.precision("accum"));
  const bool average = layer.attribute<std::string>("pool_op") == "average";
  return per_channel(context.inputs.at(0), [&](const Interval& x) {
    if (!average) {
      context.record("accum", x);
      return accum.stored(x);
    }
    // With x's ends rounded out to accum's grid, the sum of k values lies in k · [low, high],
    // whose ends are on the grid, so every (monotone) rounding of a partial sum, and of the
    // quotient, stays there: the mean lies within [low, high].
    const Interval grid = accum.enclosing(x);
    const Interval partial_sums =
        Interval{std::min(grid.low, 0.0), std::max(grid.high, 0.0)} * Interval{size, size};
    context.record("accum", partial_sums);
    return accum.fits(partial_sums) ? grid : accum.whole();
  });
}

/// Two vectors' dot product accumulated in the layer's accum type.
std::optional<ValueRange> dot(const ir::Layer& layer, TransferContext& context) {
  const std::vector<ValueRange>& inputs = context.inputs;
  const std::int64_t n_in = layer.attribute<std::int64_t>("n_in");
  if (static_cast<std::int64_t>(inputs.at(0).channels.size()) != n_in) {
    throw Error("Dot inputs of " + std::to_string(inputs.at(0).channels.size()) + " values, n_in " +
                    std::to_string(n_in),
                layer.description(), "a bug in hlsnn");
  }
  return ValueRange::uniform(accumulate({}, products(inputs.at(0).channels, inputs.at(1).channels),
                                        layer, "accum", context),
                             1);
}

/// scale · x + bias per channel (exact in the kernel), for BatchNormalization and ApplyAlpha.
std::optional<ValueRange> scale_and_bias(const ir::Layer& layer, TransferContext& context) {
  const std::vector<ValueRange>& inputs = context.inputs;
  const std::vector<Interval> scale = stored_weight(layer, "scale");
  const std::vector<Interval> bias = stored_weight(layer, "bias");
  const std::int64_t channels = last_axis(layer);
  ValueRange out;
  if (static_cast<std::int64_t>(scale.size()) == channels) {
    for (std::int64_t c = 0; c < channels; ++c) {
      const auto at = static_cast<size_t>(c);
      out.channels.push_back(scale[at] * inputs.at(0).channel(c) + bias[at]);
    }
    return out;
  }
  // Per-element scales over an N-D tensor: one bound for all.
  Interval all = scale[0] * inputs.at(0).hull() + bias[0];
  for (size_t k = 1; k < scale.size(); ++k) {
    all = Interval::hull(all, scale[k] * inputs.at(0).hull() + bias[k]);
  }
  return ValueRange::uniform(all, channels);
}

/// max(x, 0) and alpha · min(x, 0) for every alpha in `alpha`: the leaky family.
Interval leaky(const Interval& x, const Interval& alpha) {
  const Interval positive = {std::max(x.low, 0.0), std::max(x.high, 0.0)};
  const Interval negative = {std::min(x.low, 0.0), std::min(x.high, 0.0)};
  return Interval::hull(positive, alpha * negative);
}

/// The table activations of hlsnn's accurate kernels (nnet_activation_accurate.h), which
/// choose_table_types selects for an `auto` table after infer_precision: bounds that hold for
/// any table type it picks (entries saturate within the function's range, rounded to at least
/// one fractional bit), or nullopt for another function.
std::optional<ValueRange> accurate_table_activation(const std::string& function,
                                                    const ValueRange& x, const Interval& alpha) {
  const auto channels = static_cast<std::int64_t>(x.channels.size());
  const auto positive = [](const Interval& v) {
    return Interval{std::max(v.low, 0.0), std::max(v.high, 0.0)};
  };
  if (function == "sigmoid") return ValueRange::uniform({0, 1}, channels);
  if (function == "tanh" || function == "softsign") return ValueRange::uniform({-1, 1}, channels);
  if (function == "softplus") {  // max(x, 0) + an unsigned table entry below 1
    return per_channel(x, [&](const Interval& v) { return positive(v) + Interval{0, 1}; });
  }
  if (function == "elu") {  // x, or alpha times an entry of e^-t - 1 in [-1, 0]
    const Interval negative = alpha * Interval{-1, 0};
    return per_channel(x, [&](const Interval& v) { return Interval::hull(positive(v), negative); });
  }
  if (function == "selu") {  // lambda · x (lambda rounded to 24 bits), or an entry in [-2, 0]
    const Interval lambda = {0, 1.0508};
    return per_channel(x, [&](const Interval& v) {
      return Interval::hull(lambda * positive(v), {-2, 0});
    });
  }
  return std::nullopt;
}

std::optional<ValueRange> activation(const ir::Layer& layer, TransferContext& context) {
  const std::vector<ValueRange>& inputs = context.inputs;
  const ir::ModelSettings& settings = context.settings;
  const std::string function = layer.attribute<std::string>("activation");
  const ValueRange& x = inputs.at(0);
  const auto parameter = [&](const char* key, double fallback) {
    return stored_constant(layer.attribute_or<double>(key, fallback), settings.default_precision);
  };
  const bool accurate = (layer.has_precision("table") && layer.precision("table").is_auto()) ||
                        ir::get_attribute_or<std::string>(layer.options.extra, "implementation", "",
                                                          layer.description()) == "accurate";
  if (accurate) {
    const std::optional<ValueRange> values =
        accurate_table_activation(function, x, parameter("alpha", 1.0));
    if (values) return values;
  }
  // hls4ml's table kernels (nnet_activation.h): entries stored in the explicit table type.
  const auto table_values = [&](const Interval& values) {
    const PrecisionType table = layer.has_precision("table") && !layer.precision("table").is_auto()
                                    ? layer.precision("table")
                                    : ir::parse_precision("ap_fixed<18,8>");
    return stored_interval(values, table);
  };
  if (function == "linear") return x;
  if (function == "relu") return per_channel(x, [](const Interval& v) { return leaky(v, {0, 0}); });
  if (function == "relu6") {
    return per_channel(x, [](const Interval& v) {
      return Interval{std::clamp(v.low, 0.0, 6.0), std::clamp(v.high, 0.0, 6.0)};
    });
  }
  if (function == "leaky_relu") {
    const Interval alpha = parameter("alpha", 0.3);
    return per_channel(x, [&](const Interval& v) { return leaky(v, alpha); });
  }
  if (function == "thresholded_relu") {
    const Interval theta = parameter("theta", 1.0);
    return per_channel(x, [&](const Interval& v) {
      const Interval zero = {0, 0};
      return v.high > theta.low ? Interval::hull(zero, {std::max(v.low, theta.low), v.high}) : zero;
    });
  }
  if (function == "hard_sigmoid" || function == "sigmoid") {
    const Interval unit = {0, 1};
    return ValueRange::uniform(function == "sigmoid" ? table_values(unit) : unit,
                               static_cast<std::int64_t>(x.channels.size()));
  }
  if (function == "hard_tanh" || function == "tanh" || function == "softsign") {
    const Interval symmetric = {-1, 1};
    return ValueRange::uniform(function == "hard_tanh" ? symmetric : table_values(symmetric),
                               static_cast<std::int64_t>(x.channels.size()));
  }
  if (function == "softplus") {  // sampled over [-8, 8): ln(1 + e^8) < 8.001
    return ValueRange::uniform(table_values({0, 8.001}),
                               static_cast<std::int64_t>(x.channels.size()));
  }
  if (function == "elu") {  // x, or alpha · (e^x - 1) from a table over (-8, 0]
    const Interval negative = parameter("alpha", 1.0) * table_values({-1, 0});
    return per_channel(x, [&](const Interval& v) {
      return Interval::hull({std::max(v.low, 0.0), std::max(v.high, 0.0)}, negative);
    });
  }
  if (function == "selu") {  // lambda · x (lambda as ap_ufixed<16,1>), or a table over (-8, 0]
    const Interval lambda = {0, 1.0508};
    const Interval negative = table_values({-1.7581, 0});
    return per_channel(x, [&](const Interval& v) {
      return Interval::hull(lambda * Interval{std::max(v.low, 0.0), std::max(v.high, 0.0)},
                            negative);
    });
  }
  return std::nullopt;
}

std::optional<ValueRange> prelu(const ir::Layer& layer, TransferContext& context) {
  const std::vector<ValueRange>& inputs = context.inputs;
  Interval alpha = {0, 0};
  for (const Interval& value : stored_weight(layer, "alpha")) alpha = Interval::hull(alpha, value);
  return per_channel(inputs.at(0), [&](const Interval& v) { return leaky(v, alpha); });
}

/// Softmax outputs lie in [0, 1] (probabilities, up to table rounding, which the result type's
/// headroom above 1 absorbs); the argmax variant gives 0 or 1.
std::optional<ValueRange> softmax(const ir::Layer& layer, TransferContext&) {
  return ValueRange::uniform({0, 1}, last_axis(layer));
}

std::optional<ValueRange> merge(const ir::Layer& layer, TransferContext& context) {
  const std::vector<ValueRange>& inputs = context.inputs;
  const std::string op = layer.attribute<std::string>("op");
  const std::int64_t channels = last_axis(layer);
  const bool per_channel_inputs =
      std::all_of(inputs.begin(), inputs.end(), [&](const ValueRange& input) {
        return static_cast<std::int64_t>(input.channels.size()) == channels;
      });
  const auto channel_of = [&](const ValueRange& input, std::int64_t c) {
    return per_channel_inputs ? input.channel(c) : input.hull();
  };
  ValueRange out;
  for (std::int64_t c = 0; c < channels; ++c) {
    Interval combined = channel_of(inputs.at(0), c);
    for (size_t k = 1; k < inputs.size(); ++k) {
      const Interval next = channel_of(inputs[k], c);
      if (op == "add" || op == "average") {
        combined = combined + next;
      } else if (op == "subtract") {
        combined = combined - next;
      } else if (op == "multiply") {
        combined = combined * next;
      } else if (op == "maximum") {
        combined = {std::max(combined.low, next.low), std::max(combined.high, next.high)};
      } else if (op == "minimum") {
        combined = {std::min(combined.low, next.low), std::min(combined.high, next.high)};
      } else {
        return std::nullopt;
      }
    }
    if (op == "average") {
      // The mean of values within their bounds; the kernel's quotient is exact before the
      // result type rounds it.
      const double n = static_cast<double>(inputs.size());
      combined = combined * Interval{1 / n, 1 / n};
    }
    out.channels.push_back(combined);
  }
  return out;
}

std::optional<ValueRange> concatenate(const ir::Layer& layer, TransferContext& context) {
  const std::vector<ValueRange>& inputs = context.inputs;
  const auto axis = layer.attribute<std::int64_t>("axis");
  const auto rank = static_cast<std::int64_t>(layer.output().shape.size());
  ValueRange out;
  if (axis == rank - 1) {  // along the channels: the channel lists follow each other
    for (const ValueRange& input : inputs) {
      out.channels.insert(out.channels.end(), input.channels.begin(), input.channels.end());
    }
    return out;
  }
  Interval all = inputs.at(0).hull();
  for (const ValueRange& input : inputs) all = Interval::hull(all, input.hull());
  return ValueRange::uniform(all, last_axis(layer));
}

/// Reshape moves values without changing them: a channel keeps its bound when the new last axis
/// is a multiple of the old one (Flatten), otherwise one bound holds all.
/// Each output channel holds values of the same input channel: cropping and nearest upsampling
/// keep a part or copies of them, zero padding adds zeros.
std::optional<ValueRange> moved_per_channel(const ir::Layer& layer, TransferContext& context) {
  const ValueRange& input = context.inputs.at(0);
  const std::int64_t channels = last_axis(layer);
  const bool pads = layer.layer_class.rfind("ZeroPadding", 0) == 0;
  ValueRange out = static_cast<std::int64_t>(input.channels.size()) == channels
                       ? input
                       : ValueRange::uniform(input.hull(), channels);
  if (pads) {
    for (Interval& channel : out.channels) channel = Interval::hull(channel, Interval{0, 0});
  }
  return out;
}

/// A transpose may move the channel axis: every output channel takes the bound of all inputs.
std::optional<ValueRange> transpose(const ir::Layer& layer, TransferContext& context) {
  return ValueRange::uniform(context.inputs.at(0).hull(), last_axis(layer));
}

std::optional<ValueRange> reshape(const ir::Layer& layer, TransferContext& context) {
  const std::vector<ValueRange>& inputs = context.inputs;
  const ValueRange& input = inputs.at(0);
  const std::int64_t channels = last_axis(layer);
  const auto old_channels = static_cast<std::int64_t>(input.channels.size());
  if (old_channels == 1 || channels % old_channels != 0) {
    return ValueRange::uniform(input.hull(), channels);
  }
  ValueRange out;
  for (std::int64_t c = 0; c < channels; ++c) {
    out.channels.push_back(input.channel(c % old_channels));
  }
  return out;
}

/// A model input holds whatever its declared type holds.
std::optional<ValueRange> input(const ir::Layer& layer, TransferContext&) {
  return ValueRange::uniform(type_interval(layer.precision("result")), last_axis(layer));
}

}  // namespace

const TransferFunction* find_transfer_function(std::string_view layer_class) {
  static const std::map<std::string, TransferFunction, std::less<>> table = {
      {"Input", input},
      {"Dense", dense},
      {"Dot", dot},
      {"BatchNormalization", scale_and_bias},
      {"ApplyAlpha", scale_and_bias},
      {"Activation", activation},
      {"PReLU", prelu},
      {"Softmax", softmax},
      {"Merge", merge},
      {"Concatenate", concatenate},
      {"Reshape", reshape},
      {"ZeroPadding1D", moved_per_channel},
      {"ZeroPadding2D", moved_per_channel},
      {"Cropping1D", moved_per_channel},
      {"Cropping2D", moved_per_channel},
      {"Resize", moved_per_channel},
      {"Transpose", transpose},
      {"Conv1D", convolution},
      {"Conv2D", convolution},
      {"DepthwiseConv1D", depthwise_convolution},
      {"DepthwiseConv2D", depthwise_convolution},
      {"SeparableConv1D", separable_convolution},
      {"SeparableConv2D", separable_convolution},
      {"Pooling1D", pooling},
      {"Pooling2D", pooling},
      {"GlobalPooling1D", pooling},
      {"GlobalPooling2D", pooling},
  };
  const auto found = table.find(layer_class);
  return found == table.end() ? nullptr : &found->second;
}

}  // namespace hlsnn::passes
