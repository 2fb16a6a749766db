#include "ir/precision_slots.h"

#include <map>

namespace hlsnn::ir {

const std::vector<std::string>& precision_slots(std::string_view layer_class) {
  static const std::map<std::string, std::vector<std::string>, std::less<>> slots = {
      {"Input", {"result"}},
      {"Dense", {"weight", "bias", "result", "accum"}},
      {"Activation", {"result", "table", "param"}},
      {"PReLU", {"alpha", "result"}},
      {"Softmax", {"result", "exp_table", "inv_table", "accum", "inv_inp", "inp_norm"}},
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
      {"ZeroPadding1D", {"result"}},
      {"ZeroPadding2D", {"result"}},
      {"Cropping1D", {"result"}},
      {"Cropping2D", {"result"}},
      {"Resize", {"result"}},
      {"Transpose", {"result"}},
  };
  static const std::vector<std::string> none;
  const auto found = slots.find(layer_class);
  return found == slots.end() ? none : found->second;
}

bool result_follows_input(std::string_view layer_class) {
  for (const char* moving : {"Reshape", "ZeroPadding1D", "ZeroPadding2D", "Cropping1D",
                             "Cropping2D", "Resize", "Transpose"}) {
    if (layer_class == moving) return true;
  }
  return false;
}

bool is_table_slot(std::string_view layer_class, std::string_view slot) {
  if (layer_class == "Activation") return slot == "table";
  if (layer_class == "Softmax") return slot != "result" && slot != "accum";
  return false;
}

}  // namespace hlsnn::ir
