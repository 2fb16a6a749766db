// The small reading of the architecture JSON the weight readers rely on, and Keras' naming.
#include "frontend/keras_model_structure.h"

#include <gtest/gtest.h>

#include "../ir/error_matchers.h"
#include "ir/error.h"

namespace hlsnn::frontend {
namespace {

using ir::testing::Contains;
using ir::testing::error_from;

TEST(KerasSnakeCase, MatchesTheNamesKerasGivesWeightGroups) {
  for (int major : {2, 3}) {
    EXPECT_EQ(keras_snake_case("Dense", major), "dense");
    EXPECT_EQ(keras_snake_case("Conv2D", major), "conv2d");
    EXPECT_EQ(keras_snake_case("DepthwiseConv2D", major), "depthwise_conv2d");
    EXPECT_EQ(keras_snake_case("BatchNormalization", major), "batch_normalization");
    EXPECT_EQ(keras_snake_case("PReLU", major), "p_re_lu");
    EXPECT_EQ(keras_snake_case("QDense", major), "q_dense");
    EXPECT_EQ(keras_snake_case("InputLayer", major), "input_layer");
  }
  EXPECT_EQ(keras_snake_case("_Hidden", 2), "private__hidden");
  EXPECT_EQ(keras_snake_case("My.Layer", 3), "my_layer");
}

TEST(KerasSnakeCase, LongClassNamesFromAFileDoNotOverflowTheStack) {
  // Issue 15: std::regex recursed once per character of a class name taken from the file.
  const std::string name = "A" + std::string(1 << 20, 'b') + "Cd";
  const std::string snake = keras_snake_case(name, 3);
  EXPECT_EQ(snake.size(), name.size() + 1);
  EXPECT_EQ(snake.substr(snake.size() - 4), "b_cd");
  EXPECT_EQ(keras_snake_case("HTTPServerError", 2), "http_server_error");
  EXPECT_EQ(keras_snake_case("aB\nCd", 2), "a_b\ncd");
}

TEST(ParseModelStructure, FindsNestedModelsAndLeavesSequentialInputsOut) {
  const KerasLayerNode model = parse_model_structure(R"({"class_name": "Functional", "config": {
      "name": "outer", "input_layers": [["in", 0, 0]], "output_layers": [["inner", 1, 0]],
      "layers": [
        {"class_name": "InputLayer", "name": "in", "config": {"name": "in"}, "inbound_nodes": []},
        {"class_name": "Sequential", "name": "inner", "config": {"name": "inner", "layers": [
          {"class_name": "InputLayer", "config": {"name": "inner_in"}},
          {"class_name": "Dense", "config": {"name": "d"}}]}}]}})",
                                                     "test");
  EXPECT_TRUE(model.is_model);
  EXPECT_FALSE(model.is_sequential);
  ASSERT_EQ(model_layers(model).size(), 2u);  // a Functional's InputLayers are layers
  const KerasLayerNode& inner = *model_layers(model)[1];
  EXPECT_EQ(inner.name, "inner");
  EXPECT_TRUE(inner.is_sequential);
  ASSERT_EQ(model_layers(inner).size(), 1u);
  EXPECT_EQ(model_layers(inner)[0]->name, "d");
}

TEST(ParseModelStructure, ReadsTheBareLayerListOfOldSequentialConfigs) {
  const KerasLayerNode model = parse_model_structure(
      R"({"class_name": "Sequential", "config": [{"class_name": "Dense", "config": {"name": "d"}}]})",
      "test");
  ASSERT_EQ(model_layers(model).size(), 1u);
  EXPECT_EQ(model_layers(model)[0]->class_name, "Dense");
}

TEST(ParseModelStructure, RejectsALayerWithoutClassName) {
  const Error error = error_from([] {
    parse_model_structure(R"({"class_name": "Sequential", "config": {"layers": [{"config": {}}]}})",
                          "model.json");
  });
  EXPECT_TRUE(Contains(error.where(), "model.json, layer #0"));
  EXPECT_TRUE(Contains(error.problem(), "\"class_name\""));
}

TEST(ParseModelStructure, RejectsAConfigThatIsNotAModel) {
  const Error error = error_from(
      [] { parse_model_structure(R"({"class_name": "Dense", "config": {}})", "model.json"); });
  EXPECT_TRUE(Contains(error.problem(), "no list of layers"));
}

}  // namespace
}  // namespace hlsnn::frontend
