#include <gtest/gtest.h>

#include "../frontend/weight_arrays.h"
#include "../ir/error_matchers.h"
#include "config/hls_config.h"
#include "frontend/keras_to_ir.h"
#include "ir/error.h"
#include "passes/split_activations.h"

namespace hlsnn::config {
namespace {

using frontend::testing::constant;
using ir::testing::message_of;
using json = nlohmann::ordered_json;

/// input(16) -> dense(8, relu) -> dense_1(4, softmax), activations split as in the pipeline.
ir::Graph small_mlp() {
  ir::Graph graph = frontend::graph_from_keras(
      R"({"class_name": "Sequential", "config": {"layers": [
        {"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": [null, 16]}},
        {"class_name": "Dense", "config": {"name": "dense", "units": 8, "activation": "relu"}},
        {"class_name": "Dense", "config": {"name": "dense_1", "units": 4,
                                           "activation": "softmax"}}]}})",
      {{"dense", {constant("kernel", {16, 8}, 0), constant("bias", {8}, 0)}},
       {"dense_1", {constant("kernel", {8, 4}, 0), constant("bias", {4}, 0)}}},
      2);
  passes::split_activations(graph);
  return graph;
}

std::string apply_error(const std::string& config_text) {
  ir::Graph graph = small_mlp();
  return message_of([&] { apply_hls_config(json::parse(config_text), graph); });
}

TEST(MakeHlsConfig, ModelGranularityHasTheReferenceKeys) {
  const json config = make_hls_config(small_mlp(), Granularity::kModel, "fixed<16,6>", 1, {});
  EXPECT_EQ(config["Model"]["Precision"]["default"], "fixed<16,6>");
  EXPECT_EQ(config["Model"]["ReuseFactor"], 1);
  EXPECT_EQ(config["Model"]["Strategy"], "Latency");
  EXPECT_EQ(config["Model"]["TraceOutput"], false);
  EXPECT_FALSE(config.contains("LayerName"));
}

TEST(MakeHlsConfig, NameGranularityListsEveryLayerWithItsSlots) {
  const json config =
      make_hls_config(small_mlp(), Granularity::kName, "fixed<16,6>", 2, {"fixed<24,12>"});
  EXPECT_EQ(config["Model"]["Precision"]["maximum"], "fixed<24,12>");
  const json& names = config["LayerName"];
  for (const char* layer : {"in", "dense", "dense_relu", "dense_1", "dense_1_softmax"}) {
    EXPECT_TRUE(names.contains(layer)) << layer;
  }
  EXPECT_EQ(names["dense"]["Precision"]["accum"], "auto");
  EXPECT_EQ(names["dense"]["Precision"]["weight"], "auto");
  EXPECT_EQ(names["in"]["Precision"]["result"], "fixed<16,6>");
  EXPECT_EQ(names["dense"]["ReuseFactor"], 2);
  EXPECT_EQ(names["dense_1_softmax"]["implementation"], "stable");
}

TEST(MakeHlsConfig, TypeGranularityHasOneEntryPerClass) {
  const json config = make_hls_config(small_mlp(), Granularity::kType, "fixed<16,6>", 1, {});
  EXPECT_TRUE(config["LayerType"].contains("Dense"));
  EXPECT_TRUE(config["LayerType"].contains("Softmax"));
  EXPECT_EQ(config["LayerType"].size(), 4u);  // Input, Dense, Activation, Softmax
}

TEST(MakeHlsConfig, DefaultPrecisionMustBeExplicit) {
  EXPECT_THROW(make_hls_config(small_mlp(), Granularity::kModel, "auto", 1, {}), Error);
  EXPECT_THROW(make_hls_config(small_mlp(), Granularity::kModel, "fixed<16>", 1, {}), Error);
}

TEST(ApplyHlsConfig, ResolvesLayerNameThenLayerTypeThenModelPerSlot) {
  ir::Graph graph = small_mlp();
  apply_hls_config(json::parse(R"({
      "Model": {"Precision": {"default": "fixed<16,6>", "accum": "fixed<30,10>"},
                "ReuseFactor": 1, "Strategy": "Latency"},
      "LayerType": {"Dense": {"Precision": {"weight": "fixed<8,3>"}, "ReuseFactor": 4,
                              "Strategy": "Resource"}},
      "LayerName": {"dense_1": {"Precision": {"default": "fixed<12,4>", "bias": "fixed<6,2>"},
                                "Trace": true}}})"),
                   graph);
  const ir::Layer& dense = graph.layer("dense");
  EXPECT_EQ(dense.precision("weight"), ir::parse_precision("fixed<8,3>"));
  EXPECT_EQ(dense.precision("accum"), ir::parse_precision("fixed<30,10>"));
  EXPECT_EQ(dense.precision("result"), ir::parse_precision("fixed<16,6>"));
  EXPECT_EQ(dense.options.reuse_factor, 4);
  EXPECT_EQ(dense.options.strategy, ir::Strategy::kResource);
  const ir::Layer& dense_1 = graph.layer("dense_1");
  EXPECT_EQ(dense_1.precision("bias"), ir::parse_precision("fixed<6,2>"));
  EXPECT_EQ(dense_1.precision("weight"), ir::parse_precision("fixed<12,4>"))
      << "the layer's own default wins over the type's slot";
  EXPECT_TRUE(dense_1.options.trace);
  EXPECT_FALSE(dense.options.trace);
}

TEST(ApplyHlsConfig, UnknownKeysAreNamedWithTheValidOnes) {
  const std::string top = apply_error(R"({"Modle": {}})");
  EXPECT_NE(top.find("Modle"), std::string::npos) << top;
  EXPECT_NE(top.find("Model, LayerType, LayerName"), std::string::npos) << top;
  const std::string layer = apply_error(R"({"LayerName": {"dense": {"ReuseFator": 2}}})");
  EXPECT_NE(layer.find("ReuseFator"), std::string::npos) << layer;
  EXPECT_NE(layer.find("did you mean ReuseFactor"), std::string::npos) << layer;
}

TEST(ApplyHlsConfig, LayerNamesNotInTheModelAreRefusedWithSuggestions) {
  const std::string message = apply_error(R"({"LayerName": {"Dense": {"ReuseFactor": 1}}})");
  EXPECT_NE(message.find("did you mean dense"), std::string::npos) << message;
}

TEST(ApplyHlsConfig, StrategyInTheWrongCaseIsAnError) {
  // hls4ml takes "resource" as Resource but "RESOURCE" silently as Latency.
  const std::string message = apply_error(R"({"Model": {"Strategy": "RESOURCE"}})");
  EXPECT_NE(message.find("did you mean Resource"), std::string::npos) << message;
  EXPECT_EQ(apply_error(R"({"Model": {"Strategy": "resource"}})"), "no error");
}

TEST(ApplyHlsConfig, InvalidReuseFactorNamesTheNearestValidOnes) {
  const std::string message = apply_error(R"({"LayerName": {"dense": {"ReuseFactor": 3}}})");
  EXPECT_NE(message.find("ReuseFactor 3"), std::string::npos) << message;
  EXPECT_NE(message.find("2, 4"), std::string::npos) << message;
  EXPECT_NE(apply_error(R"({"Model": {"ReuseFactor": 0}})").find("not a positive integer"),
            std::string::npos);
}

TEST(ApplyHlsConfig, FifoDepthsSetTheModelPolicyAndALayersOwnDepth) {
  ir::Graph graph = small_mlp();
  apply_hls_config(json::parse(R"({"Model": {"FIFODepth": "schedule", "FIFODepthLimit": 100},
                                   "LayerName": {"dense": {"FIFODepth": 3}}})"),
                   graph);
  EXPECT_EQ(graph.settings().fifo_depth_mode, ir::FifoDepthMode::kSchedule);
  EXPECT_EQ(graph.settings().fifo_depth_limit, 100);
  EXPECT_EQ(ir::get_attribute<int64_t>(graph.layer("dense").options.extra, "fifo_depth", ""), 3);
  EXPECT_EQ(graph.layer("dense_1").options.extra.count("fifo_depth"), 0u);
  apply_hls_config(json::parse(R"({"Model": {"FIFODepth": 8}})"), graph);
  EXPECT_EQ(graph.settings().fifo_depth_mode, ir::FifoDepthMode::kUniform);
  EXPECT_EQ(graph.settings().uniform_fifo_depth, 8);
  apply_hls_config(json::parse(R"({"Model": {"FIFODepth": "Default"}})"), graph);
  EXPECT_EQ(graph.settings().fifo_depth_mode, ir::FifoDepthMode::kDefault);

  const std::string unknown = apply_error(R"({"Model": {"FIFODepth": "deep"}})");
  EXPECT_NE(unknown.find("'default'"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("HLSConfig.Model"), std::string::npos) << unknown;
  const std::string zero = apply_error(R"({"LayerName": {"dense": {"FIFODepth": 0}}})");
  EXPECT_NE(zero.find("FIFODepth 0 is not a positive number of words"), std::string::npos) << zero;
  EXPECT_NE(zero.find("HLSConfig.LayerName.dense"), std::string::npos) << zero;
  EXPECT_NE(apply_error(R"({"Model": {"FIFODepthLimit": 1.5}})").find("FIFODepthLimit"),
            std::string::npos);
}

TEST(ApplyHlsConfig, PrecisionSlotsAndTypesAreChecked) {
  const std::string slot =
      apply_error(R"({"LayerName": {"dense": {"Precision": {"wieght": "fixed<8,3>"}}}})");
  EXPECT_NE(slot.find("wieght"), std::string::npos) << slot;
  EXPECT_NE(slot.find("weight, bias, result, accum"), std::string::npos) << slot;
  const std::string type = apply_error(R"({"LayerName": {"dense": {"Precision": "fixed<8>"}}})");
  EXPECT_NE(type.find("HLSConfig.LayerName.dense.Precision"), std::string::npos) << type;
}

TEST(ApplyHlsConfig, SoftmaxOptionsAreChecked) {
  EXPECT_NE(apply_error(R"({"LayerName": {"dense_1_softmax": {"implementation": "fast"}}})")
                .find("latency, stable, argmax, legacy"),
            std::string::npos);
  EXPECT_NE(apply_error(R"({"LayerType": {"Softmax": {"table_size": 1000}}})").find("power of two"),
            std::string::npos);
  ir::Graph graph = small_mlp();
  apply_hls_config(json::parse(R"({"LayerType": {"Softmax": {"implementation": "latency",
                                                            "table_size": 2048}}})"),
                   graph);
  const ir::Layer& softmax = graph.layer("dense_1_softmax");
  EXPECT_EQ(std::get<std::string>(softmax.options.extra.at("implementation")), "latency");
  EXPECT_EQ(std::get<std::int64_t>(softmax.options.extra.at("table_size")), 2048);
}

TEST(ApplyHlsConfig, TableTypesComeFromTheirOwnKeysNeverFromADefaultPrecision) {
  ir::Graph graph = small_mlp();
  apply_hls_config(json::parse(R"({
      "Model": {"Precision": "fixed<16,6>"},
      "LayerName": {"dense_1_softmax": {"Precision": {"default": "fixed<20,10>",
                                                      "inv_inp": "fixed<24,12>"},
                                        "exp_table_t": "ap_fixed<14,4>"},
                    "dense_relu": {"Precision": "fixed<12,4>"}}})"),
                   graph);
  const ir::Layer& softmax = graph.layer("dense_1_softmax");
  EXPECT_EQ(softmax.precision("exp_table"), ir::parse_precision("ap_fixed<14,4>"));
  EXPECT_EQ(softmax.precision("inv_inp"), ir::parse_precision("fixed<24,12>"));
  EXPECT_TRUE(softmax.precision("inv_table").is_auto()) << "hls4ml's default is inferred later";
  EXPECT_EQ(softmax.precision("accum"), ir::parse_precision("fixed<20,10>"));
  EXPECT_TRUE(graph.layer("dense_relu").precision("table").is_auto());
  EXPECT_EQ(graph.layer("dense_relu").precision("result"), ir::parse_precision("fixed<12,4>"));
  EXPECT_NE(apply_error(R"({"LayerType": {"Activation": {"table_t": "ap_fixed<8>"}}})")
                .find("LayerType.Activation.table_t"),
            std::string::npos);
}

TEST(ApplyHlsConfig, AcceptsTheLinearActivationKeysHls4mlGenerates) {
  EXPECT_EQ(apply_error(R"({"LayerName": {"dense_1_linear": {"Precision": {"result": "auto"}}}})"),
            "no error");
  EXPECT_NE(apply_error(R"({"LayerName": {"other_linear": {}}})").find("other_linear"),
            std::string::npos);
}

/// in(4) -> qd(2, 6-bit plain grid) -> act(quantized_relu(4,0)).
ir::Graph qkeras_mlp() {
  return frontend::graph_from_keras(
      R"json({"class_name": "Sequential", "config": {"layers": [
        {"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": [null, 4]}},
        {"class_name": "QDense", "config": {"name": "qd", "units": 2,
          "kernel_quantizer": "quantized_bits(6,0,alpha=1)",
          "bias_quantizer": "quantized_bits(6,2,alpha=1)"}},
        {"class_name": "QActivation", "config": {"name": "act",
          "activation": "quantized_relu(4,0)"}}]}})json",
      {{"qd", {constant("kernel", {4, 2}, 0), constant("bias", {2}, 0)}}}, 2);
}

TEST(MakeHlsConfig, NameGranularityShowsQuantizerTypes) {
  const json config = make_hls_config(qkeras_mlp(), Granularity::kName, "fixed<16,6>", 1, {});
  EXPECT_EQ(config["LayerName"]["qd"]["Precision"],
            json::parse(R"({"weight": "fixed<6,1>", "bias": "fixed<6,3>", "result": "auto",
                            "accum": "auto"})"));
  EXPECT_EQ(config["LayerName"]["act"]["Precision"]["result"], "ufixed<4,0,RND_CONV,SAT>");
  const json by_type = make_hls_config(qkeras_mlp(), Granularity::kType, "fixed<16,6>", 1, {});
  EXPECT_EQ(by_type["LayerType"]["Dense"]["Precision"]["weight"], "auto");
}

TEST(ApplyHlsConfig, QuantizerTypesBeatTheModelAndLoseToTheLayersOwn) {
  ir::Graph graph = qkeras_mlp();
  apply_hls_config(json::parse(R"({"Model": {"Precision": "fixed<16,6>"},
      "LayerName": {"qd": {"Precision": {"bias": "fixed<12,4>", "weight": "auto"}}}})"),
                   graph);
  const ir::Layer& dense = graph.layer("qd");
  EXPECT_EQ(dense.precision("weight").to_config(), "fixed<6,1>") << "auto: the quantizer's";
  EXPECT_EQ(dense.precision("bias").to_config(), "fixed<12,4>") << "the layer's own";
  EXPECT_TRUE(dense.precision("result").is_auto()) << "QKeras' float32 sum: inferred exact";
  EXPECT_EQ(graph.layer("act").precision("result").to_config(), "ufixed<4,0,RND_CONV,SAT>");
}

TEST(ApplyHlsConfig, BitExactIsReadAsTheReferenceWritesIt) {
  for (const auto& [value, expected] : std::vector<std::pair<std::string, bool>>{
           {"true", true}, {"false", false}, {"null", false}}) {
    ir::Graph graph = small_mlp();
    apply_hls_config(
        json::parse(R"({"Model": {"Precision": "fixed<16,6>", "BitExact": )" + value + "}}"),
        graph);
    EXPECT_EQ(graph.settings().bit_exact, expected) << value;
  }
  const std::string error = apply_error(R"({"Model": {"BitExact": "yes"}})");
  EXPECT_NE(error.find("BitExact"), std::string::npos) << error;
}

TEST(ParseGranularity, AcceptsTheThreeNamesOnly) {
  EXPECT_EQ(parse_granularity("Name"), Granularity::kName);
  EXPECT_THROW(parse_granularity("layer"), Error);
}

}  // namespace
}  // namespace hlsnn::config
