// Merges of two or more tensors (Add, Subtract, Multiply, Average, Maximum, Minimum),
// Concatenate and Dot: nnet_merge.h.

#include <algorithm>

#include "backend/codegen/codegen_common.h"
#include "backend/codegen/layer_families.h"
#include "ir/error.h"
#include "ir/names.h"

namespace hlsnn::backend::codegen {
namespace {

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
  code.headers = {"nnet_merge.h"};
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

/// A concat_config for two tensors of these shapes (rank 1 to 3; higher ranks are folded).
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
  const int64_t concat_axis = layer.layer->attribute<int64_t>("axis");
  // Tensors of higher rank are the 3D case: (the axes before, the axis, the axes after).
  const bool folded = rank > 3;
  const auto kernel_shape = [&](const ir::Shape& shape) {
    if (!folded) return shape;
    const auto axis = shape.begin() + concat_axis;
    return ir::Shape{ir::element_count(ir::Shape(shape.begin(), axis)), *axis,
                     ir::element_count(ir::Shape(axis + 1, shape.end()))};
  };
  const std::string function = "concatenate" + std::to_string(folded ? 3 : rank) + "d";
  // The IR counts the axis without the batch dimension, the kernel with it.
  const int64_t ir_axis = folded ? 1 : concat_axis;
  const std::string comment =
      "// " + ir::to_cpp_string_literal(layer.layer->name) + " (Concatenate)\n";
  LayerCode code;
  code.headers = {"nnet_merge.h"};
  ir::Shape shape = kernel_shape(layer.inputs[0]->layer->output().shape);
  ir::PrecisionType exact = result_precision(*layer.inputs[0]);
  PartialResult previous{layer.inputs[0]->array, layer.inputs[0]->type};
  for (size_t k = 1; k < count; ++k) {
    const LayerSymbols& next = *layer.inputs[k];
    const ir::Shape next_shape = kernel_shape(next.layer->output().shape);
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
  code.headers = {"nnet_merge.h"};
  code.config = struct_open(layer, "nnet::dot_config") +
                unsigned_member("n_in", layer.layer->attribute<int64_t>("n_in")) +
                unsigned_member("n_out", 1) + unsigned_member("reuse_factor", reuse_factor(layer)) +
                "  static const unsigned multiplier_limit = DIV_ROUNDUP(n_in, reuse_factor);\n" +
                typedef_member(cpp_type(*layer.layer, "accum"), "accum_t") + kProductMember +
                "};\n";
  code.call = kernel_call(layer, "dot1d");
  return code;
}

}  // namespace

void add_merge_generators(GeneratorTable& table) {
  table.emplace("Merge", merge);
  table.emplace("Concatenate", concatenate);
  table.emplace("Dot", dot);
}

}  // namespace hlsnn::backend::codegen
