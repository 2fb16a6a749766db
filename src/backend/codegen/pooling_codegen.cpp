// MaxPooling/AveragePooling 1D and 2D, and their Global forms (a window over the whole image):
// nnet_pooling.h.

#include "backend/codegen/codegen_common.h"
#include "backend/codegen/layer_families.h"
#include "ir/attribute.h"

namespace hlsnn::backend::codegen {
namespace {

LayerCode pooling(const LayerSymbols& layer, const ir::ModelSettings&) {
  require_inputs(layer, 1);
  const ir::Layer& ir_layer = *layer.layer;
  const std::string op =
      ir_layer.attribute<std::string>("pool_op") == "max" ? "pool_max" : "pool_average";
  const std::string implementation =
      ir::get_attribute_or<std::string>(ir_layer.options.extra, "ConvImplementation", "LineBuffer",
                                        ir_layer.description()) == "Encoded"
          ? "encoded"
          : "linebuffer";
  LayerCode code;
  code.headers = {"nnet_pooling.h"};
  code.config = struct_open(layer, "nnet::pooling_config") +
                window_members(window_geometry(ir_layer, "pool"), "pool", "") +
                "  static const nnet::pool_op op = nnet::" + op + ";\n" +
                "  static const unsigned io_type = nnet::io_parallel;\n" +
                unsigned_member("reuse_factor", reuse_factor(layer)) +
                "  static const nnet::conv_implementation implementation =\n"
                "      nnet::conv_implementation::" +
                implementation + ";\n" + typedef_member(cpp_type(ir_layer, "accum"), "accum_t") +
                "};\n";
  code.call = kernel_call(layer, "pooling");
  return code;
}

}  // namespace

void add_pooling_generators(GeneratorTable& table) {
  for (const char* name : {"Pooling1D", "Pooling2D", "GlobalPooling1D", "GlobalPooling2D"}) {
    table.emplace(name, pooling);
  }
}

}  // namespace hlsnn::backend::codegen
