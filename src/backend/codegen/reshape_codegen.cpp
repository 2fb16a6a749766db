// Reshape and Flatten: no code when the output aliases the input, else a type conversion.

#include "backend/codegen/codegen_common.h"
#include "backend/codegen/layer_families.h"

namespace hlsnn::backend::codegen {
namespace {

LayerCode reshape(const LayerSymbols& layer, const ir::ModelSettings&) {
  if (layer.aliases_input) return {};
  LayerCode code;
  code.call = "  nnet::convert_data<" + layer.inputs.at(0)->type + ", " + layer.type + ", " +
              layer.size_macro + ">(" + layer.inputs[0]->array + ", " + layer.array + ");\n";
  return code;
}

}  // namespace

void add_reshape_generators(GeneratorTable& table) { table.emplace("Reshape", reshape); }

}  // namespace hlsnn::backend::codegen
