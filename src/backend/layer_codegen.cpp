#include "backend/layer_codegen.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

#include "ir/error.h"
#include "ir/names.h"

namespace hlsnn::backend {
namespace {

using Generator = std::function<LayerCode(const LayerSymbols&, const ir::ModelSettings&)>;

std::string unsigned_member(const std::string& name, int64_t value) {
  return "  static const unsigned " + name + " = " + std::to_string(value) + ";\n";
}
std::string typedef_member(const std::string& type, const std::string& name) {
  return "  typedef " + type + " " + name + ";\n";
}
const char* const kProductMember =
    "  template <class x_T, class y_T>\n"
    "  using product = nnet::product::mult<x_T, y_T>;\n";

std::string struct_open(const LayerSymbols& layer, const std::string& base) {
  // The display name goes through a string literal's escaping, so no name can end the comment.
  return "// " + ir::to_cpp_string_literal(layer.layer->name) + " (" + layer.layer->layer_class +
         ")\nstruct " + layer.config + (base.empty() ? "" : " : " + base) + " {\n";
}

int64_t reuse_factor(const LayerSymbols& layer) { return layer.layer->options.reuse_factor; }

int64_t table_size(const LayerSymbols& layer) {
  return ir::get_attribute_or<int64_t>(layer.layer->options.extra, "table_size", 1024,
                                       layer.layer->description());
}

/// A parameter written as a C++ literal: the shortest decimal that reads back as the double.
/// Keras' plain Activation('elu') carries no alpha: it is 1.
std::string literal(const LayerSymbols& layer, const std::string& attribute) {
  const double value = layer.layer->attribute_or<double>(attribute, 1.0);
  if (!std::isfinite(value)) {
    throw Error(attribute + " is not finite", layer.layer->description(), "use a finite value");
  }
  std::string text = ir::format_double(value);
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

/// "nnet::<function><in_t, [extra_types,] out_t, config>(in, [extra_args,] out);"
std::string kernel_call(const LayerSymbols& layer, const std::string& function,
                        const std::string& extra_type = "", const std::string& extra_arg = "") {
  std::string types;
  std::string args;
  for (const LayerSymbols* input : layer.inputs) {
    types += input->type + ", ";
    args += input->array + ", ";
  }
  if (!extra_type.empty()) types += extra_type + ", ";
  if (!extra_arg.empty()) args += extra_arg + ", ";
  return "  nnet::" + function + "<" + types + layer.type + ", " + layer.config + ">(" + args +
         layer.array + ");\n";
}

void require_inputs(const LayerSymbols& layer, size_t count) {
  if (layer.inputs.size() != count) {
    throw Error("the backend supports " + layer.layer->layer_class + " with " +
                    std::to_string(count) + " inputs, not " + std::to_string(layer.inputs.size()),
                layer.layer->description(), "not yet supported; restructure the model");
  }
}

LayerCode no_code(const LayerSymbols&, const ir::ModelSettings&) { return {}; }

LayerCode dense(const LayerSymbols& layer, const ir::ModelSettings&) {
  const ir::Layer& ir_layer = *layer.layer;
  require_inputs(layer, 1);
  const int64_t n_in = ir_layer.attribute<int64_t>("n_in");
  const int64_t n_out = ir_layer.attribute<int64_t>("n_out");
  // Over an input of more than one dimension the kernel runs at each position of the other axes.
  const int64_t positions = layer.inputs[0]->size / n_in;
  if (positions * n_in != layer.inputs[0]->size || positions * n_out != layer.size) {
    throw Error("the input of " + std::to_string(layer.inputs[0]->size) +
                    " elements is not a whole number of rows of n_in = " + std::to_string(n_in),
                ir_layer.description(), "give the Dense an input whose last axis is n_in");
  }
  const std::vector<double>& weights = ir_layer.weight("weight").values;
  const int64_t zeros = std::count(weights.begin(), weights.end(), 0.0);
  const bool resource = ir_layer.options.strategy == ir::Strategy::kResource;
  LayerCode code;
  code.config = struct_open(layer, "nnet::dense_config") + unsigned_member("n_in", n_in) +
                unsigned_member("n_out", n_out) + unsigned_member("n_positions", positions) +
                "  static const unsigned io_type = nnet::io_parallel;\n" +
                "  static const unsigned strategy = nnet::" + (resource ? "resource" : "latency") +
                ";\n" + unsigned_member("reuse_factor", reuse_factor(layer)) +
                unsigned_member("n_zeros", zeros) +
                "  static const unsigned multiplier_limit =\n"
                "      DIV_ROUNDUP(n_in * n_out, reuse_factor) - n_zeros / reuse_factor;\n"
                "  static const bool store_weights_in_bram = false;\n" +
                typedef_member(cpp_type(ir_layer, "accum"), "accum_t") +
                typedef_member(cpp_type(ir_layer, "bias"), "bias_t") +
                typedef_member(cpp_type(ir_layer, "weight"), "weight_t") + kProductMember + "};\n";
  // Dense takes its weights after the output, unlike the kernels kernel_call() writes.
  code.call = std::string("  nnet::") + (positions == 1 ? "dense" : "dense_positions") + "<" +
              layer.inputs[0]->type + ", " + layer.type + ", " + layer.config + ">(" +
              layer.inputs[0]->array + ", " + layer.array + ", " +
              layer.weight_arrays.at("weight") + ", " + layer.weight_arrays.at("bias") + ");\n";
  return code;
}

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
  const std::string function = ir_layer.attribute<std::string>("activation");
  static const std::vector<std::string> plain = {"linear", "relu",     "relu6",    "sigmoid",
                                                 "tanh",   "softplus", "softsign", "selu"};
  // The parameter's type is the model default, as in the reference (its `param` slot).
  static const std::map<std::string, std::string> with_parameter = {
      {"leaky_relu", "alpha"}, {"thresholded_relu", "theta"}, {"elu", "alpha"}};
  LayerCode code;
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

LayerCode batch_normalization(const LayerSymbols& layer, const ir::ModelSettings&) {
  const ir::Layer& ir_layer = *layer.layer;
  require_inputs(layer, 1);
  const int64_t channels = ir::element_count(ir_layer.weight("scale").shape);
  const std::vector<double>& scale = ir_layer.weight("scale").values;
  LayerCode code;
  code.config = struct_open(layer, "nnet::batchnorm_config") + unsigned_member("n_in", layer.size) +
                unsigned_member("n_filt", channels) + unsigned_member("n_scale_bias", channels) +
                "  static const unsigned io_type = nnet::io_parallel;\n" +
                unsigned_member("reuse_factor", reuse_factor(layer)) +
                "  static const bool store_weights_in_bram = false;\n" +
                unsigned_member("n_zeros", std::count(scale.begin(), scale.end(), 0.0)) +
                "  static const unsigned multiplier_limit = DIV_ROUNDUP(n_in, reuse_factor);\n" +
                typedef_member(cpp_type(ir_layer, "bias"), "bias_t") +
                typedef_member(cpp_type(ir_layer, "scale"), "scale_t") + kProductMember + "};\n";
  code.call = "  nnet::normalize<" + layer.inputs[0]->type + ", " + layer.type + ", " +
              layer.config + ">(" + layer.inputs[0]->array + ", " + layer.array + ", " +
              layer.weight_arrays.at("scale") + ", " + layer.weight_arrays.at("bias") + ");\n";
  return code;
}

const ir::PrecisionType& result_precision(const LayerSymbols& layer) {
  return layer.layer->precision("result");
}

/// A type that holds every value of `a` and of `b` exactly.
ir::PrecisionType holding_both(const ir::PrecisionType& a, const ir::PrecisionType& b) {
  return a == b ? a : ir::sum_type(a, b);
}

/// An intermediate result of a merge chain: a local array of an exact type, declared in the top
/// function and partitioned like every layer output.
struct PartialResult {
  std::string array;
  std::string type;
};

PartialResult declare_partial(const LayerSymbols& layer, size_t step,
                              const ir::PrecisionType& precision, int64_t element_count,
                              LayerCode& code) {
  const std::string suffix = "_partial" + std::to_string(step);
  PartialResult partial{layer.array + suffix, layer.config + suffix + "_t"};
  code.config += "typedef " + precision.to_cpp() + " " + partial.type + ";\n";
  code.call += "  " + partial.type + " " + partial.array + "[" + std::to_string(element_count) +
               "];\n" + "  #pragma HLS ARRAY_PARTITION variable=" + partial.array +
               " complete dim=0\n";
  return partial;
}

/// The first `digits` binary digits of 1/n (n > 1) after the point, as an ap_fixed string
/// constant: "0b0.0101..." (the value truncated, below 1/n by less than 2^-digits).
std::string reciprocal_binary_digits(int64_t n, int digits) {
  std::string text = "0b0.";
  int64_t remainder = 1;
  for (int digit = 0; digit < digits; ++digit) {
    remainder *= 2;
    text += remainder >= n ? '1' : '0';
    if (remainder >= n) remainder -= n;
  }
  return text;
}

/// The types and constants of nnet::mean_of_sum for a mean of n inputs, n not a power of two:
/// the exact sum of all inputs, the quotient on the grid of G = (result's fractional bits + 2)
/// and with one more bit, and 1/n truncated to enough bits that |sum| * (1/n - reciprocal) stays
/// below 2^-G.
std::string exact_mean_members(const LayerSymbols& layer) {
  ir::PrecisionType sum = result_precision(*layer.inputs[0]);
  for (size_t k = 1; k < layer.inputs.size(); ++k) {
    sum = ir::sum_type(sum, result_precision(*layer.inputs[k]));
  }
  const int sum_integer_bits = sum.integer_bits();
  const int grid_bits =
      std::max(layer.layer->precision("result").fractional_bits() + 2, 2 - sum_integer_bits);
  const int reciprocal_bits = std::max(sum_integer_bits + grid_bits + 1, 1);
  const auto fixed = [](int width, int integer_bits, bool is_signed) {
    return ir::PrecisionType::fixed(width, integer_bits, is_signed).to_cpp();
  };
  return unsigned_member("fraction_bits", grid_bits) + typedef_member(sum.to_cpp(), "sum_t") +
         typedef_member(fixed(sum_integer_bits + grid_bits, sum_integer_bits, true), "quotient_t") +
         typedef_member(fixed(sum_integer_bits + grid_bits + 1, sum_integer_bits, true),
                        "sticky_quotient_t") +
         typedef_member(fixed(reciprocal_bits, 0, false), "reciprocal_t") +
         "  static const char* reciprocal_text() { return \"" +
         reciprocal_binary_digits(static_cast<int64_t>(layer.inputs.size()), reciprocal_bits) +
         "\"; }\n";
}

/// Merges of more than two inputs run the two-input kernel along a chain whose intermediate
/// results have exact types (the exact sum, product, or a type holding both candidates), so
/// that every element is rounded once, into the result type: the same bits as an exact n-ary
/// operation. The mean divides the exact sum by n in its last step.
LayerCode merge(const LayerSymbols& layer, const ir::ModelSettings&) {
  const std::string op = layer.layer->attribute<std::string>("op");
  const size_t count = layer.inputs.size();
  if (count < 2 || (op == "subtract" && count != 2)) {
    throw Error(op + " of " + std::to_string(count) + " inputs is not supported",
                layer.layer->description(),
                op == "subtract" ? "subtract exactly two tensors" : "merge two or more tensors");
  }
  LayerCode code;
  std::string members = unsigned_member("n_elem", layer.size) +
                        unsigned_member("n_elem1", layer.inputs[0]->size) +
                        unsigned_member("n_elem2", layer.inputs[1]->size) +
                        unsigned_member("reuse_factor", reuse_factor(layer));
  const bool exact_mean = op == "average" && count > 2 && (count & (count - 1)) != 0;
  if (op == "average" && count > 2) {
    members += unsigned_member("n_inputs", static_cast<int64_t>(count));
    if (exact_mean) {
      members += exact_mean_members(layer);
    } else {  // 1/n is exact
      int shift = 0;
      while ((size_t{1} << shift) < count) ++shift;
      members += typedef_member("ap_ufixed<" + std::to_string(shift + 1) + ", 1>", "reciprocal_t");
    }
  }
  code.config = struct_open(layer, "nnet::merge_config") + members + "};\n";
  if (count == 2) {
    code.call = kernel_call(layer, op);
    return code;
  }
  const std::string chain_op = op == "average" ? "add" : op;
  ir::PrecisionType exact = result_precision(*layer.inputs[0]);
  PartialResult previous{layer.inputs[0]->array, layer.inputs[0]->type};
  for (size_t k = 1; k + 1 < count; ++k) {
    const LayerSymbols& next = *layer.inputs[k];
    const ir::PrecisionType& next_type = result_precision(next);
    exact = chain_op == "multiply" ? ir::product_type(exact, next_type)
            : chain_op == "add"    ? ir::sum_type(exact, next_type)
                                   : holding_both(exact, next_type);
    const PartialResult partial = declare_partial(layer, k, exact, layer.size, code);
    code.call += "  nnet::" + chain_op + "<" + previous.type + ", " + next.type + ", " +
                 partial.type + ", " + layer.config + ">(" + previous.array + ", " + next.array +
                 ", " + partial.array + ");\n";
    previous = partial;
  }
  const LayerSymbols& last = *layer.inputs.back();
  const char* last_kernel = exact_mean        ? "mean_of_sum"
                            : op == "average" ? "average_of_sum"
                                              : nullptr;
  code.call += "  nnet::" + std::string(last_kernel ? last_kernel : op) + "<" + previous.type +
               ", " + last.type + ", " + layer.type + ", " + layer.config + ">(" + previous.array +
               ", " + last.array + ", " + layer.array + ");\n";
  return code;
}

/// A concat_config for two tensors of these shapes (rank 1 to 3).
std::string concat_config(const std::string& name, const std::string& comment_line,
                          const ir::Shape& first, const ir::Shape& second, int64_t keras_axis,
                          int64_t reuse) {
  std::string members;
  const ir::Shape* shapes[] = {&first, &second};
  for (int input = 0; input < 2; ++input) {
    for (size_t dim = 0; dim < 3; ++dim) {
      members += unsigned_member("n_elem" + std::to_string(input + 1) + "_" + std::to_string(dim),
                                 dim < shapes[input]->size() ? (*shapes[input])[dim] : 0);
    }
  }
  return comment_line + "struct " + name + " : nnet::concat_config {\n" + members +
         "  static const int axis = " + std::to_string(keras_axis) + ";\n" +
         "  static const unsigned io_type = nnet::io_parallel;\n" +
         unsigned_member("reuse_factor", reuse) + "};\n";
}

/// Three or more inputs: a chain of two-input concatenations whose intermediate results have a
/// type holding every input exactly, so each element is converted once, into the result type.
LayerCode concatenate(const LayerSymbols& layer, const ir::ModelSettings&) {
  const size_t count = layer.inputs.size();
  if (count < 2) {
    throw Error("Concatenate of one input", layer.layer->description(),
                "concatenate two or more tensors");
  }
  const size_t rank = layer.layer->output().shape.size();
  if (rank > 3) {
    throw Error("Concatenate of rank " + std::to_string(rank) + " tensors is not supported",
                layer.layer->description(), "concatenate tensors of rank 1 to 3");
  }
  const std::string function = "concatenate" + std::to_string(rank) + "d";
  // The IR counts the axis without the batch dimension, the kernel with it.
  const int64_t ir_axis = layer.layer->attribute<int64_t>("axis");
  const std::string comment =
      "// " + ir::to_cpp_string_literal(layer.layer->name) + " (Concatenate)\n";
  LayerCode code;
  ir::Shape shape = layer.inputs[0]->layer->output().shape;
  ir::PrecisionType exact = result_precision(*layer.inputs[0]);
  PartialResult previous{layer.inputs[0]->array, layer.inputs[0]->type};
  for (size_t k = 1; k < count; ++k) {
    const LayerSymbols& next = *layer.inputs[k];
    const ir::Shape& next_shape = next.layer->output().shape;
    const bool last = k + 1 == count;
    const std::string config = last ? layer.config : layer.config + "_step" + std::to_string(k);
    code.config +=
        concat_config(config, comment, shape, next_shape, ir_axis + 1, reuse_factor(layer));
    shape[static_cast<size_t>(ir_axis)] += next_shape[static_cast<size_t>(ir_axis)];
    PartialResult output{layer.array, layer.type};
    if (!last) {
      exact = holding_both(exact, result_precision(next));
      output = declare_partial(layer, k, exact, ir::element_count(shape), code);
    }
    code.call += "  nnet::" + function + "<" + previous.type + ", " + next.type + ", ";
    code.call += output.type + ", " + config + ">(" + previous.array + ", " + next.array + ", ";
    code.call += output.array + ");\n";
    previous = output;
  }
  return code;
}

LayerCode dot(const LayerSymbols& layer, const ir::ModelSettings&) {
  require_inputs(layer, 2);
  LayerCode code;
  code.config = struct_open(layer, "nnet::dot_config") +
                unsigned_member("n_in", layer.layer->attribute<int64_t>("n_in")) +
                unsigned_member("n_out", 1) + unsigned_member("reuse_factor", reuse_factor(layer)) +
                "  static const unsigned multiplier_limit = DIV_ROUNDUP(n_in, reuse_factor);\n" +
                typedef_member(cpp_type(*layer.layer, "accum"), "accum_t") + kProductMember +
                "};\n";
  code.call = kernel_call(layer, "dot1d");
  return code;
}

LayerCode reshape(const LayerSymbols& layer, const ir::ModelSettings&) {
  if (layer.aliases_input) return {};
  LayerCode code;
  code.call = "  nnet::convert_data<" + layer.inputs.at(0)->type + ", " + layer.type + ", " +
              layer.size_macro + ">(" + layer.inputs[0]->array + ", " + layer.array + ");\n";
  return code;
}

const std::map<std::string, Generator, std::less<>>& generators() {
  static const std::map<std::string, Generator, std::less<>> table = {
      {"Input", no_code},
      {"Dense", dense},
      {"Activation", activation},
      {"PReLU", prelu},
      {"Softmax", softmax},
      {"BatchNormalization", batch_normalization},
      // QKeras' per-channel scale: the same scale-and-bias kernel, as in the reference tool.
      {"ApplyAlpha", batch_normalization},
      {"Merge", merge},
      {"Concatenate", concatenate},
      {"Dot", dot},
      {"Reshape", reshape},
  };
  return table;
}

}  // namespace

LayerCode generate_layer_code(const LayerSymbols& layer, const ir::ModelSettings& settings) {
  const auto found = generators().find(layer.layer->layer_class);
  if (found == generators().end()) {
    std::string classes;
    for (const auto& [name, generator] : generators()) {
      classes += (classes.empty() ? "" : ", ") + name;
    }
    throw Error("layer class " + ir::display_name(layer.layer->layer_class) +
                    " has no code generator in the backend",
                layer.layer->description(), "supported classes: " + classes);
  }
  return found->second(layer, settings);
}

}  // namespace hlsnn::backend
