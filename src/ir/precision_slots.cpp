#include "ir/precision_slots.h"

#include <map>

namespace hlsnn::ir {

const std::vector<std::string>& precision_slots(std::string_view layer_class) {
  static const std::map<std::string, std::vector<std::string>, std::less<>> slots = {
      {"Input", {"result"}},
      {"Dense", {"weight", "bias", "result", "accum"}},
      {"Activation", {"result", "table"}},
      {"PReLU", {"alpha", "result"}},
      {"Softmax", {"result", "exp_table", "inv_table", "accum", "inv_inp"}},
      {"BatchNormalization", {"scale", "bias", "result"}},
      {"ApplyAlpha", {"scale", "bias", "result"}},
      {"Reshape", {"result"}},
      {"Merge", {"result"}},
      {"Concatenate", {"result"}},
      {"Dot", {"result", "accum"}},
      {"Conv1D", {"weight", "bias", "result", "accum"}},
      {"Conv2D", {"weight", "bias", "result", "accum"}},
      {"DepthwiseConv1D", {"weight", "bias", "result", "accum"}},
      {"DepthwiseConv2D", {"weight", "bias", "result", "accum"}},
      // The reference's names: the depthwise step's sums, its result (the intermediate type)
      // and the pointwise step's sums.
      {"SeparableConv1D",
       {"depthwise", "pointwise", "bias", "result", "depthwise_accum", "depthwise_result",
        "pointwise_accum"}},
      {"SeparableConv2D",
       {"depthwise", "pointwise", "bias", "result", "depthwise_accum", "depthwise_result",
        "pointwise_accum"}},
      {"Pooling1D", {"result", "accum"}},
      {"Pooling2D", {"result", "accum"}},
      {"GlobalPooling1D", {"result", "accum"}},
      {"GlobalPooling2D", {"result", "accum"}},
  };
  static const std::vector<std::string> none;
  const auto found = slots.find(layer_class);
  return found == slots.end() ? none : found->second;
}

}  // namespace hlsnn::ir
