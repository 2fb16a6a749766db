// Conv1D, Conv2D, DepthwiseConv1D, DepthwiseConv2D, SeparableConv1D and SeparableConv2D,
// channels last. A 1x1 convolution is a Conv of a 1x1 window (the backend gives it its own
// kernel). SeparableConv stays one layer: a depthwise and a pointwise convolution with an
// intermediate type of its own, as the reference computes it.

#include "frontend/keras_activations.h"
#include "frontend/layers/keras_layer_families.h"
#include "frontend/layers/keras_sliding_window.h"

namespace hlsnn::frontend {
namespace {

/// {height, width} of a 2-D window, {width} of a 1-D one, followed by `rest`.
ir::Shape kernel_shape(const SlidingWindow& window, const ir::Shape& rest) {
  ir::Shape shape =
      window.two_dimensional ? ir::Shape{window.height, window.width} : ir::Shape{window.width};
  shape.insert(shape.end(), rest.begin(), rest.end());
  return shape;
}

std::string class_name(const char* stem, int dimensions) {
  return std::string(stem) + std::to_string(dimensions) + "D";
}

/// The bias the file holds, or zeros: every convolution adds one, so that all have one form.
std::vector<double> bias_or_zeros(const Context& context, bool use_bias, size_t index,
                                  std::int64_t size) {
  return use_bias ? context.weights[index].values
                  : std::vector<double>(static_cast<size_t>(size), 0.0);
}

/// A positive count from the config; `fallback` (Keras' default) when absent, 0 for none.
std::int64_t read_positive(const Context& context, const char* key, std::int64_t fallback) {
  const std::int64_t value = context.get<std::int64_t>(key, fallback);
  if (value < 1) {
    context.fail(std::string("config key '") + key + "' is " + std::to_string(value) +
                     ", expected a positive integer",
                 "save the model again with the Keras that trained it");
  }
  return value;
}

std::optional<ir::Layer> with_activation(const Context& context, ir::Layer layer) {
  const std::string activation =
      keras_activation_name(context.get<json>("activation", json("linear")), context.where());
  set_activation(layer, activation, "activation.", context.keras_major_version);
  return layer;
}

}  // namespace

ir::Layer conv_layer(const Context& context, int dimensions) {
  const SlidingWindow window = read_sliding_window(context, dimensions, WindowKind::kConvolution);
  const std::int64_t n_filt = read_positive(context, "filters", 0);
  const bool use_bias = context.get<bool>("use_bias", true);
  const ir::Shape kernel = kernel_shape(window, {window.n_chan, n_filt});
  std::vector<std::pair<std::string, ir::Shape>> expected = {{"kernel", kernel}};
  if (use_bias) expected.push_back({"bias", {n_filt}});
  context.expect_weights(expected);

  ir::Layer layer = context.make_layer(class_name("Conv", dimensions), window.output_shape(n_filt));
  window.set_attributes(layer, "filt");
  layer.set_attribute("n_filt", n_filt);
  layer.add_weight(make_weight("weight", kernel, context.weights[0].values));
  layer.add_weight(make_weight("bias", {n_filt}, bias_or_zeros(context, use_bias, 1, n_filt)));
  return layer;
}

ir::Layer depthwise_conv_layer(const Context& context, int dimensions) {
  const SlidingWindow window = read_sliding_window(context, dimensions, WindowKind::kConvolution);
  const std::int64_t multiplier = read_positive(context, "depth_multiplier", 1);
  const std::int64_t n_filt = window.n_chan * multiplier;
  const bool use_bias = context.get<bool>("use_bias", true);
  const ir::Shape kernel = kernel_shape(window, {window.n_chan, multiplier});
  std::vector<std::pair<std::string, ir::Shape>> expected = {{"depthwise_kernel", kernel}};
  if (use_bias) expected.push_back({"bias", {n_filt}});
  context.expect_weights(expected);

  ir::Layer layer =
      context.make_layer(class_name("DepthwiseConv", dimensions), window.output_shape(n_filt));
  window.set_attributes(layer, "filt");
  layer.set_attribute("depth_multiplier", multiplier);
  layer.set_attribute("n_filt", n_filt);
  layer.add_weight(make_weight("weight", kernel, context.weights[0].values));
  layer.add_weight(make_weight("bias", {n_filt}, bias_or_zeros(context, use_bias, 1, n_filt)));
  return layer;
}

ir::Layer separable_conv_layer(const Context& context, int dimensions) {
  const SlidingWindow window = read_sliding_window(context, dimensions, WindowKind::kConvolution);
  const std::int64_t multiplier = read_positive(context, "depth_multiplier", 1);
  const std::int64_t n_filt = read_positive(context, "filters", 0);
  const std::int64_t depthwise_filters = window.n_chan * multiplier;
  const bool use_bias = context.get<bool>("use_bias", true);
  const ir::Shape depthwise = kernel_shape(window, {window.n_chan, multiplier});
  const ir::Shape pointwise = dimensions == 2 ? ir::Shape{1, 1, depthwise_filters, n_filt}
                                              : ir::Shape{1, depthwise_filters, n_filt};
  std::vector<std::pair<std::string, ir::Shape>> expected = {{"depthwise_kernel", depthwise},
                                                             {"pointwise_kernel", pointwise}};
  if (use_bias) expected.push_back({"bias", {n_filt}});
  context.expect_weights(expected);

  ir::Layer layer =
      context.make_layer(class_name("SeparableConv", dimensions), window.output_shape(n_filt));
  window.set_attributes(layer, "filt");
  layer.set_attribute("depth_multiplier", multiplier);
  layer.set_attribute("n_filt", n_filt);
  layer.add_weight(make_weight("depthwise", depthwise, context.weights[0].values));
  layer.add_weight(make_weight("pointwise", pointwise, context.weights[1].values));
  layer.add_weight(make_weight("bias", {n_filt}, bias_or_zeros(context, use_bias, 2, n_filt)));
  return layer;
}

void add_conv_notes(OptionNotes& notes) {
  for (int dimensions : {1, 2}) {
    const std::string common = std::string("padding valid/same") +
                               (dimensions == 1 ? "/causal" : "") +
                               ", strides, use_bias, activation; channels_last, dilation_rate 1";
    notes[class_name("Conv", dimensions)] =
        "filters, kernel_size (1x1: pointwise), " + common + ", groups 1";
    notes[class_name("DepthwiseConv", dimensions)] = "depth_multiplier, " + common;
    notes[class_name("SeparableConv", dimensions)] =
        "filters, depth_multiplier, " + common + " (a depthwise and a pointwise step)";
  }
}

void add_conv_converters(ConverterTable& table) {
  for (int dimensions : {1, 2}) {
    table.emplace(class_name("Conv", dimensions), [dimensions](const Context& context) {
      return with_activation(context, conv_layer(context, dimensions));
    });
    table.emplace(class_name("DepthwiseConv", dimensions), [dimensions](const Context& context) {
      return with_activation(context, depthwise_conv_layer(context, dimensions));
    });
    table.emplace(class_name("SeparableConv", dimensions), [dimensions](const Context& context) {
      return with_activation(context, separable_conv_layer(context, dimensions));
    });
  }
}

}  // namespace hlsnn::frontend
