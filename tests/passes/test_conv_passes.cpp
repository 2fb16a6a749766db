// The passes on convolution and pooling layers: BatchNormalization folded per output channel,
// exact accumulator types, and the pre-flight warnings for unrolled multiplications and outputs
// beyond the vendor tool's partition limit.
#include <gtest/gtest.h>

#include "../frontend/weight_arrays.h"
#include "../ir/error_matchers.h"
#include "config/hls_config.h"
#include "frontend/keras_to_ir.h"
#include "passes/fuse_batchnorm.h"
#include "passes/infer_precision.h"
#include "passes/preflight_checks.h"
#include "passes/split_activations.h"

namespace hlsnn::passes {
namespace {

using frontend::testing::ramp;
using ir::testing::expect_contains;
using json = nlohmann::ordered_json;

std::vector<frontend::WeightArray> batchnorm_weights(int64_t channels) {
  return {ramp("gamma", {channels}, 1.5, 0.01), ramp("beta", {channels}, 0.25, 0.01),
          ramp("moving_mean", {channels}, 0.5, 0.01),
          ramp("moving_variance", {channels}, 4.0 - 1e-3, 0.01)};
}

/// in(shape) -> `layer_json` named "conv" -> BatchNormalization "bn" over its channels.
ir::Graph conv_then_batchnorm(const std::string& shape, const std::string& layer_json,
                              std::vector<frontend::WeightArray> weights, int64_t channels) {
  ir::Graph graph = frontend::graph_from_keras(
      R"({"class_name": "Sequential", "config": {"layers": [
        {"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": [null, )" +
          shape + R"(]}}, )" + layer_json + R"(,
        {"class_name": "BatchNormalization", "config": {"name": "bn", "epsilon": 0.001}}]}})",
      {{"conv", std::move(weights)}, {"bn", batchnorm_weights(channels)}}, 2);
  config::apply_hls_config(
      json::parse(R"({"LayerName": {"conv": {"Precision": {"result": "auto"}}}})"), graph);
  return graph;
}

/// The folded scale of channel c: gamma / sqrt(variance + epsilon) with the ramps above.
double scale(int64_t c) { return (1.5 + 0.01 * c) / std::sqrt(4.0 + 0.01 * c); }

TEST(ConvPasses, BatchNormalizationFoldsIntoEachOutputChannel) {
  ir::Graph conv = conv_then_batchnorm(
      "5, 5, 2",
      R"({"class_name": "Conv2D", "config": {"name": "conv", "filters": 3, "kernel_size": [2, 2]}})",
      {ramp("kernel", {2, 2, 2, 3}, 0.1, 0.01), ramp("bias", {3}, 0.2, 0.01)}, 3);
  fuse_batchnorm(conv);
  ASSERT_EQ(conv.find_layer("bn"), nullptr);
  const std::vector<double>& kernel = conv.layer("conv").weight("weight").values;
  for (size_t i : {0u, 4u, 23u}) {
    EXPECT_NEAR(kernel[i], (0.1 + 0.01 * i) * scale(static_cast<int64_t>(i % 3)), 1e-6) << i;
  }
  EXPECT_EQ(conv.layer("conv").attribute<std::string>("fused_batchnorm"), "bn");

  // Depthwise, multiplier 2: output channel c * 2 + m is the kernel's last two axes flattened.
  ir::Graph depthwise = conv_then_batchnorm(
      "5, 5, 2",
      R"({"class_name": "DepthwiseConv2D", "config": {"name": "conv", "kernel_size": [2, 2],
          "depth_multiplier": 2}})",
      {ramp("depthwise_kernel", {2, 2, 2, 2}, 0.1, 0.01), ramp("bias", {4}, 0.2, 0.01)}, 4);
  fuse_batchnorm(depthwise);
  ASSERT_EQ(depthwise.find_layer("bn"), nullptr);
  const std::vector<double>& taps = depthwise.layer("conv").weight("weight").values;
  EXPECT_NEAR(taps[7], (0.1 + 0.07) * scale(3), 1e-6);
  EXPECT_NEAR(depthwise.layer("conv").weight("bias").values[1],
              0.21 * scale(1) + 0.26 - (0.51 * scale(1)), 1e-6);

  // Separable: the pointwise kernel carries the output channels.
  ir::Graph separable = conv_then_batchnorm(
      "6, 2",
      R"({"class_name": "SeparableConv1D", "config": {"name": "conv", "filters": 3,
          "kernel_size": [3]}})",
      {ramp("depthwise_kernel", {3, 2, 1}, 0.1, 0.01),
       ramp("pointwise_kernel", {1, 2, 3}, 0.3, 0.01), ramp("bias", {3}, 0.0, 0.01)},
      3);
  fuse_batchnorm(separable);
  ASSERT_EQ(separable.find_layer("bn"), nullptr);
  EXPECT_NEAR(separable.layer("conv").weight("pointwise").values[5], 0.35 * scale(2), 1e-6);
  EXPECT_NEAR(separable.layer("conv").weight("depthwise").values[5], 0.15, 1e-12);
}

ir::Graph inferred(const std::string& shape, const std::string& layer_json,
                   frontend::WeightsByLayer weights, const std::string& config) {
  ir::Graph graph = frontend::graph_from_keras(
      R"({"class_name": "Sequential", "config": {"layers": [
        {"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": [null, )" +
          shape + R"(]}}, )" + layer_json + "]}}",
      std::move(weights), 2);
  split_activations(graph);
  config::apply_hls_config(json::parse(config), graph);
  infer_precision(graph);
  return graph;
}

/// fixed<8,3> everywhere, the given weight slots fixed<6,1>, the given sums `auto`.
std::string exact_config(const std::string& weight_slots, const std::string& sum_slots) {
  std::string slots;
  for (const std::string* list : {&weight_slots, &sum_slots}) {
    size_t start = 0;
    while (start < list->size()) {
      const size_t end = std::min(list->find(',', start), list->size());
      slots += (slots.empty() ? "\"" : ", \"") + list->substr(start, end - start) + "\": \"" +
               (list == &weight_slots ? "fixed<6,1>" : "auto") + "\"";
      start = end + 1;
    }
  }
  return R"({"Model": {"Precision": "fixed<8,3>"}, "LayerName": {"layer": {"Precision": {)" +
         slots + "}}}}";
}

TEST(ConvPasses, AccumulatorsAreTheExactSumTypes) {
  // fixed<8,3> x fixed<6,1> = fixed<14,4>; 18 terms add 5 integer bits; the bias one more.
  const ir::Graph conv = inferred(
      "4, 4, 2",
      R"({"class_name": "Conv2D", "config": {"name": "layer", "filters": 2, "kernel_size": [3, 3]}})",
      {{"layer", {ramp("kernel", {3, 3, 2, 2}, 0.0, 0.01), ramp("bias", {2}, 0.0, 0.01)}}},
      exact_config("weight", "accum"));
  EXPECT_EQ(conv.layer("layer").precision("accum").to_config(), "fixed<20,10>");
  // Depthwise: 9 taps per output, 4 more integer bits.
  const ir::Graph depthwise = inferred(
      "4, 4, 2",
      R"({"class_name": "DepthwiseConv2D", "config": {"name": "layer", "kernel_size": [3, 3]}})",
      {{"layer",
        {ramp("depthwise_kernel", {3, 3, 2, 1}, 0.0, 0.01), ramp("bias", {2}, 0.0, 0.01)}}},
      exact_config("weight", "accum"));
  EXPECT_EQ(depthwise.layer("layer").precision("accum").to_config(), "fixed<19,9>");
  // Separable: depthwise sums without bias are the intermediate type; then 4 channels.
  const ir::Graph separable = inferred(
      "6, 2",
      R"({"class_name": "SeparableConv1D", "config": {"name": "layer", "filters": 3,
          "kernel_size": [3], "depth_multiplier": 2}})",
      {{"layer",
        {ramp("depthwise_kernel", {3, 2, 2}, 0.0, 0.01),
         ramp("pointwise_kernel", {1, 4, 3}, 0.0, 0.01), ramp("bias", {3}, 0.0, 0.01)}}},
      exact_config("depthwise,pointwise", "depthwise_accum,depthwise_result,pointwise_accum"));
  const ir::Layer& layer = separable.layer("layer");
  EXPECT_EQ(layer.precision("depthwise_accum").to_config(), "fixed<16,6>");
  EXPECT_EQ(layer.precision("depthwise_result").to_config(), "fixed<16,6>");
  EXPECT_EQ(layer.precision("pointwise_accum").to_config(), "fixed<25,10>");
}

TEST(ConvPasses, PoolingAccumulatesExactlyAndKeepsTheInputType) {
  const std::string config =
      R"({"Model": {"Precision": "fixed<8,3>"}, "LayerName": {"layer": {"Precision": "auto"}}})";
  const ir::Graph average = inferred(
      "4, 4, 2",
      R"({"class_name": "AveragePooling2D", "config": {"name": "layer", "pool_size": [2, 2]}})", {},
      config);
  EXPECT_EQ(average.layer("layer").precision("accum").to_config(), "fixed<12,5>");
  EXPECT_EQ(average.layer("layer").precision("result").to_config(), "fixed<8,3>");
  const ir::Graph global =
      inferred("4, 3, 2", R"({"class_name": "GlobalMaxPooling2D", "config": {"name": "layer"}})",
               {}, config);
  EXPECT_EQ(global.layer("layer").precision("accum").to_config(), "fixed<8,3>");
}

std::string warnings_of(const std::string& shape, const std::string& layer_json,
                        frontend::WeightsByLayer weights, const std::string& config,
                        ir::IoType io_type = ir::IoType::kParallel) {
  ir::Graph graph = inferred(shape, layer_json, std::move(weights), config);
  graph.settings().io_type = io_type;
  preflight_checks(graph);
  std::string text;
  for (const Error& warning : graph.warnings()) text += std::string(warning.what()) + "\n";
  return text;
}

TEST(ConvPasses, PreflightWarnsOfUnrolledMultiplicationsAndPartitionedOutputs) {
  // 3x3x16 inputs x 32 filters = 4608 multiplications per pixel, two pixels at a time.
  const std::string conv =
      R"({"class_name": "Conv2D", "config": {"name": "layer", "filters": 32,
          "kernel_size": [3, 3]}})";
  const frontend::WeightsByLayer weights = {
      {"layer", {ramp("kernel", {3, 3, 16, 32}, -0.25, 1e-4), ramp("bias", {32}, 0.0, 0.01)}}};
  expect_contains(
      warnings_of("4, 4, 16", conv, weights,
                  R"({"LayerName": {"layer": {"ParallelizationFactor": 2}}})"),
      {"'layer' (Conv2D)", "9216 multiplications", "lower LayerName.layer.ParallelizationFactor",
       "LayerName.layer.Strategy to Resource", "ReuseFactor of at least 3"});
  // Inputs within ±1: the sums (within ±17) fit the default accumulator, so nothing else warns.
  EXPECT_EQ(warnings_of("4, 4, 16", conv, weights,
                        R"({"Model": {"Strategy": "Resource", "ReuseFactor": 2},
                            "LayerName": {"in": {"Precision": "fixed<16,1>"}}})"),
            "");
  // A 3x3 convolution over 20x20x16 with 32 filters: 18 x 18 x 32 = 10368 output values.
  expect_contains(warnings_of("20, 20, 16", conv, weights,
                              R"({"Model": {"Strategy": "Resource", "ReuseFactor": 2}})"),
                  {"'layer' (Conv2D)", "all 10368 output values in registers", "io_stream"});

  // io_stream: one output pixel per step whatever the ParallelizationFactor, and outputs in
  // FIFOs, not registers.
  const std::string streamed =
      warnings_of("20, 20, 16", conv, weights,
                  R"({"LayerName": {"layer": {"ParallelizationFactor": 2}}})", ir::IoType::kStream);
  expect_contains(streamed, {"'layer' (Conv2D)", "all 4608 multiplications", "at least 2"});
  EXPECT_EQ(streamed.find("ParallelizationFactor"), std::string::npos) << streamed;
  EXPECT_EQ(streamed.find("registers"), std::string::npos) << streamed;
}

}  // namespace
}  // namespace hlsnn::passes
