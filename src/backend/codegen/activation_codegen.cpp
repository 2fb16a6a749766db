// Activations (elementwise, table-based, hard and parametric), PReLU and Softmax:
// nnet_activation.h, nnet_activation_table.h, nnet_softmax.h.

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "backend/codegen/codegen_common.h"
#include "backend/codegen/layer_families.h"
#include "ir/error.h"
#include "ir/names.h"

namespace hlsnn::backend::codegen {
namespace {

std::string activ_config(const LayerSymbols& layer, const std::string& extra_members) {
  return struct_open(layer, "nnet::activ_config") + unsigned_member("n_in", layer.size) +
         unsigned_member("table_size", table_size(layer)) +
         "  static const unsigned io_type = nnet::io_parallel;\n" +
         unsigned_member("reuse_factor", reuse_factor(layer)) +
         typedef_member(layer.layer->has_precision("table") ? cpp_type(*layer.layer, "table")
                                                            : "ap_fixed<18,8>",
                        "table_t") +
         extra_members + "};\n";
}

bool is_accurate(const ir::Layer& layer) {
  return ir::get_attribute_or<std::string>(layer.options.extra, "implementation", "",
                                           layer.description()) == "accurate";
}

/// The result type with AP_RND and AP_SAT: hlsnn's accurate kernels round into the result's grid
/// through it, whatever the result's own modes.
std::string rounding_result_member(const LayerSymbols& layer) {
  const ir::PrecisionType& result = result_precision(layer);
  const int integer_bits = result.is_integer() ? result.width() : result.integer_bits();
  return typedef_member(ir::PrecisionType::fixed(result.width(), integer_bits, result.is_signed(),
                                                 ir::RoundingMode::kRnd, ir::OverflowMode::kSat)
                            .to_cpp(),
                        "res_round_t");
}

/// The unsigned type that holds 1 + |x| exactly for every x of `input` (softsign's reciprocal).
ir::PrecisionType one_plus_magnitude_type(const ir::PrecisionType& input) {
  const int magnitude_bits = input.is_integer() ? input.width() : input.integer_bits();
  const int integer_bits = std::max(magnitude_bits, 1) + 1;
  const int fraction_bits = input.is_integer() ? 0 : std::max(input.fractional_bits(), 0);
  return ir::PrecisionType::fixed(integer_bits + fraction_bits, integer_bits, false);
}

/// hlsnn's accurate table activations (nnet_activation_accurate.h), as choose_table_types sized
/// them.
std::string accurate_members(const LayerSymbols& layer, const std::string& function) {
  const ir::Layer& ir_layer = *layer.layer;
  std::string members = rounding_result_member(layer);
  if (function == "softsign") {
    const ir::PrecisionType& input = layer.inputs[0]->layer->precision("result");
    return members + typedef_member(one_plus_magnitude_type(input).to_cpp(), "inv_inp_t");
  }
  const double range =
      ir::get_attribute<double>(ir_layer.options.extra, "table_range", ir_layer.description());
  const int address_bits = static_cast<int>(std::log2(static_cast<double>(table_size(layer))));
  const ir::PrecisionType index = ir::PrecisionType::fixed(
      address_bits, std::ilogb(range), false, ir::RoundingMode::kRnd, ir::OverflowMode::kSat);
  return members + typedef_member(index.to_cpp(), "index_t");
}

LayerCode activation(const LayerSymbols& layer, const ir::ModelSettings& settings) {
  const ir::Layer& ir_layer = *layer.layer;
  require_inputs(layer, 1);
  if (std::optional<LayerCode> code = qkeras_activation(layer)) {
    return *code;
  }
  const std::string function = ir_layer.attribute<std::string>("activation");
  static const std::vector<std::string> plain = {"linear", "relu",     "relu6",    "sigmoid",
                                                 "tanh",   "softplus", "softsign", "selu"};
  // The parameter's type is the `param` slot, as in the reference.
  static const std::map<std::string, std::string> with_parameter = {
      {"leaky_relu", "alpha"}, {"thresholded_relu", "theta"}, {"elu", "alpha"}};
  LayerCode code;
  code.headers = {"nnet_activation.h"};
  const bool accurate = is_accurate(ir_layer);
  const std::string extra_members = accurate ? accurate_members(layer, function) : "";
  const std::string kernel = accurate ? "accurate::" + function : function;
  if (accurate) code.headers.push_back("nnet_activation_accurate.h");
  if (std::find(plain.begin(), plain.end(), function) != plain.end()) {
    code.config = activ_config(layer, extra_members);
    code.call = kernel_call(layer, kernel);
  } else if (const auto found = with_parameter.find(function); found != with_parameter.end()) {
    const std::string param_type = ir_layer.has_precision("param")
                                       ? cpp_type(ir_layer, "param")
                                       : settings.default_precision.to_cpp();
    code.config = activ_config(layer, typedef_member(param_type, "param_t") + extra_members);
    code.call = kernel_call(layer, kernel, param_type, literal(layer, found->second));
  } else if (function == "hard_sigmoid" || function == "hard_tanh") {
    code.config = struct_open(layer, "") + unsigned_member("n_in", layer.size) +
                  "  static const ap_ufixed<16, 0> slope;\n"
                  "  static const ap_ufixed<2, 0> shift;\n"
                  "  static const unsigned io_type = nnet::io_parallel;\n" +
                  unsigned_member("reuse_factor", reuse_factor(layer)) + "};\n" +
                  "const ap_ufixed<16, 0> " + layer.config +
                  "::slope = " + literal(layer, "slope") + ";\nconst ap_ufixed<2, 0> " +
                  layer.config + "::shift = " + literal(layer, "offset") + ";\n";
    code.call = kernel_call(layer, function);
  } else {
    throw Error("activation " + ir::display_name(function) + " has no code generator",
                ir_layer.description(), "not yet supported; use another activation");
  }
  return code;
}

LayerCode prelu(const LayerSymbols& layer, const ir::ModelSettings&) {
  require_inputs(layer, 1);
  const std::string alpha_type = cpp_type(*layer.layer, "alpha");
  LayerCode code;
  code.headers = {"nnet_activation.h"};
  code.config = activ_config(layer, typedef_member(alpha_type, "param_t"));
  code.call = kernel_call(layer, "prelu", alpha_type, layer.weight_arrays.at("alpha"));
  return code;
}

LayerCode softmax(const LayerSymbols& layer, const ir::ModelSettings&) {
  const ir::Layer& ir_layer = *layer.layer;
  require_inputs(layer, 1);
  const ir::Shape& shape = ir_layer.output().shape;
  const int64_t axis = ir_layer.attribute_or<int64_t>("axis", -1);
  if (axis != -1 && axis != static_cast<int64_t>(shape.size()) - 1) {
    throw Error("softmax over an axis other than the last is not supported yet",
                ir_layer.description(), "apply softmax over the last axis");
  }
  const int64_t n_slice = shape.back();
  const std::string implementation = ir::get_attribute_or<std::string>(
      ir_layer.options.extra, "implementation", "stable", ir_layer.description());
  // Sizes and inp_norm as choose_table_types set them.
  const auto size = [&](const char* key) {
    return ir::get_attribute<int64_t>(ir_layer.options.extra, key, ir_layer.description());
  };
  LayerCode code;
  code.headers = {"nnet_activation.h"};
  code.config = struct_open(layer, "nnet::activ_config") + unsigned_member("n_in", layer.size) +
                unsigned_member("n_slice", n_slice) +
                unsigned_member("n_outer", layer.size / n_slice) + unsigned_member("n_inner", 1) +
                "  static const unsigned parallelization_factor = -1;\n" +
                unsigned_member("exp_table_size", size("exp_table_size")) +
                unsigned_member("inv_table_size", size("inv_table_size")) +
                "  static const unsigned io_type = nnet::io_parallel;\n" +
                unsigned_member("reuse_factor", reuse_factor(layer)) +
                "  static const unsigned axis = -1;\n"
                "  static const nnet::softmax_implementation implementation =\n"
                "      nnet::softmax_implementation::" +
                implementation + ";\n  static constexpr float exp_scale = 1.0;\n" +
                typedef_member(cpp_type(ir_layer, "exp_table"), "exp_table_t") +
                typedef_member(cpp_type(ir_layer, "inv_table"), "inv_table_t") +
                typedef_member(cpp_type(ir_layer, "accum"), "accum_t") +
                typedef_member(cpp_type(ir_layer, "inv_inp"), "inv_inp_t") +
                typedef_member(cpp_type(ir_layer, "inp_norm"), "inp_norm_t") +
                (implementation == "accurate" ? rounding_result_member(layer) : "") + "};\n";
  code.call = kernel_call(layer, layer.size == n_slice ? "softmax" : "softmax_multidim");
  return code;
}

}  // namespace

void add_activation_generators(GeneratorTable& table) {
  table.emplace("Activation", activation);
  table.emplace("PReLU", prelu);
  table.emplace("Softmax", softmax);
}

}  // namespace hlsnn::backend::codegen
