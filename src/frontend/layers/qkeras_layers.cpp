// QKeras layers: QDense and QActivation, weights quantized as QKeras 0.9.0 does.

#include <algorithm>

#include "frontend/layers/keras_layer_families.h"
#include "frontend/qkeras_quantizers.h"
#include "frontend/qkeras_weight_quantization.h"

namespace hlsnn::frontend {
namespace {

/// Records the type a QKeras quantizer gives `slot`, under `<prefix>quantizer_precision.<slot>`:
/// the config lets it win over the model's default precision. `auto` marks values QKeras keeps
/// in float32, which only an exact type reproduces.
void set_quantizer_precision(ir::Layer& layer, const std::string& prefix, const std::string& slot,
                             const ir::PrecisionType& type) {
  layer.set_attribute(prefix + "quantizer_precision." + slot, type);
  if (prefix.empty()) {
    layer.set_precision(slot, type);
  }
}

/// The activation hlsnn computes a QKeras activation quantizer with, before its result type
/// rounds it: QKeras' tanh and sigmoid quantizers use its hard (slope 1/2) functions.
std::string activation_of(const QKerasQuantizer& quantizer) {
  if (quantizer.is_quantized_relu()) {
    return "relu";
  }
  if (quantizer.is_quantized_tanh()) {
    return "hard_tanh";
  }
  if (quantizer.is_quantized_sigmoid()) {
    return "hard_sigmoid";
  }
  return "linear";
}

/// A QKeras activation (a quantizer, or a plain name) on `layer`, its parameters and result type
/// under `prefix`: quantized_relu is a relu, quantized_bits a linear activation, quantized_tanh
/// and quantized_sigmoid QKeras' hard_tanh and hard_sigmoid, each with the quantizer's
/// saturating, half-to-even rounding result type.
void set_qkeras_activation(const Context& context, ir::Layer& layer, const json& value,
                           const std::string& prefix) {
  const std::string where = context.where() + " activation";
  const QKerasQuantizer quantizer =
      value.is_null() ? QKerasQuantizer{"linear"} : parse_qkeras_quantizer(value, where);
  const std::string activation =
      quantizer.is_plain_activation() ? quantizer.name : activation_of(quantizer);
  set_activation(layer, activation, prefix, context.keras_major_version);
  // QKeras' own hard_sigmoid, found before Keras', is clip(0.5x + 0.5, 0, 1).
  if (activation == "hard_sigmoid") {
    layer.set_attribute(prefix + "slope", 0.5);
  }
  if (quantizer.is_plain_activation()) {
    return;
  }
  set_quantizer_precision(layer, prefix, "result", qkeras_activation_type(quantizer, where));
  // hls4ml names the layer it splits off after the quantizer, not after the computation.
  if (!prefix.empty()) {
    layer.set_attribute(prefix + "config_name", context.call.name + "_" + quantizer.name);
  }
}

/// The quantizer's type when it holds every value, else the exact type of the values (a numeric
/// alpha or a per-element scale moves them off the quantizer's grid).
ir::PrecisionType type_holding(const QKerasQuantizer& quantizer, const std::vector<double>& values,
                               const std::string& where) {
  const ir::PrecisionType type = qkeras_weight_type(quantizer);
  const bool all_held = std::all_of(values.begin(), values.end(),
                                    [&](double value) { return type.is_representable(value); });
  return all_held ? type : exact_fixed_type(values, where);
}

QKerasQuantizer weight_quantizer(const Context& context, const json& value, const char* key) {
  const std::string where = context.where() + " " + key;
  QKerasQuantizer quantizer = parse_qkeras_quantizer(value, where);
  if (!quantizer.is_quantized_bits()) {
    throw Error("the weight quantizer " + quantizer.to_string() + " is not supported", where,
                "quantize weights with quantized_bits");
  }
  return quantizer;
}

/// The kernel as QKeras' QDense multiplies with it. With a scaled quantizer ('auto_po2', 'auto')
/// the kernel keeps the grid values and the layer records the per-unit scales in
/// `alpha.scale`, for insert_apply_alpha to put into a `<layer>_alpha` ApplyAlpha.
void quantize_dense_kernel(const Context& context, ir::Layer& layer, const json& value) {
  const QKerasQuantizer quantizer =
      with_kernel_alpha_default(weight_quantizer(context, value, "kernel_quantizer"));
  ir::Weight& kernel = layer.weight("weight");
  const QKerasQuantizedWeights quantized =
      quantize_qkeras_weights(quantizer, kernel.values, kernel.shape);
  ir::PrecisionType type = qkeras_weight_type(quantizer);
  if (quantized.scales.empty()) {
    kernel.values = quantized.values;
    type = type_holding(quantizer, kernel.values, context.where() + " kernel_quantizer");
  } else {
    const size_t units = quantized.scales.size();
    for (size_t i = 0; i < quantized.values.size(); ++i) {
      // QKeras' last float32 steps can move a value off scale·grid for huge weights; hlsnn would
      // then not reproduce it.
      if (quantizer.alpha == QKerasAlpha::kAutoPo2 &&
          quantized.values[i] != quantized.grid[i] * quantized.scales[i % units]) {
        context.fail("QKeras rounds the kernel value " + ir::format_double(kernel.values[i]) +
                         " off its power-of-two grid",
                     "use alpha=1 for this kernel quantizer");
      }
    }
    kernel.values = quantized.grid;
    layer.set_attribute("alpha.scale", quantized.scales);
    layer.set_attribute("alpha.scale_precision",
                        exact_fixed_type(quantized.scales, context.where() + " kernel_quantizer"));
  }
  set_quantizer_precision(layer, "", "weight", type);
}

/// The bias as QKeras adds it, in the bias quantizer's type (or the exact type of its values
/// when scaled per element).
void quantize_dense_bias(const Context& context, ir::Layer& layer, const json& value) {
  const QKerasQuantizer quantizer = weight_quantizer(context, value, "bias_quantizer");
  ir::Weight& bias = layer.weight("bias");
  bias.values = quantize_qkeras_weights(quantizer, bias.values, bias.shape).values;
  set_quantizer_precision(
      layer, "", "bias", type_holding(quantizer, bias.values, context.where() + " bias_quantizer"));
}

std::optional<ir::Layer> convert_qdense(const Context& context) {
  ir::Layer layer = dense_layer(context);
  // QKeras leaves the layer's sums in float32: exact types reproduce them.
  set_quantizer_precision(layer, "", "accum", ir::PrecisionType::automatic());
  set_quantizer_precision(layer, "", "result", ir::PrecisionType::automatic());
  const json kernel_quantizer = context.get<json>("kernel_quantizer", json());
  if (!kernel_quantizer.is_null()) {
    quantize_dense_kernel(context, layer, kernel_quantizer);
  }
  const json bias_quantizer = context.get<json>("bias_quantizer", json());
  if (!bias_quantizer.is_null() && context.get<bool>("use_bias", true)) {
    quantize_dense_bias(context, layer, bias_quantizer);
  }
  if (layer.has_attribute("alpha.scale")) {
    // The scale applies to the sum, so the bias moves after it, as in the reference tool.
    ir::Weight& bias = layer.weight("bias");
    layer.set_attribute("alpha.bias", bias.values);
    layer.set_attribute("alpha.bias_precision",
                        layer.has_attribute("quantizer_precision.bias")
                            ? layer.attribute<ir::PrecisionType>("quantizer_precision.bias")
                            : exact_fixed_type(bias.values, context.where() + " bias"));
    std::fill(bias.values.begin(), bias.values.end(), 0.0);
  }
  set_qkeras_activation(context, layer, context.get<json>("activation", json()), "activation.");
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
