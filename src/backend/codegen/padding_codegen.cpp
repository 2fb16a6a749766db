// ZeroPadding1D/2D (nnet_padding.h) and Cropping1D/2D (nnet_cropping.h), channels last: the
// same configuration, amounts added or removed at the edges of the width (and height) axes.

#include <tuple>
#include <vector>

#include "backend/codegen/codegen_common.h"
#include "backend/codegen/layer_families.h"

namespace hlsnn::backend::codegen {
namespace {

struct EdgeKind {
  const char* header;
  const char* config_stem;  ///< padding / cropping (1d_config, 2d_config follow)
  const char* kernel_stem;  ///< zeropad / cropping (1d_cl, 2d_cl follow)
  const char* prefix;       ///< pad_ / crop_: of the layer attributes and config members
};

const EdgeKind kPadding{"nnet_padding.h", "padding", "zeropad", "pad_"};
const EdgeKind kCropping{"nnet_cropping.h", "cropping", "cropping", "crop_"};

LayerCode edges(const LayerSymbols& layer, const EdgeKind& kind, int dimensions) {
  require_inputs(layer, 1);
  const ir::Shape& input = layer.inputs[0]->layer->output().shape;
  const ir::Shape& output = layer.layer->output().shape;
  std::string members = unsigned_member("n_chan", input.back());
  std::vector<std::string> sides = {"left", "right"};
  if (dimensions == 2) {
    members += unsigned_member("in_height", input[0]) + unsigned_member("out_height", output[0]);
    sides.insert(sides.begin(), {"top", "bottom"});
  }
  members += unsigned_member("in_width", input[input.size() - 2]) +
             unsigned_member("out_width", output[output.size() - 2]);
  for (const std::string& side : sides) {
    const std::string name = kind.prefix + side;
    members += unsigned_member(name, layer.layer->attribute<int64_t>(name));
  }
  const std::string suffix = std::to_string(dimensions) + "d";
  LayerCode code;
  code.headers = {kind.header};
  code.config = struct_open(layer, "nnet::" + std::string(kind.config_stem) + suffix + "_config") +
                members + "};\n";
  code.call = kernel_call(layer, kind.kernel_stem + suffix + "_cl");
  return code;
}

}  // namespace

void add_padding_generators(GeneratorTable& table) {
  for (const auto& [layer_class, kind, dimensions] :
       std::initializer_list<std::tuple<const char*, const EdgeKind*, int>>{
           {"ZeroPadding1D", &kPadding, 1},
           {"ZeroPadding2D", &kPadding, 2},
           {"Cropping1D", &kCropping, 1},
           {"Cropping2D", &kCropping, 2}}) {
    const EdgeKind* edge_kind = kind;
    const int rank = dimensions;
    table.emplace(layer_class,
                  [edge_kind, rank](const LayerSymbols& layer, const ir::ModelSettings&) {
                    return edges(layer, *edge_kind, rank);
                  });
  }
}

}  // namespace hlsnn::backend::codegen
