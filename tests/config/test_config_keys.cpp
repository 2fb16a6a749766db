// The HLSConfig vocabulary of hls4ml 1.3 (src/config/config_keys.h): every key its
// config_from_keras_model writes or its documentation names is accepted with its meaning, and
// what hls4ml would silently ignore or get wrong is refused with a hint.
#include <gtest/gtest.h>

#include "../frontend/weight_arrays.h"
#include "../ir/error_matchers.h"
#include "config/config_keys.h"
#include "config/hls_config.h"
#include "frontend/keras_to_ir.h"
#include "ir/error.h"
#include "passes/infer_precision.h"
#include "passes/skip_softmax.h"
#include "passes/split_activations.h"

namespace hlsnn::config {
namespace {

using frontend::testing::constant;
using ir::testing::message_of;
using json = nlohmann::ordered_json;

/// inp(4) -> d1(3) -> lrelu (LeakyReLU 0.25) -> prelu -> out(3, softmax), activations split.
ir::Graph activations_model() {
  ir::Graph graph = frontend::graph_from_keras(
      R"({"class_name": "Sequential", "config": {"layers": [
        {"class_name": "InputLayer", "config": {"name": "inp", "batch_input_shape": [null, 4]}},
        {"class_name": "Dense", "config": {"name": "d1", "units": 3}},
        {"class_name": "LeakyReLU", "config": {"name": "lrelu", "alpha": 0.25}},
        {"class_name": "PReLU", "config": {"name": "prelu"}},
        {"class_name": "Dense", "config": {"name": "out", "units": 3,
                                           "activation": "softmax"}}]}})",
      {{"d1", {constant("kernel", {4, 3}, 0.5), constant("bias", {3}, 0.0)}},
       {"prelu", {constant("alpha", {3}, 0.125)}},
       {"out", {constant("kernel", {3, 3}, 0.5), constant("bias", {3}, 0.0)}}},
      2);
  passes::split_activations(graph);
  return graph;
}

ir::Graph applied(const std::string& config_text) {
  ir::Graph graph = activations_model();
  apply_hls_config(json::parse(config_text), graph);
  return graph;
}

std::string apply_error(const std::string& config_text) {
  return message_of([&] { applied(config_text); });
}

TEST(ConfigKeys, SnakeCaseIsHls4mlsConversion) {
  EXPECT_EQ(snake_case("TableSize"), "table_size");
  EXPECT_EQ(snake_case("table_size"), "table_size");
  EXPECT_EQ(snake_case("ConvImplementation"), "conv_implementation");
  EXPECT_EQ(snake_case("Resource_Unrolled"), "resource_unrolled");
}

// What config_from_keras_model(model, granularity='name', backend='Vivado') writes for this
// model in hls4ml 1.3, verbatim.
const char* const kHls4mlNameConfig = R"({
  "Model": {"Precision": {"default": "fixed<16,6>"}, "ReuseFactor": 1, "Strategy": "Latency",
            "BramFactor": 1000000000, "TraceOutput": false},
  "LayerName": {
    "inp": {"Trace": false, "Precision": {"result": "auto"}},
    "d1": {"Trace": false, "Precision": {"result": "auto", "weight": "auto", "bias": "auto",
                                         "accum": "auto"}, "ReuseFactor": 1},
    "d1_linear": {"Trace": false, "Precision": {"result": "auto",
                  "table": "fixed<18,8,TRN,WRAP,0>"}, "ReuseFactor": 1, "TableSize": 1024},
    "lrelu": {"Trace": false, "Precision": {"result": "auto", "param": "auto",
              "table": "fixed<18,8,TRN,WRAP,0>"}, "ReuseFactor": 1, "TableSize": 1024},
    "prelu": {"Trace": false, "Precision": {"result": "auto", "param": "auto",
              "table": "fixed<18,8,TRN,WRAP,0>"}, "ReuseFactor": 1, "TableSize": 1024},
    "out": {"Trace": false, "Precision": {"result": "auto", "weight": "auto", "bias": "auto",
                                          "accum": "auto"}, "ReuseFactor": 1},
    "out_softmax": {"Trace": false, "Precision": {"result": "auto",
                    "table": "fixed<18,8,TRN,WRAP,0>", "exp_table": "fixed<18,8,RND,SAT,0>",
                    "inv_table": "fixed<18,8,RND,SAT,0>", "inv_inp": "fixed<18,8,RND,SAT,0>",
                    "accum": "fixed<18,8,RND,SAT,0>"},
                    "ReuseFactor": 1, "TableSize": 1024, "Implementation": "stable",
                    "Skip": false}}})";

TEST(ConfigKeys, Hls4mlsNameGranularityConfigAppliesAsWritten) {
  ir::Graph graph = applied(kHls4mlNameConfig);
  const ir::Layer& softmax = graph.layer("out_softmax");
  EXPECT_EQ(softmax.precision("exp_table").to_config(), "fixed<18,8,RND,SAT>");
  EXPECT_EQ(softmax.precision("accum").to_config(), "fixed<18,8,RND,SAT>");
  EXPECT_EQ(std::get<std::int64_t>(softmax.options.extra.at("table_size")), 1024);
  EXPECT_EQ(std::get<std::string>(softmax.options.extra.at("implementation")), "stable");
  EXPECT_EQ(std::get<bool>(softmax.options.extra.at("skip")), false);
  EXPECT_EQ(graph.layer("lrelu").precision("table").to_config(), "fixed<18,8>");
  EXPECT_TRUE(graph.layer("lrelu").precision("param").is_auto());
  EXPECT_TRUE(graph.layer("prelu").precision("alpha").is_auto()) << "PReLU's param is its alpha";
}

TEST(ConfigKeys, AttributeKeysTakeBothSpellings) {
  ir::Graph graph = applied(
      R"({"LayerName": {"lrelu": {"table_size": 256}, "out_softmax": {"TableSize": 512,
          "implementation": "latency", "skip": true}}})");
  EXPECT_EQ(std::get<std::int64_t>(graph.layer("lrelu").options.extra.at("table_size")), 256);
  const ir::Layer& softmax = graph.layer("out_softmax");
  EXPECT_EQ(std::get<std::int64_t>(softmax.options.extra.at("table_size")), 512);
  EXPECT_EQ(std::get<std::string>(softmax.options.extra.at("implementation")), "latency");
  passes::skip_softmax(graph);
  EXPECT_EQ(graph.find_layer("out_softmax"), nullptr) << "Skip: true removes the softmax";
  EXPECT_EQ(graph.outputs().front(), "out");
}

TEST(ConfigKeys, KeysHls4mlReadsByNameAreNotGuessedFromOtherSpellings) {
  const std::string message = apply_error(R"({"LayerName": {"d1": {"reuse_factor": 2}}})");
  EXPECT_NE(message.find("did you mean ReuseFactor"), std::string::npos) << message;
}

TEST(ConfigKeys, LayerTypeTakesKerasHls4mlAndHlsnnClassNames) {
  ir::Graph graph = applied(R"({
      "LayerType": {"InputLayer": {"Precision": {"result": "fixed<10,3>"}},
                    "LeakyReLU": {"Precision": {"param": "fixed<8,1>"}, "TableSize": 128},
                    "ParametrizedActivation": {"Precision": {"param": "fixed<9,1>",
                                                             "result": "fixed<12,4>"}},
                    "Activation": {"Precision": {"result": "fixed<14,4>"}},
                    "Softmax": {"Precision": {"result": "ufixed<8,0>"}}}})");
  EXPECT_EQ(graph.layer("inp").precision("result").to_config(), "fixed<10,3>");
  const ir::Layer& leaky = graph.layer("lrelu");
  EXPECT_EQ(leaky.precision("param").to_config(), "fixed<8,1>") << "the Keras class first";
  EXPECT_EQ(leaky.precision("result").to_config(), "fixed<12,4>") << "then hls4ml's class";
  EXPECT_EQ(std::get<std::int64_t>(leaky.options.extra.at("table_size")), 128);
  EXPECT_EQ(graph.layer("out_softmax").precision("result").to_config(), "ufixed<8,0>")
      << "a softmax answers to Softmax only";
  EXPECT_NE(apply_error(R"({"LayerType": {"Dens": {}}})").find("did you mean Dense"),
            std::string::npos);
}

TEST(ConfigKeys, EntriesForClassesNotInTheModelAreCheckedAndAccepted) {
  EXPECT_EQ(apply_error(R"({"LayerType": {"Conv2D": {"ParallelizationFactor": 4,
      "ConvImplementation": "Encoded", "Precision": {"weight": "fixed<8,2>", "accum": "auto"}},
      "SeparableConv1D": {"DepthwiseReuseFactor": 2, "depthwise_accum_t": "fixed<20,8>"},
      "MaxPooling2D": {"ConvImplementation": "LineBuffer"}}})"),
            "no error");
  const std::string choice =
      apply_error(R"({"LayerType": {"Conv2D": {"ConvImplementation": "linebuffer"}}})");
  EXPECT_NE(choice.find("did you mean LineBuffer"), std::string::npos) << choice;
  const std::string factor =
      apply_error(R"({"LayerType": {"Conv1D": {"ParallelizationFactor": 0}}})");
  EXPECT_NE(factor.find("ParallelizationFactor 0 is not a positive integer"), std::string::npos);
  const std::string wrong_key = apply_error(R"({"LayerType": {"Dense": {"TableSize": 64}}})");
  EXPECT_NE(wrong_key.find("key TableSize is not known"), std::string::npos) << wrong_key;
}

TEST(ConfigKeys, TypeKeysMeanTheirSlotAndWinWithinTheirScope) {
  ir::Graph graph = applied(R"({"LayerName": {
      "d1": {"Precision": {"accum": "fixed<20,8>"}, "accum_t": "fixed<30,10>"},
      "lrelu": {"table_t": "fixed<10,3>"},
      "out_softmax": {"exp_table_t": "fixed<12,4>", "inv_table_t": "fixed<13,4>",
                      "inv_inp_t": "fixed<14,4>", "accum_t": "fixed<15,4>"}}})");
  EXPECT_EQ(graph.layer("d1").precision("accum").to_config(), "fixed<30,10>");
  EXPECT_EQ(graph.layer("lrelu").precision("table").to_config(), "fixed<10,3>");
  const ir::Layer& softmax = graph.layer("out_softmax");
  EXPECT_EQ(softmax.precision("exp_table").to_config(), "fixed<12,4>");
  EXPECT_EQ(softmax.precision("inv_table").to_config(), "fixed<13,4>");
  EXPECT_EQ(softmax.precision("inv_inp").to_config(), "fixed<14,4>");
  EXPECT_EQ(softmax.precision("accum").to_config(), "fixed<15,4>");
}

TEST(ConfigKeys, TypeKeysHls4mlOverwritesAreRefusedWithTheWorkingSpelling) {
  const std::string message = apply_error(R"({"LayerName": {"d1": {"weight_t": "fixed<8,2>"}}})");
  EXPECT_NE(message.find("weight_t has no effect in hls4ml"), std::string::npos) << message;
  EXPECT_NE(message.find("Precision: {weight: <type>}"), std::string::npos) << message;
}

TEST(ConfigKeys, ParametersTakeTheParamSlot) {
  ir::Graph graph = applied(R"({"Model": {"Precision": "fixed<16,6>"},
      "LayerName": {"lrelu": {"Precision": {"param": "ufixed<4,0>"}},
                    "prelu": {"Precision": {"param": "fixed<6,1>"}}}})");
  EXPECT_EQ(graph.layer("lrelu").precision("param").to_config(), "ufixed<4,0>");
  EXPECT_EQ(graph.layer("prelu").precision("alpha").to_config(), "fixed<6,1>");
}

TEST(ConfigKeys, AutoParametersAreInferredAsHls4mlDoes) {
  ir::Graph graph = applied(kHls4mlNameConfig);
  passes::infer_precision(graph);
  // The fewest bits that hold 0.25 exactly; PReLU's alpha takes its input's type.
  EXPECT_EQ(graph.layer("lrelu").precision("param").to_config(), "ufixed<1,-1>");
  EXPECT_EQ(graph.layer("prelu").precision("alpha"), graph.layer("lrelu").precision("result"));
}

TEST(ConfigKeys, StrategySpellingsAreHls4mlsAndItsOtherStrategiesAreRefused) {
  for (const char* spelling : {"Latency", "latency", "Resource", "resource"}) {
    EXPECT_EQ(apply_error(std::string(R"({"Model": {"Strategy": ")") + spelling + "\"}}"),
              "no error")
        << spelling;
  }
  const std::string unrolled =
      apply_error(R"({"LayerName": {"d1": {"Strategy": "Resource_Unrolled"}}})");
  EXPECT_NE(unrolled.find("is not supported by hlsnn"), std::string::npos) << unrolled;
  EXPECT_NE(apply_error(R"({"Model": {"Strategy": "da"}})").find("not supported"),
            std::string::npos);
}

TEST(ConfigKeys, ModelScopeKeysOfHls4ml) {
  ir::Graph graph = applied(R"({"Model": {"Precision": "fixed<16,6>", "PipelineStyle": "dataflow",
      "PipelineInterval": 4, "ConvImplementation": "LineBuffer", "TargetCycles": 10,
      "BitExact": null, "AllowDAFallback": true, "Compression": false}})");
  EXPECT_EQ(graph.settings().pipeline_style, ir::PipelineStyle::kDataflow);
  EXPECT_EQ(graph.settings().pipeline_interval, 4);
  EXPECT_NE(
      apply_error(R"({"Model": {"PipelineStyle": "Dataflow"}})").find("did you mean dataflow"),
      std::string::npos);
  EXPECT_NE(apply_error(R"({"Model": {"Compression": true}})").find("Compression"),
            std::string::npos);
  EXPECT_NE(apply_error(R"({"Model": {"ChannelsLastConversion": "full"}})").find("PyTorch"),
            std::string::npos);
}

TEST(ConfigKeys, BramFactorBelowAWeightIsRefused) {
  const std::string message = apply_error(R"({"Model": {"BramFactor": 8}})");
  EXPECT_NE(message.find("external memory port"), std::string::npos) << message;
  EXPECT_NE(message.find("'d1'"), std::string::npos) << message;
  EXPECT_EQ(apply_error(R"({"Model": {"BramFactor": 12}})"), "no error");
}

TEST(ConfigKeys, OptimizerFlowKeysAreRefusedSayingWhy) {
  const std::string message = apply_error(R"({"SkipOptimizers": ["fuse_batchnorm"]})");
  EXPECT_NE(message.find("hls4ml optimizer passes"), std::string::npos) << message;
}

}  // namespace
}  // namespace hlsnn::config
