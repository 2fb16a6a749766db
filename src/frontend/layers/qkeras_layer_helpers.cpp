#include "frontend/layers/qkeras_layer_helpers.h"

#include <algorithm>
#include <cmath>

#if defined(__SSE__) || defined(__x86_64__)
#include <xmmintrin.h>
#endif

#include "frontend/qkeras_weight_quantization.h"
#include "ir/attribute.h"

namespace hlsnn::frontend {
namespace {

/// The quantizer's type when it holds every value, else the exact type of the values (a numeric
/// alpha, QKeras' last float32 step or a per-element scale moves them off its grid).
ir::PrecisionType type_holding(const QKerasQuantizer& quantizer, const std::vector<double>& values,
                               const std::string& where) {
  const ir::PrecisionType type = qkeras_weight_type(quantizer);
  const bool all_held = std::all_of(values.begin(), values.end(),
                                    [&](double value) { return type.is_representable(value); });
  return all_held ? type : exact_fixed_type(values, where);
}

/// The hard-sigmoid-based activations QKeras computes for its tanh and sigmoid quantizers, or the
/// tabulated real functions with use_real_*.
std::string tanh_or_sigmoid(const QKerasQuantizer& quantizer, ir::Layer& layer,
                            const std::string& prefix) {
  if (!quantizer.use_real) {
    return quantizer.is_quantized_tanh() ? "hard_tanh" : "hard_sigmoid";
  }
  layer.set_attribute(prefix + "table",
                      std::string(quantizer.is_quantized_tanh() ? "real_tanh" : "real_sigmoid"));
  layer.set_attribute(prefix + "bits", static_cast<int64_t>(quantizer.bits));
  layer.set_attribute(prefix + "symmetric", quantizer.symmetric);
  return quantizer.is_quantized_tanh() ? "tanh" : "sigmoid";
}

/// quantized_relu: a relu on the quantizer's grid; a negative slope makes it a leaky relu whose
/// negative side QKeras floors at -slope * 2^integer; an active relu_upper_bound caps it.
std::string quantized_relu(const QKerasQuantizer& quantizer, const ir::PrecisionType& result,
                           ir::Layer& layer, const std::string& prefix, const std::string& where) {
  if (quantizer.negative_slope == 0.0 && !quantizer.relu_upper_bound) {
    return "relu";
  }
  layer.set_attribute(prefix + "alpha", quantizer.negative_slope);
  layer.set_attribute(prefix + "lower_bound",
                      quantizer.negative_slope == 0.0
                          ? 0.0
                          : -quantizer.negative_slope * std::ldexp(1.0, quantizer.integer));
  layer.set_attribute(prefix + "upper_bound", result.max_value());
  if (const auto bound = quantizer.relu_upper_bound) {
    const auto bound32 = static_cast<double>(static_cast<float>(*bound));
    if (!(bound32 > 0) || (bound32 < result.max_value() && !result.is_representable(bound32))) {
      throw Error("the quantizer " + quantizer.to_string() +
                      " has relu_upper_bound=" + ir::format_double(*bound) +
                      ", which is not on its grid " + result.to_config(),
                  where, "use a relu_upper_bound on the quantizer's grid");
    }
    layer.set_attribute(prefix + "upper_bound", std::min(bound32, result.max_value()));
  }
  return quantizer.negative_slope != 0.0 ? "leaky_relu" : "relu";
}

/// quantized_po2 / quantized_relu_po2 as an activation: the exponent range, sign handling and
/// max_value of QKeras' rounding in the log domain.
void set_po2_parameters(const QKerasQuantizer& quantizer, ir::Layer& layer,
                        const std::string& prefix, const std::string& where) {
  if (quantizer.quadratic_approximation || quantizer.log2_floor) {
    throw Error("the activation quantizer " + quantizer.to_string() + " sets " +
                    (quantizer.log2_floor ? "log2_rounding='floor'" : "quadratic_approximation") +
                    ", whose decisions at exact powers of two follow TensorFlow's float32 "
                    "logarithm, not a comparison hardware can make",
                where, "use the default log2_rounding='rnd' without quadratic_approximation");
  }
  const Po2Exponents range = po2_exponents(quantizer);
  layer.set_attribute(prefix + "min_exponent", static_cast<int64_t>(range.min));
  layer.set_attribute(prefix + "max_exponent", static_cast<int64_t>(range.max));
  layer.set_attribute(prefix + "signed", quantizer.name == "quantized_po2");
  layer.set_attribute(prefix + "alpha", quantizer.negative_slope);
  if (quantizer.max_value) {
    layer.set_attribute(prefix + "max_value",
                        static_cast<double>(static_cast<float>(*quantizer.max_value)));
  }
}

/// binary, ternary, bernoulli: the constants they give above and below their threshold.
void set_step_parameters(const QKerasQuantizer& quantizer, ir::Layer& layer,
                         const std::string& prefix) {
  const double alpha = quantizer.alpha == QKerasAlpha::kNumber
                           ? static_cast<double>(static_cast<float>(quantizer.alpha_value))
                           : 1.0;
  const bool zero_low = quantizer.use_01 || quantizer.is_bernoulli();
  layer.set_attribute(prefix + "high", alpha);
  layer.set_attribute(prefix + "low", zero_low ? 0.0 : -alpha);
  layer.set_attribute(
      prefix + "threshold",
      quantizer.is_ternary()
          ? static_cast<double>(static_cast<float>(quantizer.threshold.value_or(0.33)))
          : 0.0);
}

}  // namespace

void set_quantizer_precision(ir::Layer& layer, const std::string& prefix, const std::string& slot,
                             const ir::PrecisionType& type) {
  layer.set_attribute(prefix + "quantizer_precision." + slot, type);
  if (prefix.empty()) {
    layer.set_precision(slot, type);
  }
}

void set_qkeras_activation(const Context& context, ir::Layer& layer, const json& value,
                           const std::string& prefix) {
  const std::string where = context.where() + " activation";
  QKerasQuantizer quantizer;
  quantizer.name = "linear";
  if (!value.is_null()) {
    quantizer = parse_qkeras_quantizer(value, where);
  }
  if (quantizer.is_plain_activation()) {
    set_activation(layer, quantizer.name, prefix, context.keras_major_version);
    // QKeras' own hard_sigmoid, found before Keras', is clip(0.5x + 0.5, 0, 1).
    if (quantizer.name == "hard_sigmoid") {
      layer.set_attribute(prefix + "slope", 0.5);
    }
    return;
  }
  const ir::PrecisionType result = qkeras_activation_type(quantizer, where);
  std::string activation = quantizer.name;
  if (quantizer.is_quantized_bits()) {
    activation = "linear";
  } else if (quantizer.is_quantized_relu()) {
    activation = quantized_relu(quantizer, result, layer, prefix, where);
  } else if (quantizer.is_quantized_tanh() || quantizer.is_quantized_sigmoid()) {
    activation = tanh_or_sigmoid(quantizer, layer, prefix);
  } else if (quantizer.is_po2()) {
    set_po2_parameters(quantizer, layer, prefix, where);
  } else if (quantizer.is_binary() || quantizer.is_ternary() || quantizer.is_bernoulli()) {
    set_step_parameters(quantizer, layer, prefix);
  } else if (quantizer.is_hswish()) {
    layer.set_attribute(prefix + "table", std::string("hswish"));
    layer.set_attribute(prefix + "bits", static_cast<int64_t>(quantizer.bits));
    layer.set_attribute(prefix + "integer", static_cast<int64_t>(quantizer.integer));
    layer.set_attribute(prefix + "symmetric", quantizer.symmetric);
    layer.set_attribute(prefix + "relu_shift", quantizer.relu_shift);
    layer.set_attribute(prefix + "relu_upper_bound", quantizer.hswish_upper_bound);
  }
  if (layer.has_attribute(prefix + "table")) {
    layer.set_attribute(prefix + "quantizer", quantizer.to_string());
  }
  set_activation(layer, activation, prefix, context.keras_major_version);
  if (activation == "hard_sigmoid") {
    layer.set_attribute(prefix + "slope", 0.5);
  }
  set_quantizer_precision(layer, prefix, "result", result);
  // hls4ml names the layer it splits off after the quantizer, not after the computation.
  if (!prefix.empty()) {
    layer.set_attribute(prefix + "config_name", context.call.name + "_" + quantizer.name);
  }
}

bool quantize_kernel(const Context& context, ir::Layer& layer, const std::string& weight,
                     const json& value, const char* key) {
  const std::string where = context.where() + " " + key;
  const QKerasQuantizer quantizer = with_kernel_alpha_default(parse_qkeras_quantizer(value, where));
  ir::Weight& kernel = layer.weight(weight);
  const QKerasQuantizedWeights quantized =
      quantize_qkeras_weights(quantizer, kernel.values, kernel.shape, where);
  const bool scaled = quantizer.alpha == QKerasAlpha::kAutoPo2;
  if (scaled) {
    const size_t channels = quantized.scales.size();
    for (size_t i = 0; i < quantized.values.size(); ++i) {
      // QKeras' last float32 steps can move a value off scale·grid for huge weights; hlsnn would
      // then not reproduce it.
      if (quantized.values[i] != quantized.grid[i] * quantized.scales[i % channels]) {
        context.fail("QKeras rounds the " + std::string(key) + " value " +
                         ir::format_double(kernel.values[i]) + " off its power-of-two grid",
                     "use a fixed alpha (alpha=1) for this quantizer");
      }
    }
    kernel.values = quantized.grid;
    layer.set_attribute("alpha.scale", quantized.scales);
    layer.set_attribute("alpha.scale_precision", exact_fixed_type(quantized.scales, where));
  } else {
    kernel.values = quantized.values;
  }
  if (quantizer.is_po2()) {
    layer.set_attribute("po2_weight." + weight, true);
  }
  set_quantizer_precision(layer, "", weight, type_holding(quantizer, kernel.values, where));
  return scaled;
}

void quantize_weight(const Context& context, ir::Layer& layer, const std::string& weight,
                     const json& value, const char* key, bool kernel) {
  const std::string where = context.where() + " " + key;
  QKerasQuantizer quantizer = parse_qkeras_quantizer(value, where);
  if (kernel) {
    quantizer = with_kernel_alpha_default(quantizer);
  }
  ir::Weight& array = layer.weight(weight);
  array.values = quantize_qkeras_weights(quantizer, array.values, array.shape, where).values;
  if (kernel && quantizer.is_po2()) {
    layer.set_attribute("po2_weight." + weight, true);
  }
  set_quantizer_precision(layer, "", weight, type_holding(quantizer, array.values, where));
}

namespace {

/// The bias moves after the scale, as the sums are scaled before it is added.
void move_bias_after_scale(const Context& context, ir::Layer& layer) {
  ir::Weight& bias = layer.weight("bias");
  layer.set_attribute("alpha.bias", bias.values);
  layer.set_attribute("alpha.bias_precision",
                      layer.has_attribute("quantizer_precision.bias")
                          ? layer.attribute<ir::PrecisionType>("quantizer_precision.bias")
                          : exact_fixed_type(bias.values, context.where() + " bias"));
  std::fill(bias.values.begin(), bias.values.end(), 0.0);
}

/// A depthwise kernel's scale per depth multiple j, as the scale of each output channel
/// c * depth_multiplier + j.
void repeat_depthwise_scales(ir::Layer& layer) {
  const auto scales = layer.attribute<std::vector<double>>("alpha.scale");
  const auto channels = static_cast<size_t>(layer.attribute<int64_t>("n_filt"));
  std::vector<double> repeated(channels);
  for (size_t i = 0; i < channels; ++i) {
    repeated[i] = scales[i % scales.size()];
  }
  layer.set_attribute("alpha.scale", repeated);
}

}  // namespace

void quantize_layer(const Context& context, ir::Layer& layer, const char* kernel_key) {
  // QKeras leaves the layer's sums in float32: exact types reproduce them.
  set_quantizer_precision(layer, "", "accum", ir::PrecisionType::automatic());
  set_quantizer_precision(layer, "", "result", ir::PrecisionType::automatic());
  const json kernel_quantizer = context.get<json>(kernel_key, json());
  const bool scaled = !kernel_quantizer.is_null() &&
                      quantize_kernel(context, layer, "weight", kernel_quantizer, kernel_key);
  if (scaled && layer.has_attribute("depth_multiplier")) {
    repeat_depthwise_scales(layer);
  }
  // The folded layers always add their (folded) bias.
  const bool folded = context.call.class_name.find("Batchnorm") != std::string::npos;
  const json bias_quantizer = context.get<json>("bias_quantizer", json());
  if (!bias_quantizer.is_null() && (folded || context.get<bool>("use_bias", true))) {
    quantize_weight(context, layer, "bias", bias_quantizer, "bias_quantizer");
  }
  if (scaled) {
    move_bias_after_scale(context, layer);
  }
  set_qkeras_activation(context, layer, context.get<json>("activation", json()), "activation.");
}

const WeightArray* find_weight(const Context& context, const std::string& name,
                               const std::vector<std::string>& order) {
  bool positional = true;
  for (const WeightArray& array : context.weights) {
    std::string base = array.name.substr(0, array.name.find(':'));
    base = base.substr(base.rfind('/') == std::string::npos ? 0 : base.rfind('/') + 1);
    if (base == name) {
      return &array;
    }
    positional =
        positional && !base.empty() && base.find_first_not_of("0123456789") == std::string::npos;
  }
  const auto place = std::find(order.begin(), order.end(), name);
  const auto index = static_cast<size_t>(place - order.begin());
  if (!positional || place == order.end() || index >= context.weights.size() ||
      context.weights.size() != order.size()) {
    return nullptr;
  }
  return &context.weights[index];
}

std::vector<float> tensorflow_rsqrt(const std::vector<float>& values) {
  std::vector<float> result(values.size());
  const size_t vectorized = values.size() / 8 * 8;
  for (size_t i = 0; i < values.size(); ++i) {
    result[i] = 1.0f / std::sqrt(values[i]);
#if defined(__SSE__) || defined(__x86_64__)
    if (i < vectorized) {
      // Eigen's prsqrt: y' = y - (y/2) * ((a*y)*y - 1), y the hardware estimate, no FMA.
      const float a = values[i];
      const float y = _mm_cvtss_f32(_mm_rsqrt_ss(_mm_set_ss(a)));
      const float minus_half_y = -0.5f * y;
      const float ay = a * y;
      const float ay2 = ay * y;
      const float residual = ay2 + -1.0f;
      const float correction = residual * minus_half_y;
      result[i] = correction + y;
    }
#endif
  }
  return result;
}

int64_t channel_count(const Context& context) {
  const ir::Shape& input = context.only_input_shape();
  const json axis_value = context.get<json>("axis", json(-1));
  const json axis = axis_value.is_array() && axis_value.size() == 1 ? axis_value[0] : axis_value;
  const auto rank = static_cast<int64_t>(input.size());
  if (!axis.is_number_integer() || (axis.get<int64_t>() != -1 && axis.get<int64_t>() != rank)) {
    context.fail("normalization over axis " + axis_value.dump() + " is not supported",
                 "normalize over the last (channel) axis");
  }
  return input.back();
}

}  // namespace hlsnn::frontend
