// The convolution and pooling converters on Keras JSON: window geometry (Keras' padding rules),
// weights, IR classes, and the options refused with the layer's name and what to do.
#include <gtest/gtest.h>

#include "../frontend/weight_arrays.h"
#include "../ir/error_matchers.h"
#include "frontend/keras_to_ir.h"
#include "ir/error.h"

namespace hlsnn::frontend {
namespace {

using ir::testing::expect_contains;
using ir::testing::message_of;
using testing::ramp;

/// A Keras 2 Sequential of one layer of `class_name` with `config` on an input of `shape`.
std::string one_layer(const std::string& class_name, const std::string& config,
                      const std::string& shape) {
  return R"({"class_name": "Sequential", "config": {"layers": [
    {"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": [null, )" +
         shape + R"(]}},
    {"class_name": ")" +
         class_name + R"(", "config": {"name": "layer", )" + config + "}}]}}";
}

std::string error_of(const std::string& json, const WeightsByLayer& weights = {}) {
  return message_of([&] { graph_from_keras(json, weights, 2); });
}

int64_t get(const ir::Layer& layer, const char* key) { return layer.attribute<int64_t>(key); }

TEST(KerasConvLayers, Conv2DSamePaddingPadsTheOddRowAfterAsKerasDoes) {
  // Width 7, window 4, stride 2: 4 outputs, 3 padded columns, 1 before and 2 after.
  const ir::Graph graph = graph_from_keras(
      one_layer("Conv2D",
                R"("filters": 5, "kernel_size": [3, 4], "strides": [1, 2], "padding": "same",
                   "activation": "relu", "use_bias": true)",
                "6, 7, 3"),
      {{"layer", {ramp("kernel", {3, 4, 3, 5}, 0, 0.01), ramp("bias", {5}, 0, 0.01)}}}, 2);
  const ir::Layer& conv = graph.layer("layer");
  EXPECT_EQ(conv.layer_class, "Conv2D");
  EXPECT_EQ(conv.output().shape, (ir::Shape{6, 4, 5}));
  EXPECT_EQ(get(conv, "pad_top"), 1);
  EXPECT_EQ(get(conv, "pad_bottom"), 1);
  EXPECT_EQ(get(conv, "pad_left"), 1);
  EXPECT_EQ(get(conv, "pad_right"), 2);
  EXPECT_EQ(get(conv, "filt_height"), 3);
  EXPECT_EQ(get(conv, "n_chan"), 3);
  EXPECT_EQ(get(conv, "n_filt"), 5);
  EXPECT_EQ(conv.weight("weight").shape, (ir::Shape{3, 4, 3, 5}));
  EXPECT_EQ(conv.attribute<std::string>("activation"), "relu");
}

TEST(KerasConvLayers, Conv1DIsAnImageOfHeightOneAndCausalPadsBefore) {
  const ir::Graph graph = graph_from_keras(
      one_layer("Conv1D",
                R"("filters": 2, "kernel_size": [3], "strides": [2], "padding": "causal",
                   "use_bias": false)",
                "9, 4"),
      {{"layer", {ramp("kernel", {3, 4, 2}, 0, 0.01)}}}, 2);
  const ir::Layer& conv = graph.layer("layer");
  EXPECT_EQ(conv.layer_class, "Conv1D");
  EXPECT_EQ(conv.output().shape, (ir::Shape{5, 2}));
  EXPECT_EQ(get(conv, "in_height"), 1);
  EXPECT_EQ(get(conv, "filt_height"), 1);
  EXPECT_EQ(get(conv, "pad_left"), 2);
  EXPECT_EQ(get(conv, "pad_right"), 0);
  EXPECT_EQ(conv.weight("bias").values, std::vector<double>(2, 0.0)) << "zero bias added";
}

TEST(KerasConvLayers, DepthwiseAndSeparableKeepTheirKernelsAndMultiplier) {
  const ir::Graph depthwise = graph_from_keras(
      one_layer("DepthwiseConv2D",
                R"("kernel_size": [2, 2], "depth_multiplier": 3, "padding": "valid")", "4, 4, 2"),
      {{"layer", {ramp("depthwise_kernel", {2, 2, 2, 3}, 0, 0.01), ramp("bias", {6}, 0, 0.01)}}},
      2);
  EXPECT_EQ(depthwise.layer("layer").output().shape, (ir::Shape{3, 3, 6}));
  EXPECT_EQ(get(depthwise.layer("layer"), "depth_multiplier"), 3);

  const ir::Graph separable = graph_from_keras(
      one_layer("SeparableConv1D",
                R"("filters": 4, "kernel_size": [3], "depth_multiplier": 2, "padding": "same")",
                "8, 3"),
      {{"layer",
        {ramp("depthwise_kernel", {3, 3, 2}, 0, 0.01), ramp("pointwise_kernel", {1, 6, 4}, 0, 0.01),
         ramp("bias", {4}, 0, 0.01)}}},
      2);
  const ir::Layer& layer = separable.layer("layer");
  EXPECT_EQ(layer.layer_class, "SeparableConv1D");
  EXPECT_EQ(layer.output().shape, (ir::Shape{8, 4}));
  EXPECT_EQ(layer.weight("depthwise").shape, (ir::Shape{3, 3, 2}));
  EXPECT_EQ(layer.weight("pointwise").shape, (ir::Shape{1, 6, 4}));
}

TEST(KerasConvLayers, PoolingStridesByItsSizeWhenStridesAreNull) {
  const ir::Graph graph = graph_from_keras(
      one_layer("AveragePooling2D", R"("pool_size": [2, 3], "strides": null, "padding": "valid")",
                "5, 7, 2"),
      {}, 2);
  const ir::Layer& pooling = graph.layer("layer");
  EXPECT_EQ(pooling.layer_class, "Pooling2D");
  EXPECT_EQ(pooling.attribute<std::string>("pool_op"), "average");
  EXPECT_EQ(pooling.output().shape, (ir::Shape{2, 2, 2}));
  EXPECT_EQ(get(pooling, "stride_width"), 3);
}

TEST(KerasConvLayers, GlobalPoolingKeepsDimensionsWhenAsked) {
  const ir::Graph kept =
      graph_from_keras(one_layer("GlobalMaxPooling2D", R"("keepdims": true)", "3, 4, 5"), {}, 2);
  EXPECT_EQ(kept.layer("layer").layer_class, "GlobalPooling2D");
  EXPECT_EQ(kept.layer("layer").output().shape, (ir::Shape{1, 1, 5}));
  EXPECT_EQ(get(kept.layer("layer"), "pool_width"), 4);
  const ir::Graph flat =
      graph_from_keras(one_layer("GlobalAveragePooling1D", R"("keepdims": false)", "6, 5"), {}, 2);
  EXPECT_EQ(flat.layer("layer").output().shape, (ir::Shape{5}));
  EXPECT_EQ(flat.layer("layer").attribute<std::string>("pool_op"), "average");
}

TEST(KerasConvLayers, UnsupportedOptionsAreRefusedWithTheLayerAndWhatToDo) {
  const WeightsByLayer conv_weights = {
      {"layer", {ramp("kernel", {3, 3, 2, 4}, 0, 0.01), ramp("bias", {4}, 0, 0.01)}}};
  expect_contains(
      error_of(
          one_layer("Conv2D", R"("filters": 4, "kernel_size": [3, 3], "dilation_rate": [2, 2])",
                    "8, 8, 2"),
          conv_weights),
      {"layer (Conv2D)", "dilation_rate [2,2] is not supported", "dilation_rate=1"});
  expect_contains(
      error_of(
          one_layer("Conv2D", R"("filters": 4, "kernel_size": [3, 3], "groups": 2)", "8, 8, 2"),
          conv_weights),
      {"layer (Conv2D)", "groups=2", "one convolution per group"});
  expect_contains(
      error_of(one_layer("Conv2D",
                         R"("filters": 4, "kernel_size": [3, 3], "data_format": "channels_first")",
                         "2, 8, 8"),
               conv_weights),
      {"layer (Conv2D)", "channels_first", "channels_last"});
  expect_contains(
      error_of(one_layer("MaxPooling1D", R"("pool_size": [2], "padding": "causal")", "8, 2")),
      {"layer (MaxPooling1D)", "padding 'causal'", "'valid' or 'same'"});
  expect_contains(
      error_of(one_layer("Conv1D", R"("filters": 4, "kernel_size": [5])", "3, 2"),
               {{"layer", {ramp("kernel", {5, 2, 4}, 0, 0.01), ramp("bias", {4}, 0, 0.01)}}}),
      {"layer (Conv1D)", "window of 5 is larger than the input's width of 3", "padding 'same'"});
  expect_contains(error_of(one_layer("Conv2D", R"("filters": 4, "kernel_size": [3, 3])", "8, 2")),
                  {"layer (Conv2D)", "rank 3", "(height, width, channels)"});
  expect_contains(
      error_of(one_layer("Conv2D", R"("filters": 4, "kernel_size": [3, 3])", "8, 8, 2"),
               {{"layer", {ramp("kernel", {3, 3, 4, 2}, 0, 0.01), ramp("bias", {4}, 0, 0.01)}}}),
      {"layer (Conv2D)", "weight kernel has shape [3,3,4,2], expected [3,3,2,4]"});
  expect_contains(
      error_of(one_layer("Conv2D", R"("filters": 4, "kernel_size": [3, "x"])", "8, 8, 2")),
      {"layer (Conv2D)", "kernel_size", "2 positive integer(s)"});
}

}  // namespace
}  // namespace hlsnn::frontend
