// QKeras layers: QDense and QActivation, weights quantized as QKeras 0.9.0 does.

#include "frontend/layers/keras_layer_families.h"
#include "frontend/layers/qkeras_layer_helpers.h"

namespace hlsnn::frontend {
namespace {

std::optional<ir::Layer> convert_qdense(const Context& context) {
  ir::Layer layer = dense_layer(context);
  quantize_layer(context, layer, "kernel_quantizer");
  return layer;
}

std::optional<ir::Layer> convert_qactivation(const Context& context) {
  const json value = context.get<json>("activation", json());
  if (!value.is_null()) {
    const QKerasQuantizer quantizer =
        parse_qkeras_quantizer(value, context.where() + " activation");
    if (quantizer.is_plain_activation() && quantizer.name == "softmax") {
      ir::Layer layer = context.make_layer("Softmax", context.only_input_shape());
      layer.set_attribute("axis", int64_t{-1});
      return layer;
    }
  }
  ir::Layer layer = context.make_layer("Activation", context.only_input_shape());
  set_qkeras_activation(context, layer, value, "");
  return layer;
}

}  // namespace

void add_qkeras_converters(ConverterTable& table) {
  table.emplace("QDense", convert_qdense);
  table.emplace("QActivation", convert_qactivation);
}

}  // namespace hlsnn::frontend
