// QKeras convolutions and pooling on the layers of keras_conv_layers.cpp: QConv1D, QConv2D,
// QDepthwiseConv2D, QSeparableConv1D/2D, QAveragePooling2D and QGlobalAveragePooling2D, weights
// quantized as QKeras 0.9.0 does.

#include "frontend/layers/keras_layer_families.h"
#include "frontend/layers/keras_sliding_window.h"
#include "frontend/layers/qkeras_layer_helpers.h"
#include "frontend/qkeras_weight_quantization.h"

namespace hlsnn::frontend {
namespace {

/// QSeparableConv1D/2D: both kernels get QKeras' kernel default and keep the values QKeras
/// convolves with (power-of-two scales folded in, exactly: a depthwise scale per depth multiple
/// cannot move past the pointwise sums); the intermediate and the sums stay exact.
std::optional<ir::Layer> convert_qseparable(const Context& context, int dimensions) {
  ir::Layer layer = separable_conv_layer(context, dimensions);
  for (const char* slot : {"depthwise_accum", "depthwise_result", "pointwise_accum", "result"}) {
    set_quantizer_precision(layer, "", slot, ir::PrecisionType::automatic());
  }
  for (const auto& [weight, key] :
       {std::pair<const char*, const char*>{"depthwise", "depthwise_quantizer"},
        std::pair<const char*, const char*>{"pointwise", "pointwise_quantizer"}}) {
    const json quantizer = context.get<json>(key, json());
    if (!quantizer.is_null()) {
      quantize_weight(context, layer, weight, quantizer, key, true);
    }
  }
  const json bias_quantizer = context.get<json>("bias_quantizer", json());
  if (!bias_quantizer.is_null() && context.get<bool>("use_bias", true)) {
    quantize_weight(context, layer, "bias", bias_quantizer, "bias_quantizer");
  }
  set_qkeras_activation(context, layer, context.get<json>("activation", json()), "activation.");
  return layer;
}

/// QAveragePooling2D / QGlobalAveragePooling2D with an average_quantizer: QKeras multiplies the
/// average by the pool area, then by the quantized 1/area, which is the window's sum times that
/// constant: a depthwise convolution whose weights are all that constant. (QKeras rounds the
/// average to float32 first, exactly when the area is a power of two; see the README.)
ir::Layer quantized_average(const Context& context, const SlidingWindow& window, ir::Shape output) {
  const std::string where = context.where() + " average_quantizer";
  if (window.pad_top + window.pad_bottom + window.pad_left + window.pad_right > 0) {
    context.fail("average pooling with padding 'same' over partial windows is not supported",
                 "use padding='valid', or a pool size that tiles the input");
  }
  const QKerasQuantizer quantizer =
      parse_qkeras_quantizer(context.get<json>("average_quantizer", json()), where);
  const double area = static_cast<double>(window.height * window.width);
  const double factor = quantize_qkeras_weights(quantizer, {1.0 / area}, {1}, where).values[0];
  ir::Layer layer = context.make_layer("DepthwiseConv2D", std::move(output));
  window.set_attributes(layer, "filt");
  layer.set_attribute("depth_multiplier", int64_t{1});
  layer.set_attribute("n_filt", window.n_chan);
  const ir::Shape kernel = {window.height, window.width, window.n_chan, 1};
  layer.add_weight(
      make_weight("weight", kernel,
                  std::vector<double>(static_cast<size_t>(ir::element_count(kernel)), factor)));
  layer.add_weight(make_weight("bias", {window.n_chan},
                               std::vector<double>(static_cast<size_t>(window.n_chan), 0.0)));
  set_quantizer_precision(layer, "", "weight", exact_fixed_type({factor}, where));
  set_quantizer_precision(layer, "", "bias", ir::PrecisionType::fixed(1, 1, false));
  set_quantizer_precision(layer, "", "accum", ir::PrecisionType::automatic());
  set_quantizer_precision(layer, "", "result", ir::PrecisionType::automatic());
  return layer;
}

/// Without an average_quantizer, Keras' own average pooling; QKeras' activation after either.
std::optional<ir::Layer> convert_qaverage_pooling(const Context& context, bool global) {
  if (context.get<json>("average_quantizer", json()).is_null()) {
    std::optional<ir::Layer> layer = global ? convert_global_pooling(context, 2, "average")
                                            : convert_pooling(context, 2, "average");
    set_qkeras_activation(context, *layer, context.get<json>("activation", json()), "activation.");
    return layer;
  }
  const SlidingWindow window = global ? read_global_window(context, 2)
                                      : read_sliding_window(context, 2, WindowKind::kPooling);
  ir::Shape output = window.output_shape(window.n_chan);
  if (global && !context.get<bool>("keepdims", false)) {
    output = {window.n_chan};
  }
  ir::Layer layer = quantized_average(context, window, output);
  set_qkeras_activation(context, layer, context.get<json>("activation", json()), "activation.");
  return layer;
}

}  // namespace

void add_qkeras_conv_converters(ConverterTable& table) {
  for (int dimensions : {1, 2}) {
    const std::string suffix = std::to_string(dimensions) + "D";
    table.emplace("QConv" + suffix, [dimensions](const Context& context) {
      ir::Layer layer = conv_layer(context, dimensions);
      quantize_layer(context, layer, "kernel_quantizer");
      return std::optional<ir::Layer>(std::move(layer));
    });
    table.emplace("QSeparableConv" + suffix, [dimensions](const Context& context) {
      return convert_qseparable(context, dimensions);
    });
  }
  table.emplace("QDepthwiseConv2D", [](const Context& context) {
    ir::Layer layer = depthwise_conv_layer(context, 2);
    quantize_layer(context, layer, "depthwise_quantizer");
    return std::optional<ir::Layer>(std::move(layer));
  });
  table.emplace("QAveragePooling2D",
                [](const Context& context) { return convert_qaverage_pooling(context, false); });
  table.emplace("QGlobalAveragePooling2D",
                [](const Context& context) { return convert_qaverage_pooling(context, true); });
}

}  // namespace hlsnn::frontend
