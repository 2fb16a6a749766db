// BatchNormalization and QKeras' per-channel scale (ApplyAlpha): nnet_batchnorm.h.

#include <algorithm>

#include "backend/codegen/codegen_common.h"
#include "backend/codegen/layer_families.h"

namespace hlsnn::backend::codegen {
namespace {

LayerCode batch_normalization(const LayerSymbols& layer, const ir::ModelSettings&) {
  const ir::Layer& ir_layer = *layer.layer;
  require_inputs(layer, 1);
  const int64_t channels = ir::element_count(ir_layer.weight("scale").shape);
  const std::vector<double>& scale = ir_layer.weight("scale").values;
  LayerCode code;
  code.headers = {"nnet_batchnorm.h"};
  code.config = struct_open(layer, "nnet::batchnorm_config") + unsigned_member("n_in", layer.size) +
                unsigned_member("n_filt", channels) + unsigned_member("n_scale_bias", channels) +
                "  static const unsigned io_type = nnet::io_parallel;\n" +
                unsigned_member("reuse_factor", reuse_factor(layer)) +
                "  static const bool store_weights_in_bram = false;\n" +
                unsigned_member("n_zeros", std::count(scale.begin(), scale.end(), 0.0)) +
                "  static const unsigned multiplier_limit = DIV_ROUNDUP(n_in, reuse_factor);\n" +
                typedef_member(cpp_type(ir_layer, "bias"), "bias_t") +
                typedef_member(cpp_type(ir_layer, "scale"), "scale_t") +
                product_member(ir_layer, ir_layer.weight("scale")) + "};\n";
  code.call = "  nnet::normalize<" + layer.inputs[0]->type + ", " + layer.type + ", " +
              layer.config + ">(" + layer.inputs[0]->array + ", " + layer.array + ", " +
              layer.weight_arrays.at("scale") + ", " + layer.weight_arrays.at("bias") + ");\n";
  return code;
}

}  // namespace

void add_normalization_generators(GeneratorTable& table) {
  table.emplace("BatchNormalization", batch_normalization);
  // QKeras' per-channel scale: the same scale-and-bias kernel, as in the reference tool.
  table.emplace("ApplyAlpha", batch_normalization);
}

}  // namespace hlsnn::backend::codegen
