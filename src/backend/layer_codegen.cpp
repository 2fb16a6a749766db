#include "backend/layer_codegen.h"

#include "backend/codegen/layer_families.h"
#include "ir/error.h"
#include "ir/names.h"

namespace hlsnn::backend {
namespace {

LayerCode no_code(const LayerSymbols&, const ir::ModelSettings&) { return {}; }

const codegen::GeneratorTable& generators() {
  static const codegen::GeneratorTable table = [] {
    codegen::GeneratorTable all = {{"Input", no_code}};
    codegen::add_dense_generators(all);
    codegen::add_activation_generators(all);
    codegen::add_normalization_generators(all);
    codegen::add_merge_generators(all);
    codegen::add_reshape_generators(all);
    codegen::add_conv_generators(all);
    codegen::add_pooling_generators(all);
    codegen::add_padding_generators(all);
    codegen::add_resample_generators(all);
    codegen::add_transpose_generators(all);
    return all;
  }();
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
