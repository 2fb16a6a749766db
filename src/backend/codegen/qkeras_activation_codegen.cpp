// QKeras activation quantizers that need kernels of their own (nnet_qkeras.h): quantized_relu
// with a slope or a bound, the power-of-two quantizers, binary / ternary / bernoulli, and the
// tabulated float32 functions (use_real_tanh, use_real_sigmoid, quantized_hswish).

#include <cmath>

#include "backend/codegen/codegen_common.h"
#include "backend/codegen/layer_families.h"
#include "ir/attribute.h"
#include "ir/error.h"

namespace hlsnn::backend::codegen {
namespace {

std::string double_literal(double value) {
  std::string text = ir::format_double(value);
  if (text.find_first_of(".en") == std::string::npos) {
    text += ".0";
  }
  return text;
}

std::string double_member(const std::string& name, double value) {
  return "  static constexpr double " + name + " = " + double_literal(value) + ";\n";
}

std::string bool_member(const std::string& name, bool value) {
  return "  static const bool " + name + " = " + (value ? "true" : "false") + ";\n";
}

std::string int_member(const std::string& name, int64_t value) {
  return "  static const int " + name + " = " + std::to_string(value) + ";\n";
}

/// The narrowest ap type holding the float32 value `value` exactly (24 significant bits).
std::string float32_type(double value) {
  if (value == 0.0) {
    return "ap_ufixed<1, 1>";
  }
  int exponent = 0;
  std::frexp(std::fabs(value), &exponent);
  const int sign = value < 0 ? 1 : 0;
  return std::string(sign != 0 ? "ap_fixed<" : "ap_ufixed<") + std::to_string(24 + sign) + ", " +
         std::to_string(exponent + sign) + ">";
}

std::string config_open(const LayerSymbols& layer) {
  return struct_open(layer, "") + unsigned_member("n_in", layer.size) +
         "  static const unsigned io_type = nnet::io_parallel;\n" +
         unsigned_member("reuse_factor", reuse_factor(layer));
}

double attribute(const LayerSymbols& layer, const std::string& name, double fallback = 0.0) {
  return layer.layer->attribute_or<double>(name, fallback);
}

LayerCode clipped_relu(const LayerSymbols& layer) {
  LayerCode code;
  const double slope = attribute(layer, "alpha");
  code.config = config_open(layer) + typedef_member(float32_type(slope), "slope_t") +
                double_member("slope", slope) +
                double_member("lower_bound", attribute(layer, "lower_bound")) +
                double_member("upper_bound", attribute(layer, "upper_bound")) + "};\n";
  code.call = kernel_call(layer, "clipped_relu");
  return code;
}

LayerCode po2_activation(const LayerSymbols& layer) {
  const ir::Layer& ir_layer = *layer.layer;
  const auto min_exponent = ir_layer.attribute<int64_t>("min_exponent");
  const auto max_exponent = ir_layer.attribute<int64_t>("max_exponent");
  const double slope = attribute(layer, "alpha");
  const bool has_max = ir_layer.has_attribute("max_value");
  const double max_value = attribute(layer, "max_value");
  LayerCode code;
  code.config =
      config_open(layer) + int_member("min_exponent", min_exponent) +
      int_member("max_exponent", max_exponent) +
      bool_member("is_signed", ir_layer.attribute<bool>("signed")) +
      bool_member("has_slope", slope != 0.0) + typedef_member(float32_type(slope), "slope_t") +
      double_member("slope", slope) + bool_member("has_max_value", has_max) +
      typedef_member(float32_type(max_value), "max_t") + double_member("max_value", max_value) +
      typedef_member("ap_ufixed<" + std::to_string(max_exponent - min_exponent + 1) + ", " +
                         std::to_string(max_exponent + 1) + ">",
                     "power_t") +
      "};\n";
  code.call = kernel_call(layer, "po2_activation");
  return code;
}

LayerCode step_activation(const LayerSymbols& layer) {
  const double threshold = attribute(layer, "threshold");
  LayerCode code;
  code.config =
      config_open(layer) +
      bool_member("ternary", layer.layer->attribute<std::string>("activation") == "ternary") +
      typedef_member(float32_type(threshold), "threshold_t") +
      double_member("threshold", threshold) + double_member("high", attribute(layer, "high")) +
      double_member("low", attribute(layer, "low")) + "};\n";
  code.call = kernel_call(layer, "step_activation");
  return code;
}

LayerCode table_activation(const LayerSymbols& layer) {
  // The pre-flight checks keep the input narrow enough for a table of every code.
  const ir::Layer& ir_layer = *layer.layer;
  const std::string table = ir_layer.attribute<std::string>("table");
  const std::string bits = std::to_string(ir_layer.attribute<int64_t>("bits"));
  const std::string symmetric = ir_layer.attribute_or<bool>("symmetric", false) ? "true" : "false";
  std::string shape;
  std::string function;
  if (table == "real_tanh") {
    function = "nnet::QKerasRealTanh<" + bits + ", " + symmetric + ">";
  } else if (table == "real_sigmoid") {
    function = "nnet::QKerasRealSigmoid<" + bits + ">";
  } else if (table == "hswish") {
    shape = "  struct shape {\n  " +
            double_member("relu_shift", static_cast<float>(attribute(layer, "relu_shift"))) + "  " +
            double_member("relu_upper_bound",
                          static_cast<float>(attribute(layer, "relu_upper_bound"))) +
            "  };\n";
    function = "nnet::QKerasHswish<" + bits + ", " +
               std::to_string(ir_layer.attribute<int64_t>("integer")) + ", " + symmetric +
               ", shape>";
  } else {
    throw Error("table " + ir::display_name(table) + " has no code generator",
                ir_layer.description(), "not yet supported");
  }
  LayerCode code;
  code.config = config_open(layer) + shape + typedef_member(function, "function") + "};\n";
  code.call = kernel_call(layer, "qkeras_table_activation");
  return code;
}

}  // namespace

std::optional<LayerCode> qkeras_activation(const LayerSymbols& layer) {
  const ir::Layer& ir_layer = *layer.layer;
  const std::string function = ir_layer.attribute<std::string>("activation");
  std::optional<LayerCode> code;
  if (ir_layer.has_attribute("table")) {
    code = table_activation(layer);
  } else if ((function == "relu" || function == "leaky_relu") &&
             ir_layer.has_attribute("lower_bound")) {
    code = clipped_relu(layer);
  } else if (function == "quantized_po2" || function == "quantized_relu_po2") {
    code = po2_activation(layer);
  } else if (function == "binary" || function == "ternary" || function == "bernoulli") {
    code = step_activation(layer);
  }
  if (code) {
    require_inputs(layer, 1);
    code->headers = {"nnet_qkeras.h"};
  }
  return code;
}

}  // namespace hlsnn::backend::codegen
