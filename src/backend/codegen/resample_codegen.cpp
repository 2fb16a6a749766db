// UpSampling1D and UpSampling2D (the IR's Resize), nearest, channels last: nnet_resample.h.

#include "backend/codegen/codegen_common.h"
#include "backend/codegen/layer_families.h"
#include "ir/error.h"

namespace hlsnn::backend::codegen {
namespace {

LayerCode resize(const LayerSymbols& layer, const ir::ModelSettings&) {
  require_inputs(layer, 1);
  const std::string algorithm = layer.layer->attribute<std::string>("algorithm");
  if (algorithm != "nearest") {
    throw Error("resize algorithm '" + algorithm + "' has no kernel", layer.layer->description(),
                "use nearest interpolation");
  }
  // A 1D input (steps, channels) is an image of one row.
  const ir::Shape& input = layer.inputs[0]->layer->output().shape;
  const ir::Shape& output = layer.layer->output().shape;
  const bool image = input.size() == 3;
  LayerCode code;
  code.headers = {"nnet_resample.h"};
  code.config =
      struct_open(layer, "nnet::resize_config") + unsigned_member("height", image ? input[0] : 1) +
      unsigned_member("width", input[input.size() - 2]) + unsigned_member("n_chan", input.back()) +
      unsigned_member("new_height", image ? output[0] : 1) +
      unsigned_member("new_width", output[output.size() - 2]) + "};\n";
  code.call = kernel_call(layer, "resize_" + algorithm);
  return code;
}

}  // namespace

void add_resample_generators(GeneratorTable& table) { table.emplace("Resize", resize); }

}  // namespace hlsnn::backend::codegen
