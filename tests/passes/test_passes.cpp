#include <gtest/gtest.h>

#include <cmath>

#include "../frontend/weight_arrays.h"
#include "config/hls_config.h"
#include "frontend/keras_to_ir.h"
#include "ir/error.h"
#include "passes/fuse_batchnorm.h"
#include "passes/infer_precision.h"
#include "passes/insert_apply_alpha.h"
#include "passes/pass_list.h"
#include "passes/remove_linear_activations.h"
#include "passes/split_activations.h"

namespace hlsnn::passes {
namespace {

using frontend::testing::ramp;
using json = nlohmann::ordered_json;

/// in(4) -> dense(3, activation) -> bn -> act(linear)
ir::Graph dense_bn_linear(const std::string& activation) {
  return frontend::graph_from_keras(
      R"({"class_name": "Sequential", "config": {"layers": [
        {"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": [null, 4]}},
        {"class_name": "Dense", "config": {"name": "dense", "units": 3, "activation": ")" +
          activation + R"("}},
        {"class_name": "BatchNormalization", "config": {"name": "bn", "epsilon": 0.001}},
        {"class_name": "Activation", "config": {"name": "act", "activation": "linear"}}]}})",
      {{"dense", {ramp("kernel", {4, 3}, 0.3, 0.1), ramp("bias", {3}, -0.2, 0.1)}},
       {"bn",
        {ramp("gamma", {3}, 1.1, 0.1), ramp("beta", {3}, 0.05, 0.1),
         ramp("moving_mean", {3}, 0.2, 0.1), ramp("moving_variance", {3}, 0.7, 0.1)}}},
      2);
}

void configure(ir::Graph& graph, const std::string& config_text) {
  config::apply_hls_config(json::parse(config_text), graph);
}

TEST(SplitActivations, MovesFusedActivationsIntoNamedLayers) {
  ir::Graph graph = dense_bn_linear("relu");
  split_activations(graph);
  const ir::Layer& relu = graph.layer("dense_relu");
  EXPECT_EQ(relu.layer_class, "Activation");
  EXPECT_EQ(relu.attribute<std::string>("activation"), "relu");
  EXPECT_EQ(relu.inputs, std::vector<std::string>{"dense"});
  EXPECT_EQ(graph.layer("bn").inputs, std::vector<std::string>{"dense_relu"});
  EXPECT_FALSE(graph.layer("dense").has_attribute("activation"));
  graph.validate();
}

TEST(SplitActivations, SoftmaxBecomesASoftmaxLayerAndLinearVanishes) {
  ir::Graph softmax = dense_bn_linear("softmax");
  split_activations(softmax);
  EXPECT_EQ(softmax.layer("dense_softmax").layer_class, "Softmax");
  ir::Graph linear = dense_bn_linear("linear");
  split_activations(linear);
  EXPECT_EQ(linear.find_layer("dense_linear"), nullptr);
  EXPECT_EQ(linear.layer("bn").inputs, std::vector<std::string>{"dense"});
}

TEST(SplitActivations, HardSigmoidParametersMoveWithIt) {
  ir::Graph graph = dense_bn_linear("hard_sigmoid");
  split_activations(graph);
  EXPECT_DOUBLE_EQ(graph.layer("dense_hard_sigmoid").attribute<double>("slope"), 0.2);
  EXPECT_FALSE(graph.layer("dense").has_attribute("activation.slope"));
}

TEST(FuseBatchnorm, FoldsIntoDenseWithUnconfiguredResultInFloat32) {
  ir::Graph graph = dense_bn_linear("linear");
  split_activations(graph);
  const std::vector<double> kernel = graph.layer("dense").weight("weight").values;
  const std::vector<double> bias = graph.layer("dense").weight("bias").values;
  const std::vector<double> scale = graph.layer("bn").weight("scale").values;
  const std::vector<double> shift = graph.layer("bn").weight("bias").values;
  configure(graph, R"({"Model": {"Precision": "fixed<16,6>"},
                       "LayerName": {"dense": {"Precision": {"result": "auto"}},
                                     "bn": {"Precision": {"result": "fixed<20,8>"}}}})");
  fuse_batchnorm(graph);
  EXPECT_EQ(graph.find_layer("bn"), nullptr);
  const ir::Layer& dense = graph.layer("dense");
  EXPECT_EQ(dense.precision("result"), ir::parse_precision("fixed<20,8>"));
  EXPECT_EQ(dense.attribute<std::string>("fused_batchnorm"), "bn");
  EXPECT_EQ(graph.layer("act").inputs, std::vector<std::string>{"dense"});
  for (size_t i = 0; i < kernel.size(); ++i) {
    EXPECT_EQ(
        dense.weight("weight").values[i],
        static_cast<double>(static_cast<float>(scale[i % 3]) * static_cast<float>(kernel[i])));
  }
  for (size_t j = 0; j < 3; ++j) {
    const float scaled = static_cast<float>(scale[j]) * static_cast<float>(bias[j]);
    EXPECT_EQ(dense.weight("bias").values[j],
              static_cast<double>(scaled + static_cast<float>(shift[j])));
  }
}

TEST(FuseBatchnorm, KeepsLayersApartWhenTheDenseResultIsConfigured) {
  ir::Graph graph = dense_bn_linear("linear");
  configure(graph, R"({"Model": {"Precision": "fixed<16,6>"}})");
  fuse_batchnorm(graph);
  EXPECT_NE(graph.find_layer("bn"), nullptr);
}

TEST(RemoveLinearActivations, DropsOnlyThoseThatChangeNoType) {
  ir::Graph same = dense_bn_linear("linear");
  configure(same, R"({"Model": {"Precision": "fixed<16,6>"}})");
  remove_linear_activations(same);
  EXPECT_EQ(same.find_layer("act"), nullptr);
  EXPECT_EQ(same.outputs(), std::vector<std::string>{"bn"});

  ir::Graph requantizing = dense_bn_linear("linear");
  configure(requantizing, R"({"Model": {"Precision": "fixed<16,6>"},
                              "LayerName": {"act": {"Precision": "fixed<8,4>"}}})");
  remove_linear_activations(requantizing);
  EXPECT_NE(requantizing.find_layer("act"), nullptr);
}

TEST(RemoveLinearActivations, KeepsOneThatTurnsAModelInputIntoAModelOutput) {
  ir::Graph graph = frontend::graph_from_keras(
      R"({"class_name": "Functional", "config": {"name": "m", "layers": [
        {"class_name": "InputLayer", "name": "in", "inbound_nodes": [],
         "config": {"name": "in", "batch_input_shape": [null, 4]}},
        {"class_name": "Activation", "name": "act", "inbound_nodes": [[["in", 0, 0, {}]]],
         "config": {"name": "act", "activation": "linear"}}],
        "input_layers": [["in", 0, 0]], "output_layers": [["act", 0, 0]]}})",
      {}, 2);
  configure(graph, R"({"Model": {"Precision": "fixed<16,6>"}})");
  remove_linear_activations(graph);
  EXPECT_NE(graph.find_layer("act"), nullptr);
  graph.validate();
}

TEST(InferPrecision, DenseAccumulatorIsExactAndResultHoldsItsRangeAtTheDefaultResolution) {
  ir::Graph graph = dense_bn_linear("relu");
  split_activations(graph);
  configure(graph, R"({"Model": {"Precision": "fixed<16,6>"},
                       "LayerName": {"dense": {"Precision": {"weight": "fixed<8,3>",
                                     "bias": "fixed<8,3>", "accum": "auto", "result": "auto"}},
                                     "dense_relu": {"Precision": {"result": "auto"}}}})");
  infer_precision(graph);
  const ir::Layer& dense = graph.layer("dense");
  // 16,6 x 8,3 -> 24,9 products; 4 of them -> 26,11; plus an 8,3 bias -> 27,12.
  EXPECT_EQ(dense.precision("accum"), ir::parse_precision("fixed<27,12>"));
  // Inputs within [-32, 32) times a kernel column summing to less than 3, plus a bias below 1:
  // within (-128, 128), so 8 integer bits and the default's 10 fractional bits.
  EXPECT_EQ(dense.precision("result"), ir::parse_precision("fixed<18,8>"));
  EXPECT_EQ(graph.layer("dense_relu").precision("result"), dense.precision("result"));
}

TEST(InferPrecision, MaximumCapsExactAccumulatorsAndResultsHoldTheirRange) {
  ir::Graph graph = dense_bn_linear("linear");
  configure(graph,
            R"({"Model": {"Precision": {"default": "fixed<16,6>", "maximum": "fixed<20,10>"}},
                       "LayerName": {"dense": {"Precision": {"weight": "fixed<8,3>",
                                     "bias": "fixed<8,3>", "accum": "auto", "result": "auto"}}}})");
  infer_precision(graph);
  EXPECT_EQ(graph.layer("dense").precision("accum"), ir::parse_precision("fixed<20,10>"));
  // The accumulator's 10 fractional bits; the values need 8 integer bits, not the maximum's 10.
  EXPECT_EQ(graph.layer("dense").precision("result"), ir::parse_precision("fixed<18,8>"));
}

/// Three or four fixed<8,3> inputs merged by `op`, the result `auto` under a wide maximum.
ir::PrecisionType inferred_merge_type(const std::string& op, int inputs) {
  std::string layers = R"({"class_name": "InputLayer", "name": "in", "config": {"name": "in",
                          "batch_input_shape": [null, 4]}, "inbound_nodes": []})";
  std::string merged_inputs;
  for (int k = 0; k < inputs; ++k) {
    const std::string name = "in" + std::to_string(k);
    layers += R"(, {"class_name": "Activation", "name": ")" + name + R"(", "config": {"name": ")" +
              name + R"(", "activation": "linear"}, "inbound_nodes": [[["in", 0, 0, {}]]]})";
    merged_inputs += std::string(k == 0 ? "" : ", ") + R"([")" + name + R"(", 0, 0, {}])";
  }
  layers += R"(, {"class_name": ")" + op + R"(", "name": "m", "config": {"name": "m"},
               "inbound_nodes": [[)" +
            merged_inputs + "]]}";
  ir::Graph graph = frontend::graph_from_keras(
      R"({"class_name": "Functional", "config": {"layers": [)" + layers +
          R"(], "input_layers": [["in", 0, 0]], "output_layers": [["m", 0, 0]]}})",
      {}, 2);
  configure(graph, R"({"Model": {"Precision": {"default": "fixed<8,3>", "maximum": "fixed<64,32>"}},
                       "LayerName": {"m": {"Precision": {"result": "auto"}}}})");
  infer_precision(graph);
  return graph.layer("m").precision("result");
}

TEST(InferPrecision, MergesOfSeveralInputsAreExactWithTheIntegerBitsOfTheirRange) {
  // Under a maximum results keep every fractional bit; the integer bits hold the range of
  // inputs within [-4, 3.97]: a sum of three within [-12, 11.9].
  EXPECT_EQ(inferred_merge_type("Add", 3), ir::parse_precision("fixed<10,5>"));
  // A product of three within [-64, 63.5]: 7 integer bits, not the 9 of the type rules.
  EXPECT_EQ(inferred_merge_type("Multiply", 3), ir::parse_precision("fixed<22,7>"));
  // A mean of four is the sum shifted by two bits; of three, the sum times a 32-bit 1/3; either
  // stays within the inputs' range.
  EXPECT_EQ(inferred_merge_type("Average", 4), ir::parse_precision("fixed<10,3>"));
  EXPECT_EQ(inferred_merge_type("Average", 3), ir::parse_precision("fixed<40,3>"));
}

/// in(4) -> qd(2, QKeras default kernel alpha i.e. auto_po2, fused quantized_relu): §1.3's kernel.
ir::Graph scaled_qdense() {
  return frontend::graph_from_keras(
      R"json({"class_name": "Sequential", "config": {"layers": [
        {"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": [null, 4]}},
        {"class_name": "QDense", "config": {"name": "qd", "units": 2,
          "activation": "quantized_relu(4,0)", "kernel_quantizer": "quantized_bits(4,0)",
          "bias_quantizer": "quantized_bits(4,0,alpha=1)"}}]}})json",
      {{"qd",
        {{"kernel", {4, 2}, {0.5, -0.01, 0.12, 0.02, -0.31, 0.005, 0.07, -0.04}},
         {"bias", {2}, {0.3, -0.2}}}}},
      2);
}

TEST(InsertApplyAlpha, ScalesBetweenTheDenseAndItsActivation) {
  ir::Graph graph = scaled_qdense();
  split_activations(graph);
  insert_apply_alpha(graph);
  graph.validate();
  const ir::Layer& alpha = graph.layer("qd_alpha");
  EXPECT_EQ(alpha.layer_class, "ApplyAlpha");
  EXPECT_EQ(alpha.inputs, std::vector<std::string>{"qd"});
  EXPECT_EQ(graph.layer("qd_relu").inputs, std::vector<std::string>{"qd_alpha"});
  EXPECT_EQ(alpha.weight("scale").values, (std::vector<double>{0.5, 0.0625}));
  EXPECT_EQ(alpha.weight("bias").values, (std::vector<double>{0.25, -0.25}));
  EXPECT_EQ(alpha.precision("scale").to_config(), "ufixed<4,0>");
  EXPECT_EQ(alpha.precision("bias").to_config(), "fixed<4,1>");
  EXPECT_FALSE(graph.layer("qd").has_attribute("alpha.scale"));
  EXPECT_EQ(
      graph.layer("qd_relu").attribute<ir::PrecisionType>("quantizer_precision.result").to_config(),
      "ufixed<4,0,RND_CONV,SAT>");
}

TEST(InferPrecision, QKerasResultsAreExactWithoutAMaximum) {
  ir::Graph graph = scaled_qdense();
  split_activations(graph);
  insert_apply_alpha(graph);
  configure(graph, R"({"Model": {"Precision": "fixed<16,6>"}})");
  infer_precision(graph);
  // in fixed<16,6> times weight fixed<4,1>, four terms, plus the (zero) bias in fixed<4,1>: the
  // exact sum's 13 fractional bits, not the default's, and the integer bits its range needs
  // (7, not the 10 of the type rules); then times the ufixed<4,0> scale plus the fixed<4,1>
  // bias: 17 fractional bits, 6 integer bits.
  EXPECT_EQ(graph.layer("qd").precision("result").to_config(), "fixed<20,7>");
  EXPECT_EQ(graph.layer("qd_alpha").precision("result").to_config(), "fixed<23,6>");
}

TEST(PassList, RunsInOrderAndPrintsEachPass) {
  ir::Graph graph = dense_bn_linear("relu");
  run_passes(graph, canonicalization_passes());
  configure(graph, R"({"Model": {"Precision": "fixed<16,6>"}})");
  std::ostringstream log;
  run_passes(graph, optimization_passes(), &log, true);
  EXPECT_NE(log.str().find("pass fuse_batchnorm"), std::string::npos);
  EXPECT_NE(log.str().find("pass validate"), std::string::npos);
  EXPECT_NE(describe_passes(optimization_passes()).find("infer_precision: "), std::string::npos);
}

}  // namespace
}  // namespace hlsnn::passes
