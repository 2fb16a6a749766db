// QKeras normalization: QBatchNormalization, and the folded layers QDenseBatchnorm,
// QConv2DBatchnorm and QDepthwiseConv2DBatchnorm (a layer with the BatchNormalization after it
// folded into its kernel and bias, as QKeras trains them).

#include <functional>
#include <utility>

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

/// The names of a layer's weight arrays in QKeras' order (what get_weights() returns): a
/// QBatchNormalization's, or a folded layer's with its kernel `kernel_name` first.
std::vector<std::string> weight_order(const Context& context, const std::string& kernel_name) {
  std::vector<std::string> order;
  if (!kernel_name.empty()) {
    order.push_back(kernel_name);
    if (context.get<bool>("use_bias", true)) order.emplace_back("bias");
  }
  if (context.get<bool>("scale", true)) order.emplace_back("gamma");
  if (context.get<bool>("center", true)) order.emplace_back("beta");
  if (!kernel_name.empty()) order.emplace_back("iteration");
  order.emplace_back("moving_mean");
  order.emplace_back("moving_variance");
  return order;
}

/// The kernel array's name of a folded layer class.
std::string folded_kernel_name(const Context& context) {
  return context.call.class_name == "QDepthwiseConv2DBatchnorm" ? "depthwise_kernel" : "kernel";
}

/// The array `name` of the layer, with the expected number of values.
const std::vector<double>& channel_array(const Context& context, const std::string& name,
                                         int64_t channels) {
  const bool folded = context.call.class_name != "QBatchNormalization";
  const WeightArray* array =
      find_weight(context, name, weight_order(context, folded ? folded_kernel_name(context) : ""));
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

/// The folded layer's kernel (QKeras' `kernel_name`) and bias arrays under the names the
/// plain layer converters expect, so that they build the layer.
std::vector<WeightArray> kernel_and_bias(const Context& context, const std::string& kernel_name) {
  std::vector<WeightArray> arrays;
  const std::vector<std::string> order = weight_order(context, kernel_name);
  const WeightArray* kernel = find_weight(context, kernel_name, order);
  if (kernel == nullptr) {
    context.fail("expects a weight array " + kernel_name, "pass the weights saved with this model");
  }
  arrays.push_back(*kernel);
  if (context.get<bool>("use_bias", true)) {
    const WeightArray* bias = find_weight(context, "bias", order);
    if (bias == nullptr) {
      context.fail("expects a weight array bias", "pass the weights saved with this model");
    }
    arrays.push_back(*bias);
  }
  return arrays;
}

/// QKeras' folding at inference (both folding modes use the moving statistics):
/// inv = rsqrt(moving_variance + epsilon) * gamma per output channel, the kernel times inv (its
/// last axis, or its last two for a depthwise kernel: the output channels) and the bias
/// inv * (bias - moving_mean) + beta, all in float32.
void fold_batchnorm(const Context& context, ir::Layer& layer) {
  const std::string mode = context.get<std::string>("folding_mode", "ema_stats_folding");
  if (mode != "ema_stats_folding" && mode != "batch_stats_folding") {
    context.fail("folding_mode '" + mode + "' is not one QKeras knows",
                 "use ema_stats_folding or batch_stats_folding");
  }
  std::vector<double>& bias = layer.weight("bias").values;
  const auto channels = static_cast<int64_t>(bias.size());
  const size_t count = bias.size();
  if (count == 0) {
    return;  // no output channels (filters=0): nothing to fold
  }
  std::vector<float> variance(count);
  const std::vector<double>& stored_variance = channel_array(context, "moving_variance", channels);
  const auto epsilon = static_cast<float>(context.get<double>("epsilon", 1e-3));
  for (size_t c = 0; c < count; ++c) {
    variance[c] = static_cast<float>(stored_variance[c]) + epsilon;
  }
  std::vector<float> inv = tensorflow_rsqrt(variance);
  const std::vector<double>& mean = channel_array(context, "moving_mean", channels);
  const std::vector<double> zeros(count, 0.0);
  const bool has_gamma = context.get<bool>("scale", true);
  const bool has_beta = context.get<bool>("center", true);
  const std::vector<double>& gamma = has_gamma ? channel_array(context, "gamma", channels) : zeros;
  const std::vector<double>& beta = has_beta ? channel_array(context, "beta", channels) : zeros;
  for (size_t c = 0; c < count; ++c) {
    if (has_gamma) {
      inv[c] = inv[c] * static_cast<float>(gamma[c]);
    }
    const float centered = static_cast<float>(bias[c]) - static_cast<float>(mean[c]);
    const float scaled = inv[c] * centered;
    bias[c] = has_beta ? scaled + static_cast<float>(beta[c]) : scaled;
  }
  std::vector<double>& kernel = layer.weight("weight").values;
  for (size_t i = 0; i < kernel.size(); ++i) {
    kernel[i] = inv[i % count] * static_cast<float>(kernel[i]);
  }
}

/// QDenseBatchnorm, QConv2DBatchnorm, QDepthwiseConv2DBatchnorm: the plain layer `make` builds
/// from the kernel and bias, the BatchNormalization folded in, then the quantizers (the folded
/// bias is always added, unquantized without a bias quantizer: its float32 values, exactly).
Converter folded_converter(const std::string& kernel_name, const char* kernel_key,
                           std::function<ir::Layer(const Context&)> make) {
  return [kernel_name, kernel_key,
          make = std::move(make)](const Context& context) -> std::optional<ir::Layer> {
    const std::vector<WeightArray> arrays = kernel_and_bias(context, kernel_name);
    const Context inner{context.call, context.input_shapes, arrays, context.keras_major_version};
    ir::Layer layer = make(inner);
    fold_batchnorm(context, layer);
    if (context.get<json>("bias_quantizer", json()).is_null()) {
      set_quantizer_precision(
          layer, "", "bias",
          exact_fixed_type(layer.weight("bias").values, context.where() + " folded bias"));
    }
    quantize_layer(context, layer, kernel_key);
    return layer;
  };
}

}  // namespace

void add_qkeras_normalization_converters(ConverterTable& table) {
  table.emplace("QBatchNormalization", convert_qbatchnorm);
  table.emplace("QDenseBatchnorm", folded_converter("kernel", "kernel_quantizer", dense_layer));
  table.emplace("QConv2DBatchnorm",
                folded_converter("kernel", "kernel_quantizer",
                                 [](const Context& context) { return conv_layer(context, 2); }));
  table.emplace(
      "QDepthwiseConv2DBatchnorm",
      folded_converter("depthwise_kernel", "depthwise_quantizer",
                       [](const Context& context) { return depthwise_conv_layer(context, 2); }));
}

}  // namespace hlsnn::frontend
