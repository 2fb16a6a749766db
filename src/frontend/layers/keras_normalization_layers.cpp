// BatchNormalization, as the scale and bias the reference tool computes in float32.

#include <cmath>

#include "frontend/layers/keras_layer_families.h"

namespace hlsnn::frontend {
namespace {

std::optional<ir::Layer> convert_batch_normalization(const Context& context) {
  const ir::Shape& input = context.only_input_shape();
  const json axis_value = context.get<json>("axis", json(-1));
  const json axis = axis_value.is_array() && axis_value.size() == 1 ? axis_value[0] : axis_value;
  const int64_t rank = static_cast<int64_t>(input.size());
  if (!axis.is_number_integer() || (axis.get<int64_t>() != -1 && axis.get<int64_t>() != rank)) {
    context.fail("normalization over axis " + axis_value.dump() + " is not supported",
                 "normalize over the last (channel) axis");
  }
  const int64_t channels = input.back();
  const bool has_gamma = context.get<bool>("scale", true);
  const bool has_beta = context.get<bool>("center", true);
  std::vector<std::pair<std::string, ir::Shape>> expected;
  if (has_gamma) expected.push_back({"gamma", {channels}});
  if (has_beta) expected.push_back({"beta", {channels}});
  expected.push_back({"moving_mean", {channels}});
  expected.push_back({"moving_variance", {channels}});
  context.expect_weights(expected);

  size_t next = 0;
  const std::vector<double>* gamma = has_gamma ? &context.weights[next++].values : nullptr;
  const std::vector<double>* beta = has_beta ? &context.weights[next++].values : nullptr;
  const std::vector<double>& mean = context.weights[next++].values;
  const std::vector<double>& variance = context.weights[next++].values;
  // In float32, as the reference tool computes them with numpy, so the quantized scale and
  // bias come out the same (this file is built without floating-point contraction).
  const float epsilon = static_cast<float>(context.get<double>("epsilon", 1e-3));
  std::vector<double> scale(static_cast<size_t>(channels));
  std::vector<double> bias(static_cast<size_t>(channels));
  for (size_t c = 0; c < scale.size(); ++c) {
    const float g = gamma ? static_cast<float>((*gamma)[c]) : 1.0f;
    const float b = beta ? static_cast<float>((*beta)[c]) : 0.0f;
    const float s = g / std::sqrt(static_cast<float>(variance[c]) + epsilon);
    const float shifted_mean = static_cast<float>(mean[c]) * s;
    scale[c] = s;
    bias[c] = b - shifted_mean;
  }
  ir::Layer layer = context.make_layer("BatchNormalization", input);
  layer.set_attribute("n_filt", channels);
  layer.add_weight(make_weight("scale", {channels}, std::move(scale)));
  layer.add_weight(make_weight("bias", {channels}, std::move(bias)));
  return layer;
}

}  // namespace

void add_normalization_converters(ConverterTable& table) {
  table.emplace("BatchNormalization", convert_batch_normalization);
}

}  // namespace hlsnn::frontend
