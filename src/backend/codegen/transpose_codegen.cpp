// Transpose (Permute, channels-first Flatten): nnet_transpose.h.

#include <vector>

#include "backend/codegen/codegen_common.h"
#include "backend/codegen/layer_families.h"
#include "ir/error.h"

namespace hlsnn::backend::codegen {
namespace {

/// The loops of nnet::transpose, outermost first.
constexpr size_t kMaxLoops = 6;

struct Loop {
  int64_t count;
  int64_t input_stride;
};

/// The output in order as loops over the input: one per output axis, then axes of size 1
/// dropped and neighbours merged where the inner one's whole extent is one step of the outer
/// one (they read the input as one run), so that only genuine reorderings remain.
std::vector<Loop> transpose_loops(const ir::Shape& input, const std::vector<int64_t>& perm) {
  std::vector<int64_t> strides(input.size(), 1);
  for (size_t axis = input.size(); axis-- > 1;) strides[axis - 1] = strides[axis] * input[axis];
  std::vector<Loop> loops;
  for (int64_t axis : perm) {
    const Loop loop{input[static_cast<size_t>(axis)], strides[static_cast<size_t>(axis)]};
    if (loop.count == 1) continue;
    if (!loops.empty() && loops.back().input_stride == loop.count * loop.input_stride) {
      loops.back() = {loops.back().count * loop.count, loop.input_stride};
    } else {
      loops.push_back(loop);
    }
  }
  return loops;
}

LayerCode transpose(const LayerSymbols& layer, const ir::ModelSettings&) {
  require_inputs(layer, 1);
  const ir::Shape& input = layer.inputs[0]->layer->output().shape;
  const std::vector<int64_t> perm = layer.layer->attribute<std::vector<int64_t>>("perm");
  std::vector<Loop> loops = transpose_loops(input, perm);
  if (loops.size() > kMaxLoops) {
    throw Error("the permutation reorders " + std::to_string(loops.size()) +
                    " groups of axes; the kernel handles at most " + std::to_string(kMaxLoops),
                layer.layer->description(), "split the Permute into two that each move fewer axes");
  }
  loops.insert(loops.begin(), kMaxLoops - loops.size(), Loop{1, 0});
  std::string members = unsigned_member("N", layer.size);
  for (size_t k = 0; k < kMaxLoops; ++k) {
    members += unsigned_member("out_dim_" + std::to_string(k), loops[k].count) +
               unsigned_member("in_stride_" + std::to_string(k), loops[k].input_stride);
  }
  LayerCode code;
  code.headers = {"nnet_transpose.h"};
  code.config = struct_open(layer, "nnet::transpose_config") + members + "};\n";
  code.call = kernel_call(layer, "transpose");
  return code;
}

}  // namespace

void add_transpose_generators(GeneratorTable& table) { table.emplace("Transpose", transpose); }

}  // namespace hlsnn::backend::codegen
