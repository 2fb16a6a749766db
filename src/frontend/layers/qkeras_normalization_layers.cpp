// QKeras normalization: QBatchNormalization, and QDenseBatchnorm (a QDense with the
// BatchNormalization after it folded into its kernel and bias, as QKeras trains it).

#include "frontend/layers/keras_layer_families.h"
#include "frontend/layers/qkeras_layer_helpers.h"
#include "frontend/qkeras_weight_quantization.h"

namespace hlsnn::frontend {
namespace {

/// A quantizer key of the layer config: its value, QKeras' constructor default when the key is
/// absent, null when the config says None.
json quantizer_config(const Context& context, const char* key, const char* fallback) {
  const auto found = context.call.config.find(key);
  return found == context.call.config.end() ? json(fallback) : *found;
}

/// The values of a weight array as QKeras uses them: quantized in float32 when the layer has a
/// quantizer for it (gamma and variance with QKeras' kernel default), else as stored.
std::vector<float> quantized_vector(const Context& context, const std::vector<double>& values,
                                    const json& quantizer, const char* key, bool kernel_default) {
  std::vector<double> result = values;
  if (!quantizer.is_null()) {
    const std::string where = context.where() + " " + key;
    QKerasQuantizer parsed = parse_qkeras_quantizer(quantizer, where);
    if (kernel_default) {
      parsed = with_kernel_alpha_default(parsed);
    }
    result = quantize_qkeras_weights(parsed, values, {static_cast<int64_t>(values.size())}, where)
                 .values;
  }
  return std::vector<float>(result.begin(), result.end());
}

std::vector<double> as_double(const std::vector<float>& values) {
  return std::vector<double>(values.begin(), values.end());
}

/// The names of the layer's weight arrays in QKeras' order (what get_weights() returns).
std::vector<std::string> weight_order(const Context& context, bool folded) {
  std::vector<std::string> order;
  if (folded) {
    order.emplace_back("kernel");
    if (context.get<bool>("use_bias", true)) order.emplace_back("bias");
  }
  if (context.get<bool>("scale", true)) order.emplace_back("gamma");
  if (context.get<bool>("center", true)) order.emplace_back("beta");
  if (folded) order.emplace_back("iteration");
  order.emplace_back("moving_mean");
  order.emplace_back("moving_variance");
  return order;
}

/// The array `name` of the layer, with the expected number of values.
const std::vector<double>& channel_array(const Context& context, const std::string& name,
                                         int64_t channels) {
  const bool folded = context.call.class_name != "QBatchNormalization";
  const WeightArray* array = find_weight(context, name, weight_order(context, folded));
  if (array == nullptr || static_cast<int64_t>(array->values.size()) != channels) {
    context.fail("expects a weight array " + name + " of " + std::to_string(channels) + " values",
                 "pass the weights saved with this model");
  }
  return array->values;
}

/// Per channel, what TensorFlow's nn.batch_normalization computes at inference (float32, one
/// rounding per operation): inv = rsqrt(variance + epsilon) * gamma and
/// offset = beta - mean * inv; the layer computes x * inv + offset.
std::optional<ir::Layer> convert_qbatchnorm(const Context& context) {
  const int64_t channels = channel_count(context);
  const bool has_gamma = context.get<bool>("scale", true);
  const bool has_beta = context.get<bool>("center", true);
  if (!context.get<json>("inverse_quantizer", json()).is_null()) {
    context.fail("inverse_quantizer is not supported (it is not in QKeras 0.9.0)",
                 "save the layer without an inverse_quantizer");
  }
  const size_t count = static_cast<size_t>(channels);
  std::vector<float> gamma(count, 1.0f);
  std::vector<float> beta(count, 0.0f);
  if (has_gamma) {
    gamma = quantized_vector(
        context, channel_array(context, "gamma", channels),
        quantizer_config(context, "gamma_quantizer", "quantized_relu_po2(6, 2048)"),
        "gamma_quantizer", true);
  }
  if (has_beta) {
    beta = quantized_vector(context, channel_array(context, "beta", channels),
                            quantizer_config(context, "beta_quantizer", "quantized_po2(5)"),
                            "beta_quantizer", false);
  }
  const std::vector<float> mean = quantized_vector(
      context, channel_array(context, "moving_mean", channels),
      quantizer_config(context, "mean_quantizer", "quantized_po2(5)"), "mean_quantizer", false);
  std::vector<float> variance =
      quantized_vector(context, channel_array(context, "moving_variance", channels),
                       quantizer_config(context, "variance_quantizer",
                                        "quantized_relu_po2(6, quadratic_approximation=True)"),
                       "variance_quantizer", true);
  const auto epsilon = static_cast<float>(context.get<double>("epsilon", 1e-3));
  for (float& v : variance) {
    v = v + epsilon;
  }
  std::vector<float> inv = tensorflow_rsqrt(variance);
  std::vector<float> offset(count);
  for (size_t c = 0; c < count; ++c) {
    if (has_gamma) {
      inv[c] = inv[c] * gamma[c];
    }
    const float shifted_mean = mean[c] * inv[c];
    offset[c] = has_beta ? beta[c] - shifted_mean : -shifted_mean;
  }
  ir::Layer layer = context.make_layer("BatchNormalization", context.only_input_shape());
  layer.set_attribute("n_filt", channels);
  layer.add_weight(make_weight("scale", {channels}, as_double(inv)));
  layer.add_weight(make_weight("bias", {channels}, as_double(offset)));
  // x * inv + offset, exact: QKeras rounds both steps to float32, so only an exact type can
  // come close (see the README for when they agree to the bit).
  set_quantizer_precision(
      layer, "", "scale",
      exact_fixed_type(layer.weight("scale").values, context.where() + " scale"));
  set_quantizer_precision(layer, "", "bias",
                          exact_fixed_type(layer.weight("bias").values, context.where() + " bias"));
  set_quantizer_precision(layer, "", "result", ir::PrecisionType::automatic());
  return layer;
}

/// QDenseBatchnorm at inference (both folding modes): inv = rsqrt(moving_variance + epsilon)
/// * gamma, kernel * inv and inv * (bias - moving_mean) + beta, then the quantizers on those.
std::optional<ir::Layer> convert_qdense_batchnorm(const Context& context) {
  const ir::Shape& input = context.only_input_shape();
  const int64_t units = context.get<int64_t>("units", 0);
  const std::string mode = context.get<std::string>("folding_mode", "ema_stats_folding");
  if (mode != "ema_stats_folding" && mode != "batch_stats_folding") {
    context.fail("folding_mode '" + mode + "' is not one QKeras knows",
                 "use ema_stats_folding or batch_stats_folding");
  }
  const WeightArray* kernel = find_weight(context, "kernel", weight_order(context, true));
  if (kernel == nullptr || kernel->shape != ir::Shape{input.back(), units}) {
    context.fail("expects a kernel of shape " + ir::shape_to_string({input.back(), units}),
                 "pass the weights saved with this model");
  }
  const bool use_bias = context.get<bool>("use_bias", true);
  const size_t count = static_cast<size_t>(units);
  std::vector<float> variance(count);
  const std::vector<double>& stored_variance = channel_array(context, "moving_variance", units);
  const auto epsilon = static_cast<float>(context.get<double>("epsilon", 1e-3));
  for (size_t j = 0; j < count; ++j) {
    variance[j] = static_cast<float>(stored_variance[j]) + epsilon;
  }
  std::vector<float> inv = tensorflow_rsqrt(variance);
  const std::vector<double>& mean = channel_array(context, "moving_mean", units);
  const std::vector<double> zeros(count, 0.0);
  const std::vector<double>& bias = use_bias ? channel_array(context, "bias", units) : zeros;
  const bool has_gamma = context.get<bool>("scale", true);
  const bool has_beta = context.get<bool>("center", true);
  const std::vector<double>& gamma = has_gamma ? channel_array(context, "gamma", units) : zeros;
  const std::vector<double>& beta = has_beta ? channel_array(context, "beta", units) : zeros;
  std::vector<double> folded_bias(count);
  for (size_t j = 0; j < count; ++j) {
    if (has_gamma) {
      inv[j] = inv[j] * static_cast<float>(gamma[j]);
    }
    const float centered = static_cast<float>(bias[j]) - static_cast<float>(mean[j]);
    const float scaled = inv[j] * centered;
    folded_bias[j] = has_beta ? scaled + static_cast<float>(beta[j]) : scaled;
  }
  std::vector<double> folded_kernel(kernel->values.size());
  for (size_t i = 0; i < folded_kernel.size(); ++i) {
    folded_kernel[i] = inv[i % count] * static_cast<float>(kernel->values[i]);
  }
  ir::Layer layer = context.make_layer("Dense", [&] {
    ir::Shape output = input;
    output.back() = units;
    return output;
  }());
  layer.set_attribute("n_in", input.back());
  layer.set_attribute("n_out", units);
  layer.add_weight(make_weight("weight", {input.back(), units}, std::move(folded_kernel)));
  layer.add_weight(make_weight("bias", {units}, std::move(folded_bias)));
  set_quantizer_precision(layer, "", "accum", ir::PrecisionType::automatic());
  set_quantizer_precision(layer, "", "result", ir::PrecisionType::automatic());
  const json kernel_quantizer = context.get<json>("kernel_quantizer", json());
  const bool scaled =
      !kernel_quantizer.is_null() &&
      quantize_kernel(context, layer, "weight", kernel_quantizer, "kernel_quantizer");
  const json bias_quantizer = context.get<json>("bias_quantizer", json());
  if (!bias_quantizer.is_null()) {
    quantize_weight(context, layer, "bias", bias_quantizer, "bias_quantizer");
  } else {
    // The folded bias is always added, unquantized: its float32 values in their exact type.
    set_quantizer_precision(
        layer, "", "bias",
        exact_fixed_type(layer.weight("bias").values, context.where() + " folded bias"));
  }
  if (scaled) {
    move_bias_after_scale(context, layer);
  }
  set_qkeras_activation(context, layer, context.get<json>("activation", json()), "activation.");
  return layer;
}

}  // namespace

void add_qkeras_normalization_converters(ConverterTable& table) {
  table.emplace("QBatchNormalization", convert_qbatchnorm);
  table.emplace("QDenseBatchnorm", convert_qdense_batchnorm);
}

}  // namespace hlsnn::frontend
