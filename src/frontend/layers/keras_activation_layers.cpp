// Activation, ReLU, LeakyReLU, ELU, PReLU, ThresholdedReLU and Softmax layers.

#include "frontend/keras_activations.h"
#include "frontend/layers/keras_layer_families.h"

namespace hlsnn::frontend {
namespace {

std::optional<ir::Layer> convert_activation(const Context& context) {
  const std::string name =
      keras_activation_name(context.get<json>("activation", json("linear")), context.where());
  if (name == "softmax") {
    ir::Layer layer = context.make_layer("Softmax", context.only_input_shape());
    layer.set_attribute("axis", int64_t{-1});
    return layer;
  }
  return activation_layer(context, name);
}

std::optional<ir::Layer> convert_relu(const Context& context) {
  const double negative_slope = context.get<double>("negative_slope", 0.0);
  const double threshold = context.get<double>("threshold", 0.0);
  const json max_value = context.get<json>("max_value", json());
  if (threshold != 0.0) {
    context.fail("ReLU with threshold " + ir::format_double(threshold) + " is not supported",
                 "use ThresholdedReLU, or ReLU without a threshold");
  }
  if (!max_value.is_null()) {
    if (!max_value.is_number() || max_value.get<double>() != 6.0 || negative_slope != 0.0) {
      context.fail("ReLU with max_value " + max_value.dump() + " and negative_slope " +
                       ir::format_double(negative_slope) + " is not supported",
                   "use max_value=6 (relu6) or no max_value");
    }
    return activation_layer(context, "relu6");
  }
  if (negative_slope != 0.0) {
    ir::Layer layer = activation_layer(context, "leaky_relu");
    layer.set_attribute("alpha", negative_slope);
    return layer;
  }
  return activation_layer(context, "relu");
}

std::optional<ir::Layer> convert_leaky_relu(const Context& context) {
  ir::Layer layer = activation_layer(context, "leaky_relu");
  // Keras 2 calls the slope `alpha`, Keras 3 `negative_slope`; the defaults differ too.
  const double alpha = context.call.config.contains("negative_slope")
                           ? context.get<double>("negative_slope", 0.2)
                           : context.get<double>("alpha", 0.3);
  layer.set_attribute("alpha", alpha);
  return layer;
}

std::optional<ir::Layer> convert_elu(const Context& context) {
  ir::Layer layer = activation_layer(context, "elu");
  layer.set_attribute("alpha", context.get<double>("alpha", 1.0));
  return layer;
}

std::optional<ir::Layer> convert_thresholded_relu(const Context& context) {
  ir::Layer layer = activation_layer(context, "thresholded_relu");
  layer.set_attribute("theta", context.get<double>("theta", 1.0));
  return layer;
}

std::optional<ir::Layer> convert_prelu(const Context& context) {
  const ir::Shape& input = context.only_input_shape();
  ir::Shape alpha_shape = input;
  for (const json& axis : context.get<json>("shared_axes", json::array())) {
    const int64_t with_batch = axis.get<int64_t>();
    if (with_batch < 1 || with_batch > static_cast<int64_t>(input.size())) {
      context.fail("shared_axes holds axis " + std::to_string(with_batch) + " outside the input",
                   "use axes between 1 and the input's rank");
    }
    alpha_shape[static_cast<size_t>(with_batch - 1)] = 1;
  }
  context.expect_weights({{"alpha", alpha_shape}});
  // Spread the shared values over the full shape, so the kernel needs no broadcasting rule.
  std::vector<double> full(static_cast<size_t>(ir::element_count(input)));
  for (size_t flat = 0; flat < full.size(); ++flat) {
    size_t remainder = flat;
    size_t alpha_index = 0;
    size_t alpha_stride = 1;
    for (size_t axis = input.size(); axis-- > 0;) {
      const size_t coordinate = remainder % static_cast<size_t>(input[axis]);
      remainder /= static_cast<size_t>(input[axis]);
      if (alpha_shape[axis] != 1) alpha_index += coordinate * alpha_stride;
      alpha_stride *= static_cast<size_t>(alpha_shape[axis]);
    }
    full[flat] = context.weights[0].values[alpha_index];
  }
  ir::Layer layer = context.make_layer("PReLU", input);
  layer.add_weight(make_weight("alpha", input, std::move(full)));
  return layer;
}

std::optional<ir::Layer> convert_softmax(const Context& context) {
  const ir::Shape& input = context.only_input_shape();
  const json axis = context.get<json>("axis", json(-1));
  const bool last_axis =
      axis.is_number_integer() &&
      (axis.get<int64_t>() == -1 || axis.get<int64_t>() == static_cast<int64_t>(input.size()));
  if (!last_axis) {
    context.fail("softmax over axis " + axis.dump() + " is not supported",
                 "apply softmax over the last axis");
  }
  ir::Layer layer = context.make_layer("Softmax", input);
  layer.set_attribute("axis", int64_t{-1});
  return layer;
}

}  // namespace

void add_activation_converters(ConverterTable& table) {
  table.emplace("Activation", convert_activation);
  table.emplace("ReLU", convert_relu);
  table.emplace("LeakyReLU", convert_leaky_relu);
  table.emplace("ELU", convert_elu);
  table.emplace("PReLU", convert_prelu);
  table.emplace("ThresholdedReLU", convert_thresholded_relu);
  table.emplace("Softmax", convert_softmax);
}

}  // namespace hlsnn::frontend
