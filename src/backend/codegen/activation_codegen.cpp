// Activations (elementwise, table-based, hard and parametric), PReLU and Softmax:
// nnet_activation.h, nnet_activation_table.h, nnet_softmax.h.

#include <algorithm>
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

LayerCode activation(const LayerSymbols& layer, const ir::ModelSettings& settings) {
  const ir::Layer& ir_layer = *layer.layer;
  require_inputs(layer, 1);
  if (std::optional<LayerCode> code = qkeras_activation(layer)) {
    return *code;
  }
  const std::string function = ir_layer.attribute<std::string>("activation");
  static const std::vector<std::string> plain = {"linear", "relu",     "relu6",    "sigmoid",
                                                 "tanh",   "softplus", "softsign", "selu"};
  // The parameter's type is the model default, as in the reference (its `param` slot).
  static const std::map<std::string, std::string> with_parameter = {
      {"leaky_relu", "alpha"}, {"thresholded_relu", "theta"}, {"elu", "alpha"}};
  LayerCode code;
  code.headers = {"nnet_activation.h"};
  if (std::find(plain.begin(), plain.end(), function) != plain.end()) {
    code.config = activ_config(layer, "");
    code.call = kernel_call(layer, function);
  } else if (const auto found = with_parameter.find(function); found != with_parameter.end()) {
    const std::string param_type = settings.default_precision.to_cpp();
    code.config = activ_config(layer, typedef_member(param_type, "param_t"));
    code.call = kernel_call(layer, function, param_type, literal(layer, found->second));
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
  int64_t exp_table_size = table_size(layer);
  const int64_t inv_table_size = table_size(layer);
  std::string inp_norm_type = "ap_fixed<1,0>";  // unused outside `stable`
  if (implementation == "stable") {
    // The reference's default: unsigned, one bit narrower than the input when it is signed, and
    // an exp table no larger than that type can address.
    const ir::PrecisionType& input = layer.inputs[0]->layer->precision("result");
    const int sign_bit = input.is_signed() ? 1 : 0;
    const int width = input.width() - sign_bit;
    inp_norm_type = "ap_ufixed<" + std::to_string(width) + ", " +
                    std::to_string(input.integer_bits() - sign_bit) + ">";
    if (input.is_signed() && width < 62) {
      exp_table_size = std::min<int64_t>(inv_table_size, int64_t{1} << width);
    }
  }
  LayerCode code;
  code.headers = {"nnet_activation.h"};
  code.config = struct_open(layer, "nnet::activ_config") + unsigned_member("n_in", layer.size) +
                unsigned_member("n_slice", n_slice) +
                unsigned_member("n_outer", layer.size / n_slice) + unsigned_member("n_inner", 1) +
                "  static const unsigned parallelization_factor = -1;\n" +
                unsigned_member("exp_table_size", exp_table_size) +
                unsigned_member("inv_table_size", inv_table_size) +
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
                typedef_member(inp_norm_type, "inp_norm_t") + "};\n";
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
