// The converters of keras_reshaping_layers.cpp on Keras JSON: output shapes and attributes from
// every form Keras writes the amounts in, and the errors for what is refused, each naming the
// layer and the option.
#include <gtest/gtest.h>

#include <tuple>

#include "../ir/error_matchers.h"
#include "frontend/keras_to_ir.h"
#include "ir/error.h"

namespace hlsnn::frontend {
namespace {

using ir::testing::expect_contains;
using ir::testing::message_of;

/// A Keras 2 Sequential model: an input of `input_shape`, then `layer_class` with `config`.
std::string one_layer_model(const std::string& input_shape, const std::string& layer_class,
                            const std::string& config) {
  return R"({"class_name": "Sequential", "config": {"layers": [
    {"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": [null, )" +
         input_shape + R"(]}},
    {"class_name": ")" +
         layer_class + R"(", "config": {"name": "under_test")" + (config.empty() ? "" : ", ") +
         config + "}}]}}";
}

ir::Layer converted(const std::string& input_shape, const std::string& layer_class,
                    const std::string& config) {
  return graph_from_keras(one_layer_model(input_shape, layer_class, config), {}, 2)
      .layer("under_test");
}

std::string error_of(const std::string& input_shape, const std::string& layer_class,
                     const std::string& config) {
  return message_of(
      [&] { graph_from_keras(one_layer_model(input_shape, layer_class, config), {}, 2); });
}

TEST(KerasReshapingLayers, ZeroPaddingTakesIntegersPairsAndNestedPairs) {
  const ir::Layer symmetric = converted("5, 3", "ZeroPadding1D", R"("padding": 2)");
  EXPECT_EQ(symmetric.layer_class, "ZeroPadding1D");
  EXPECT_EQ(symmetric.output().shape, (ir::Shape{9, 3}));
  const ir::Layer pair = converted("5, 3", "ZeroPadding1D", R"("padding": [0, 3])");
  EXPECT_EQ(pair.attribute<int64_t>("pad_left"), 0);
  EXPECT_EQ(pair.attribute<int64_t>("pad_right"), 3);

  const ir::Layer nested = converted(
      "4, 5, 2", "ZeroPadding2D", R"("padding": [[1, 2], [3, 0]], "data_format": "channels_last")");
  EXPECT_EQ(nested.output().shape, (ir::Shape{7, 8, 2}));
  EXPECT_EQ(nested.attribute<int64_t>("pad_top"), 1);
  EXPECT_EQ(nested.attribute<int64_t>("pad_bottom"), 2);
  EXPECT_EQ(nested.attribute<int64_t>("pad_left"), 3);
  EXPECT_EQ(nested.attribute<int64_t>("pad_right"), 0);
  // Keras' own spelling of ((1, 1), (2, 2)) as (1, 2): one amount per axis.
  const ir::Layer per_axis = converted("4, 5, 2", "ZeroPadding2D", R"("padding": [1, 2])");
  EXPECT_EQ(per_axis.output().shape, (ir::Shape{6, 9, 2}));
  EXPECT_EQ(converted("4, 5, 2", "ZeroPadding2D", R"("padding": 1)").output().shape,
            (ir::Shape{6, 7, 2}));
}

TEST(KerasReshapingLayers, CroppingKeepsTheWindowBetweenTheAmounts) {
  const ir::Layer crop1d = converted("9, 3", "Cropping1D", R"("cropping": [2, 4])");
  EXPECT_EQ(crop1d.output().shape, (ir::Shape{3, 3}));
  EXPECT_EQ(crop1d.attribute<int64_t>("crop_left"), 2);
  const ir::Layer crop2d = converted("6, 7, 2", "Cropping2D", R"("cropping": [[1, 0], [2, 3]])");
  EXPECT_EQ(crop2d.output().shape, (ir::Shape{5, 2, 2}));
  EXPECT_EQ(crop2d.attribute<int64_t>("crop_right"), 3);
}

TEST(KerasReshapingLayers, UpSamplingIsANearestResizeByWholeFactors) {
  const ir::Layer up1d = converted("4, 3", "UpSampling1D", R"("size": 3)");
  EXPECT_EQ(up1d.layer_class, "Resize");
  EXPECT_EQ(up1d.output().shape, (ir::Shape{12, 3}));
  EXPECT_EQ(up1d.attribute<int64_t>("height_factor"), 1);
  EXPECT_EQ(up1d.attribute<int64_t>("width_factor"), 3);
  const ir::Layer up2d =
      converted("4, 5, 2", "UpSampling2D", R"("size": [2, 3], "interpolation": "nearest")");
  EXPECT_EQ(up2d.output().shape, (ir::Shape{8, 15, 2}));
  EXPECT_EQ(up2d.attribute<std::string>("algorithm"), "nearest");
}

TEST(KerasReshapingLayers, PermuteAndChannelsFirstFlattenAreTransposes) {
  const ir::Layer permute = converted("2, 3, 4", "Permute", R"("dims": [3, 1, 2])");
  EXPECT_EQ(permute.layer_class, "Transpose");
  EXPECT_EQ(permute.output().shape, (ir::Shape{4, 2, 3}));
  EXPECT_EQ(permute.attribute<std::vector<int64_t>>("perm"), (std::vector<int64_t>{2, 0, 1}));
  // Keras moves the first axis last before flattening a channels-first tensor.
  const ir::Layer flatten = converted("2, 3, 4", "Flatten", R"("data_format": "channels_first")");
  EXPECT_EQ(flatten.layer_class, "Transpose");
  EXPECT_EQ(flatten.output().shape, (ir::Shape{24}));
  EXPECT_EQ(flatten.attribute<std::vector<int64_t>>("perm"), (std::vector<int64_t>{1, 2, 0}));
  EXPECT_EQ(converted("2, 3, 4", "Flatten", R"("data_format": "channels_last")").layer_class,
            "Reshape");
}

TEST(KerasReshapingLayers, LayersThatMoveNothingAreReshapesWhichTheBackendAliases) {
  for (const auto& [input, layer_class, config] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"1, 5, 3", "Permute", R"("dims": [2, 1, 3])"},
           {"2, 1, 3", "Permute", R"("dims": [1, 3, 2])"},
           {"1, 5, 3", "Flatten", R"("data_format": "channels_first")"},
           {"5, 3", "ZeroPadding1D", R"("padding": 0)"},
           {"4, 5, 3", "Cropping2D", R"("cropping": [[0, 0], [0, 0]])"},
           {"4, 5, 3", "UpSampling2D", R"("size": [1, 1])"}}) {
    EXPECT_EQ(converted(input, layer_class, config).layer_class, "Reshape") << layer_class;
  }
  EXPECT_EQ(converted("2, 1, 3", "Permute", R"("dims": [3, 2, 1])").layer_class, "Transpose");
}

TEST(KerasReshapingLayers, RefusedOptionsNameTheLayerAndTheOption) {
  expect_contains(
      error_of("4, 5, 2", "ZeroPadding2D", R"("data_format": "channels_first")"),
      {"layer under_test (ZeroPadding2D)", "data_format \"channels_first\"", "channels_last"});
  expect_contains(error_of("4, 5, 2", "UpSampling2D", R"("interpolation": "bilinear")"),
                  {"layer under_test (UpSampling2D)", "interpolation 'bilinear'", "nearest"});
  expect_contains(error_of("4, 5, 2", "Cropping2D", R"("cropping": [[2, 2], [0, 0]])"),
                  {"layer under_test (Cropping2D)", "2 + 2 of the 4 rows leaves nothing"});
  expect_contains(error_of("5, 3", "ZeroPadding1D", R"("padding": [-1, 0])"),
                  {"layer under_test (ZeroPadding1D)", "padding of -1 is negative"});
  expect_contains(error_of("2, 3, 4", "Permute", R"("dims": [1, 1, 3])"),
                  {"layer under_test (Permute)", "not a permutation of the axes 1..3"});
  expect_contains(
      error_of("5, 3", "ZeroPadding2D", R"("padding": 1)"),
      {"layer under_test (ZeroPadding2D)", "(batch, rows, columns, channels)", "(N, 5, 3)"});
  expect_contains(error_of("5, 3", "ZeroPadding1D", R"("padding": "same")"),
                  {"layer under_test (ZeroPadding1D)", "'padding'", "\"same\""});
  expect_contains(error_of("5, 3", "UpSampling1D", R"("size": 0)"),
                  {"layer under_test (UpSampling1D)", "size 0 is below 1"});
}

}  // namespace
}  // namespace hlsnn::frontend
