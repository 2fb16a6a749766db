#include <gtest/gtest.h>

#include <cmath>

#include "../frontend/weight_arrays.h"
#include "../ir/error_matchers.h"
#include "frontend/keras_to_ir.h"
#include "ir/error.h"

namespace hlsnn::frontend {
namespace {

using ir::testing::message_of;
using testing::ramp;

std::string error_of(const std::string& json, const WeightsByLayer& weights = {}) {
  return message_of([&] { graph_from_keras(json, weights, 2); });
}

// The shape of `model.to_json()` of a Keras 2 Sequential model without an InputLayer entry.
constexpr const char* kKeras2Sequential = R"({"class_name": "Sequential", "config": {
  "name": "sequential", "layers": [
    {"class_name": "Dense", "config": {"name": "dense", "batch_input_shape": [null, 4],
      "units": 3, "activation": "relu", "use_bias": true}},
    {"class_name": "Dropout", "config": {"name": "dropout", "rate": 0.5}},
    {"class_name": "Dense", "config": {"name": "dense_1", "units": 2, "activation": "softmax",
      "use_bias": false}}]}})";

TEST(KerasToIr, Keras2SequentialChainsLayersAndDropsDropout) {
  const ir::Graph graph = graph_from_keras(
      kKeras2Sequential,
      {{"dense", {ramp("kernel", {4, 3}, 0.5, 0.25), ramp("bias", {3}, 0.5, 0.25)}},
       {"dense_1", {ramp("kernel", {3, 2}, 0.5, 0.25)}}},
      2);
  EXPECT_EQ(graph.inputs(), std::vector<std::string>{"dense_input"});
  EXPECT_EQ(graph.outputs(), std::vector<std::string>{"dense_1"});
  EXPECT_EQ(graph.layer_count(), 3u);
  const ir::Layer& second = graph.layer("dense_1");
  EXPECT_EQ(second.inputs, std::vector<std::string>{"dense"});
  EXPECT_EQ(second.attribute<std::string>("activation"), "softmax");
  EXPECT_EQ(second.weight("bias").values, std::vector<double>(2, 0.0)) << "zero bias added";
  EXPECT_EQ(graph.layer("dense").weight("weight").shape, (ir::Shape{4, 3}));
}

// The Keras 3 form: explicit InputLayer with batch_shape, dict inbound nodes, a nested
// functional model with two outputs, and a merge.
constexpr const char* kKeras3Functional = R"({"module": "keras", "class_name": "Functional",
 "config": {"name": "outer", "layers": [
  {"class_name": "InputLayer", "name": "x", "config": {"name": "x", "batch_shape": [null, 6]},
   "inbound_nodes": []},
  {"class_name": "Functional", "name": "inner", "config": {"name": "inner", "layers": [
     {"class_name": "InputLayer", "name": "inner_in", "config": {"name": "inner_in",
       "batch_shape": [null, 6]}, "inbound_nodes": []},
     {"class_name": "ReLU", "name": "r", "config": {"name": "r"}, "inbound_nodes": [
       {"args": [{"class_name": "__keras_tensor__", "config": {"shape": [null, 6],
         "keras_history": ["inner_in", 0, 0]}}], "kwargs": {}}]},
     {"class_name": "LeakyReLU", "name": "l", "config": {"name": "l", "negative_slope": 0.1},
      "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {
         "shape": [null, 6], "keras_history": ["inner_in", 0, 0]}}], "kwargs": {}}]}],
     "input_layers": ["inner_in", 0, 0], "output_layers": [["r", 0, 0], ["l", 0, 0]]},
   "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"shape": [null, 6],
     "keras_history": ["x", 0, 0]}}], "kwargs": {}}]},
  {"class_name": "Add", "name": "sum", "config": {"name": "sum"}, "inbound_nodes": [
    {"args": [[{"class_name": "__keras_tensor__", "config": {"keras_history": ["inner", 0, 0]}},
               {"class_name": "__keras_tensor__", "config": {"keras_history": ["inner", 0, 1]}}]],
     "kwargs": {}}]}],
 "input_layers": ["x", 0, 0], "output_layers": ["sum", 0, 0]}})";

TEST(KerasToIr, Keras3NestedFunctionalModelIsInlined) {
  const ir::Graph graph = graph_from_keras(kKeras3Functional, {}, 3);
  EXPECT_EQ(graph.inputs(), std::vector<std::string>{"x"});
  EXPECT_EQ(graph.outputs(), std::vector<std::string>{"sum"});
  EXPECT_EQ(graph.layer("r").inputs, std::vector<std::string>{"x"});
  EXPECT_EQ(graph.layer("sum").inputs, (std::vector<std::string>{"r", "l"}));
  EXPECT_EQ(graph.layer("l").attribute<double>("alpha"), 0.1);
  EXPECT_EQ(graph.layer("sum").attribute<std::string>("op"), "add");
}

TEST(KerasToIr, EveryUnsupportedLayerIsListedInOneError) {
  const std::string message = error_of(R"({"class_name": "Sequential", "config": {"layers": [
    {"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": [null, 8, 8, 1]}},
    {"class_name": "Conv3D", "config": {"name": "conv"}},
    {"class_name": "LSTM", "config": {"name": "recurrent"}},
    {"class_name": "Dense", "config": {"name": "d", "units": 2}}]}})");
  EXPECT_NE(message.find("2 unsupported layers"), std::string::npos) << message;
  EXPECT_NE(message.find("conv (Conv3D)"), std::string::npos) << message;
  EXPECT_NE(message.find("recurrent (LSTM)"), std::string::npos) << message;
}

TEST(KerasToIr, UnsupportedActivationIsNamedWithTheSupportedOnes) {
  const std::string message = error_of(R"({"class_name": "Sequential", "config": {"layers": [
    {"class_name": "Dense", "config": {"name": "d", "batch_input_shape": [null, 2], "units": 2,
     "activation": "gelu", "use_bias": false}}]}})",
                                       {{"d", {ramp("kernel", {2, 2}, 0.5, 0.25)}}});
  EXPECT_NE(message.find("activation gelu"), std::string::npos) << message;
  EXPECT_NE(message.find("hard_sigmoid"), std::string::npos) << message;
  EXPECT_NE(message.find("layer d (Dense)"), std::string::npos) << message;
}

TEST(KerasToIr, SharedLayersAreRefusedByName) {
  const std::string message = error_of(R"({"class_name": "Functional", "config": {"layers": [
    {"class_name": "InputLayer", "name": "a", "config": {"name": "a",
     "batch_input_shape": [null, 2]}, "inbound_nodes": []},
    {"class_name": "ReLU", "name": "shared", "config": {"name": "shared"},
     "inbound_nodes": [[["a", 0, 0, {}]], [["a", 0, 0, {}]]]}],
    "input_layers": [["a", 0, 0]], "output_layers": [["shared", 1, 0]]}})");
  EXPECT_NE(message.find("layer shared (ReLU)"), std::string::npos) << message;
  EXPECT_NE(message.find("shared layers are not supported"), std::string::npos) << message;
}

TEST(KerasToIr, WrongWeightShapeNamesLayerAndShapes) {
  const std::string message =
      error_of(kKeras2Sequential,
               {{"dense", {ramp("kernel", {4, 4}, 0.5, 0.25), ramp("bias", {3}, 0.5, 0.25)}},
                {"dense_1", {ramp("kernel", {3, 2}, 0.5, 0.25)}}});
  EXPECT_NE(message.find("layer dense (Dense)"), std::string::npos) << message;
  EXPECT_NE(message.find("[4,4]"), std::string::npos) << message;
}

TEST(KerasToIr, MissingWeightsAreReported) {
  const std::string message = error_of(kKeras2Sequential);
  EXPECT_NE(message.find("expects 2 weight arrays"), std::string::npos) << message;
}

TEST(KerasToIr, MalformedJsonIsReportedAsSuch) {
  EXPECT_NE(error_of("{\"class_name\": ").find("not valid JSON"), std::string::npos);
  EXPECT_NE(error_of("[1, 2]").find("not an object"), std::string::npos);
  EXPECT_NE(error_of(R"({"class_name": "Dense", "config": {}})").find("not a Sequential"),
            std::string::npos);
}

TEST(KerasToIr, DeeplyNestedJsonIsAnErrorNotAStackOverflow) {
  // Issue 15: a layer config nested 200000 levels deep overflowed the stack (SIGSEGV).
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  const std::string message = error_of(
      R"({"class_name": "Sequential", "config": {"layers": [{"class_name": "Dense", "config": )"
      R"({"name": "d", "units": )" +
      deep + "}}]}}");
  EXPECT_NE(message.find("deeper than the limit of 256 levels"), std::string::npos) << message;
  EXPECT_NE(message.find("model JSON"), std::string::npos) << message;
}

TEST(KerasToIr, ConfigValuesOfTheWrongTypeNameTheLayer) {
  // A converter reading a value of an unexpected type must not leak the JSON library's message.
  const std::string message = error_of(R"({"class_name": "Sequential", "config": {"layers": [
    {"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": [null, 2]}},
    {"class_name": "Dense", "config": {"name": "d", "units": {"a": 1}, "activation": []}}]}})");
  EXPECT_NE(message.find("layer d (Dense)"), std::string::npos) << message;
  EXPECT_EQ(message.find("[json.exception"), std::string::npos) << message;
}

TEST(KerasToIr, BatchNormalizationScaleAndBiasAreComputedInFloat32) {
  const ir::Graph graph = graph_from_keras(
      R"({"class_name": "Sequential", "config": {"layers": [
    {"class_name": "BatchNormalization", "config": {"name": "bn", "axis": [1],
     "batch_input_shape": [null, 3], "epsilon": 0.001, "center": true, "scale": true}}]}})",
      {{"bn",
        {ramp("gamma", {3}, 1.0, 0.25), ramp("beta", {3}, 0.1, 0.25),
         ramp("moving_mean", {3}, 0.3, 0.25), ramp("moving_variance", {3}, 2.0, 0.25)}}},
      2);
  const ir::Layer& bn = graph.layer("bn");
  for (size_t c = 0; c < 3; ++c) {
    const float gamma = 1.0f + 0.25f * c;
    const float scale = gamma / std::sqrt((2.0f + 0.25f * c) + 0.001f);
    EXPECT_EQ(bn.weight("scale").values[c], static_cast<double>(scale));
    const float shifted = (0.3f + 0.25f * c) * scale;
    EXPECT_EQ(bn.weight("bias").values[c], static_cast<double>((0.1f + 0.25f * c) - shifted));
  }
}

TEST(KerasToIr, FlattenReshapeAndConcatenateComputeShapes) {
  const ir::Graph graph = graph_from_keras(R"({"class_name": "Functional", "config": {"layers": [
    {"class_name": "InputLayer", "name": "a", "config": {"name": "a",
     "batch_input_shape": [null, 2, 3]}, "inbound_nodes": []},
    {"class_name": "Reshape", "name": "r", "config": {"name": "r", "target_shape": [3, -1]},
     "inbound_nodes": [[["a", 0, 0, {}]]]},
    {"class_name": "Concatenate", "name": "c", "config": {"name": "c", "axis": 1},
     "inbound_nodes": [[["r", 0, 0, {}], ["r", 0, 0, {}]]]},
    {"class_name": "Flatten", "name": "f", "config": {"name": "f"},
     "inbound_nodes": [[["c", 0, 0, {}]]]}],
    "input_layers": [["a", 0, 0]], "output_layers": [["f", 0, 0]]}})",
                                           {}, 2);
  EXPECT_EQ(graph.tensor("r").shape, (ir::Shape{3, 2}));
  EXPECT_EQ(graph.tensor("c").shape, (ir::Shape{6, 2}));
  EXPECT_EQ(graph.layer("c").attribute<int64_t>("axis"), 0);
  EXPECT_EQ(graph.tensor("f").shape, (ir::Shape{12}));
}

TEST(KerasToIr, DenseAppliesToTheLastAxisOfAMultiDimensionalInput) {
  const ir::Graph graph = graph_from_keras(
      R"({"class_name": "Sequential", "config": {"layers": [
    {"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": [null, 2, 3, 5]}},
    {"class_name": "Dense", "config": {"name": "d", "units": 4}}]}})",
      {{"d", {ramp("kernel", {5, 4}, 0.5, 0.25), ramp("bias", {4}, 0.5, 0.25)}}}, 2);
  const ir::Layer& dense = graph.layer("d");
  EXPECT_EQ(dense.output().shape, (ir::Shape{2, 3, 4}));
  EXPECT_EQ(dense.attribute<int64_t>("n_in"), 5);
  EXPECT_EQ(dense.attribute<int64_t>("n_out"), 4);
  EXPECT_EQ(dense.weight("weight").shape, (ir::Shape{5, 4}));
}

TEST(KerasToIr, MergesTakeThreeInputsButSubtractOnlyTwo) {
  const std::string model = R"({"class_name": "Functional", "config": {"layers": [
    {"class_name": "InputLayer", "name": "a", "config": {"name": "a",
     "batch_input_shape": [null, 4]}, "inbound_nodes": []},
    {"class_name": "CLASS", "name": "m", "config": {"name": "m"},
     "inbound_nodes": [[["a", 0, 0, {}], ["a", 0, 0, {}], ["a", 0, 0, {}]]]}],
    "input_layers": [["a", 0, 0]], "output_layers": [["m", 0, 0]]}})";
  const auto with_class = [&](const std::string& class_name) {
    std::string text = model;
    return text.replace(text.find("CLASS"), 5, class_name);
  };
  const ir::Graph graph = graph_from_keras(with_class("Add"), {}, 2);
  EXPECT_EQ(graph.layer("m").inputs.size(), 3u);
  EXPECT_EQ(graph_from_keras(with_class("Concatenate"), {}, 2).tensor("m").shape, (ir::Shape{12}));
  EXPECT_NE(error_of(with_class("Subtract")).find("exactly two"), std::string::npos);
}

}  // namespace
}  // namespace hlsnn::frontend
