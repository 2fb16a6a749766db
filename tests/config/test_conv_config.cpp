// The HLSConfig keys of convolution and pooling layers: ParallelizationFactor, ConvImplementation,
// reuse factors under the Resource strategy, and the separable convolution's intermediate type.
#include <gtest/gtest.h>

#include "../frontend/weight_arrays.h"
#include "../ir/error_matchers.h"
#include "config/hls_config.h"
#include "frontend/keras_to_ir.h"
#include "ir/error.h"

namespace hlsnn::config {
namespace {

using frontend::testing::constant;
using ir::testing::expect_contains;
using ir::testing::message_of;
using json = nlohmann::ordered_json;

/// in(6, 6, 2) -> conv(3x3, 4 filters: 16 output pixels) -> pool(2x2) and
/// in -> sep(3x3 separable, depth multiplier 2, 3 filters).
ir::Graph conv_graph() {
  return frontend::graph_from_keras(
      R"({"class_name": "Functional", "config": {"layers": [
        {"class_name": "InputLayer", "name": "in", "config": {"name": "in",
         "batch_input_shape": [null, 6, 6, 2]}, "inbound_nodes": []},
        {"class_name": "Conv2D", "name": "conv", "config": {"name": "conv", "filters": 4,
         "kernel_size": [3, 3]}, "inbound_nodes": [[["in", 0, 0, {}]]]},
        {"class_name": "MaxPooling2D", "name": "pool", "config": {"name": "pool",
         "pool_size": [2, 2]}, "inbound_nodes": [[["conv", 0, 0, {}]]]},
        {"class_name": "SeparableConv2D", "name": "sep", "config": {"name": "sep", "filters": 3,
         "kernel_size": [3, 3], "depth_multiplier": 2}, "inbound_nodes": [[["in", 0, 0, {}]]]}],
        "input_layers": [["in", 0, 0]], "output_layers": [["pool", 0, 0], ["sep", 0, 0]]}})",
      {{"conv", {constant("kernel", {3, 3, 2, 4}, 0), constant("bias", {4}, 0)}},
       {"sep",
        {constant("depthwise_kernel", {3, 3, 2, 2}, 0),
         constant("pointwise_kernel", {1, 1, 4, 3}, 0), constant("bias", {3}, 0)}}},
      2);
}

std::string apply_error(const std::string& config_text) {
  ir::Graph graph = conv_graph();
  return message_of([&] { apply_hls_config(json::parse(config_text), graph); });
}

TEST(ConvConfig, ParallelizationFactorMustDivideTheOutputPixels) {
  ir::Graph graph = conv_graph();
  apply_hls_config(json::parse(R"({"LayerName": {"conv": {"ParallelizationFactor": 8},
                                                 "pool": {"ConvImplementation": "Encoded"}}})"),
                   graph);
  EXPECT_EQ(
      ir::get_attribute<int64_t>(graph.layer("conv").options.extra, "ParallelizationFactor", ""),
      8);
  EXPECT_EQ(
      ir::get_attribute<std::string>(graph.layer("pool").options.extra, "ConvImplementation", ""),
      "Encoded");
  expect_contains(apply_error(R"({"LayerName": {"conv": {"ParallelizationFactor": 5}}})"),
                  {"ParallelizationFactor 5 does not divide the 16 output pixels",
                   "HLSConfig.LayerName.conv", "nearest valid values are 4, 8"});
  expect_contains(apply_error(R"({"LayerName": {"conv": {"ParallelizationFactor": 0}}})"),
                  {"not a positive integer"});
  expect_contains(apply_error(R"({"LayerType": {"Pooling2D": {"ParallelizationFactor": 2}}})"),
                  {"ParallelizationFactor", "is not known", "ConvImplementation"});
}

TEST(ConvConfig, ConvImplementationIsOneOfTheReferencesChoices) {
  expect_contains(apply_error(R"({"LayerName": {"conv": {"ConvImplementation": "linebuffer"}}})"),
                  {"ConvImplementation linebuffer is not known", "did you mean LineBuffer"});
}

TEST(ConvConfig, ResourceReuseFactorsMustFoldThePerPixelDense) {
  // 3x3x2 = 18 inputs x 4 filters per pixel: 4 does not divide 18; 3 and 6 do.
  EXPECT_EQ(apply_error(R"({"LayerName": {"conv": {"ReuseFactor": 4}}})"), "no error")
      << "Latency takes any reuse factor";
  expect_contains(
      apply_error(R"({"LayerName": {"conv": {"ReuseFactor": 4, "Strategy": "Resource"}}})"),
      {"ReuseFactor 4 cannot fold a 18x4 dense product per output pixel", "'conv' (Conv2D)",
       "nearest valid values are 3, 6"});
  // The separable's pointwise step: 4 x 3.
  expect_contains(
      apply_error(R"({"LayerName": {"sep": {"ReuseFactor": 3, "Strategy": "Resource"}}})"),
      {"cannot fold a 4x3", "'sep' (SeparableConv2D)", "2, 4"});
}

TEST(ConvConfig, SeparableIntermediateTypeFollowsResultUnlessSetItself) {
  ir::Graph graph = conv_graph();
  apply_hls_config(json::parse(R"({"Model": {"Precision": "fixed<16,6>"},
                      "LayerName": {"sep": {"Precision": {"result": "fixed<12,4>"}}}})"),
                   graph);
  EXPECT_EQ(graph.layer("sep").precision("depthwise_result").to_config(), "fixed<12,4>");
  EXPECT_EQ(graph.layer("sep").precision("depthwise_accum").to_config(), "fixed<16,6>");
  ir::Graph own = conv_graph();
  apply_hls_config(json::parse(R"({"LayerName": {"sep": {"Precision": {"result": "fixed<12,4>",
                                                          "depthwise_result": "fixed<20,8>"}}}})"),
                   own);
  EXPECT_EQ(own.layer("sep").precision("depthwise_result").to_config(), "fixed<20,8>");
}

}  // namespace
}  // namespace hlsnn::config
