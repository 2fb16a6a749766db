// Dense layers (QKeras' QDense too, which the frontend makes a Dense): nnet_dense.h.

#include <algorithm>

#include "backend/codegen/codegen_common.h"
#include "backend/codegen/layer_families.h"
#include "ir/error.h"

namespace hlsnn::backend::codegen {
namespace {

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
  code.headers = {"nnet_dense.h"};
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
                typedef_member(weight_cpp_type(ir_layer, ir_layer.weight("weight")), "weight_t") +
                product_member(ir_layer, ir_layer.weight("weight")) + "};\n";
  // Dense takes its weights after the output, unlike the kernels kernel_call() writes.
  code.call = std::string("  nnet::") + (positions == 1 ? "dense" : "dense_positions") + "<" +
              layer.inputs[0]->type + ", " + layer.type + ", " + layer.config + ">(" +
              layer.inputs[0]->array + ", " + layer.array + ", " +
              layer.weight_arrays.at("weight") + ", " + layer.weight_arrays.at("bias") + ");\n";
  return code;
}

}  // namespace

void add_dense_generators(GeneratorTable& table) { table.emplace("Dense", dense); }

}  // namespace hlsnn::backend::codegen
