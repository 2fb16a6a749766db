// choose_table_types and the table analysis (memory, error estimate) on small real graphs:
// Keras JSON through the frontend, the config applied, the optimization passes run.
#include <gtest/gtest.h>

#include "config/hls_config.h"
#include "frontend/keras_to_ir.h"
#include "ir/error.h"
#include "passes/choose_table_types.h"
#include "passes/pass_list.h"
#include "passes/split_activations.h"
#include "passes/table_analysis.h"

namespace hlsnn::passes {
namespace {

using json = nlohmann::ordered_json;
using ir::parse_precision;

/// in(7) -> dense(7, activation) with `config` applied and every pass run (warnings kept).
ir::Graph converted(const std::string& activation, const std::string& config) {
  frontend::WeightArray kernel{"kernel", {7, 7}, std::vector<double>(49, 0.1)};
  frontend::WeightArray bias{"bias", {7}, std::vector<double>(7, 0.0)};
  ir::Graph graph = frontend::graph_from_keras(
      R"({"class_name": "Sequential", "config": {"layers": [
        {"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": [null, 7]}},
        {"class_name": "Dense", "config": {"name": "dense", "units": 7, "activation": ")" +
          activation + R"("}}]}})",
      {{"dense", {kernel, bias}}}, 2);
  split_activations(graph);
  config::apply_hls_config(json::parse(config), graph);
  run_passes(graph, optimization_passes());
  return graph;
}

std::string text(const ir::Layer& layer, const char* key) {
  return std::get<std::string>(layer.options.extra.at(key));
}
std::int64_t size(const ir::Layer& layer, const char* key) {
  return std::get<std::int64_t>(layer.options.extra.at(key));
}

const char* const kDefault = R"({"Model": {"Precision": "fixed<16,6>"}})";

TEST(ChooseTableTypes, SoftmaxLeftToHlsnnIsAccurateWithTypesFromItsInputAndResult) {
  const ir::Graph graph = converted("softmax", kDefault);
  const ir::Layer& softmax = graph.layer("dense_softmax");
  EXPECT_EQ(text(softmax, "implementation"), "accurate");
  // Result LSB 2^-10 and 7 classes: e^-16 * 6 is below half an LSB, e^-8 * 6 is not.
  EXPECT_EQ(softmax.precision("inp_norm"), parse_precision("ufixed<11,4,RND,SAT>"));
  EXPECT_EQ(size(softmax, "exp_table_size"), 2048);
  EXPECT_EQ(size(softmax, "inv_table_size"), 1024);
  EXPECT_EQ(softmax.precision("exp_table"), parse_precision("ufixed<15,1,RND,SAT>"));
  // The Model default only defaulted accum: replaced by the exact sum of 7 entries.
  EXPECT_EQ(softmax.precision("accum"), parse_precision("ufixed<17,3>"));
  EXPECT_EQ(softmax.precision("inv_inp"), softmax.precision("accum"));
  EXPECT_EQ(softmax.precision("inv_table"), parse_precision("ufixed<14,0,RND,SAT>"));
}

TEST(ChooseTableTypes, TableSizeAndACoarseInputShrinkTheTables) {
  const ir::Graph graph = converted("softmax", R"({"Model": {"Precision": "fixed<16,6>"},
      "LayerName": {"dense": {"Precision": {"result": "fixed<8,3>"}},
                    "dense_softmax": {"table_size": 256}}})");
  const ir::Layer& softmax = graph.layer("dense_softmax");
  // max - x of fixed<8,3> spans [0, 8): 8 / 2^-5 = 256 distances, each its own entry.
  EXPECT_EQ(softmax.precision("inp_norm"), parse_precision("ufixed<8,3,RND,SAT>"));
  EXPECT_EQ(size(softmax, "exp_table_size"), 256);
  EXPECT_EQ(size(softmax, "inv_table_size"), 256);
}

TEST(ChooseTableTypes, AnExplicitTableTypeKeepsHls4mlsKernelAndDefaults) {
  const ir::Graph graph = converted("softmax", R"({"Model": {"Precision": "fixed<16,6>"},
      "LayerName": {"dense_softmax": {"exp_table_t": "fixed<18,8,RND,SAT>"}}})");
  const ir::Layer& softmax = graph.layer("dense_softmax");
  EXPECT_EQ(softmax.options.extra.count("implementation"), 0u) << "stable, hls4ml's default";
  const ir::PrecisionType table = parse_precision("fixed<18,8,RND,SAT>");
  EXPECT_EQ(softmax.precision("inv_table"), table);
  EXPECT_EQ(softmax.precision("inv_inp"), table);
  EXPECT_EQ(softmax.precision("accum"), parse_precision("fixed<16,6>")) << "hls4ml: the default";
  EXPECT_EQ(softmax.precision("inp_norm"), parse_precision("ufixed<15,5>"));
  EXPECT_EQ(size(softmax, "exp_table_size"), 1024);
}

TEST(ChooseTableTypes, AccurateByNameKeepsExplicitTypesAndDerivesTheRest) {
  const ir::Graph graph = converted("softmax", R"({"Model": {"Precision": "fixed<16,6>"},
      "LayerName": {"dense_softmax": {"implementation": "accurate",
                                      "exp_table_t": "ufixed<11,1,RND,SAT>",
                                      "inp_norm_t": "ufixed<9,3,RND,SAT>"}}})");
  const ir::Layer& softmax = graph.layer("dense_softmax");
  EXPECT_EQ(softmax.precision("exp_table"), parse_precision("ufixed<11,1,RND,SAT>"));
  EXPECT_EQ(size(softmax, "exp_table_size"), 512) << "every bit of inp_norm addresses it";
  EXPECT_EQ(softmax.precision("accum"), parse_precision("ufixed<13,3>")) << "the entries' bits";
  EXPECT_EQ(softmax.precision("inv_table"), parse_precision("ufixed<14,0,RND,SAT>"));

  try {
    converted("softmax", R"({"Model": {"Precision": "fixed<16,6>"},
        "LayerName": {"dense_softmax": {"implementation": "accurate",
                                        "inp_norm_t": "ufixed<30,6>"}}})");
    FAIL() << "a 2^30-entry exp table was accepted";
  } catch (const Error& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("dense_softmax"), std::string::npos) << message;
    EXPECT_NE(message.find("Precision.inp_norm"), std::string::npos) << message;
  }
}

TEST(ChooseTableTypes, OtherImplementationsKeepHls4mlsDefaults) {
  for (const char* implementation : {"latency", "legacy", "argmax"}) {
    const ir::Graph graph =
        converted("softmax", std::string(R"({"Model": {"Precision": "fixed<16,6>"},
          "LayerName": {"dense_softmax": {"implementation": ")") +
                                 implementation + R"("}}})");
    const ir::Layer& softmax = graph.layer("dense_softmax");
    EXPECT_EQ(text(softmax, "implementation"), implementation);
    EXPECT_EQ(softmax.precision("exp_table"), parse_precision("fixed<18,8,RND,SAT>"));
    EXPECT_EQ(softmax.precision("inp_norm"), parse_precision("fixed<1,0>"));
  }
}

TEST(ChooseTableTypes, TableActivationLeftToHlsnnCoversTheInputsRange) {
  const ir::Graph graph = converted("sigmoid", kDefault);
  const ir::Layer& sigmoid = graph.layer("dense_sigmoid");
  EXPECT_EQ(text(sigmoid, "implementation"), "accurate");
  EXPECT_EQ(sigmoid.precision("table"), parse_precision("ufixed<11,1,RND,SAT>"));
  EXPECT_EQ(size(sigmoid, "table_size"), 2048);
  EXPECT_EQ(std::get<double>(sigmoid.options.extra.at("table_range")), 8.0);

  const ir::Graph explicit_table = converted("sigmoid", R"({"Model": {"Precision": "fixed<16,6>"},
      "LayerName": {"dense_sigmoid": {"table_t": "fixed<18,8>"}}})");
  const ir::Layer& reference = explicit_table.layer("dense_sigmoid");
  EXPECT_EQ(reference.options.extra.count("implementation"), 0u);
  EXPECT_EQ(reference.precision("table"), parse_precision("fixed<18,8>"));
  // Activations without a table get hls4ml's default, unused.
  EXPECT_EQ(converted("relu", kDefault).layer("dense_relu").precision("table"),
            parse_precision("fixed<18,8>"));
}

TEST(TableAnalysis, MemoryCountsBitsAndBram18AtTheCheapestShape) {
  const ir::Graph graph = converted("softmax", kDefault);
  const std::vector<TableMemory> tables = table_memory(graph.layer("dense_softmax"));
  ASSERT_EQ(tables.size(), 2u);
  EXPECT_EQ(tables[0].bits(), 2048 * 15);
  EXPECT_EQ(tables[0].bram18(), 2);
  EXPECT_EQ(tables[1].bits(), 1024 * 14);
  EXPECT_EQ(tables[1].bram18(), 1);
  EXPECT_EQ((TableMemory{"t", 4096, 4}.bram18()), 1);
  EXPECT_EQ((TableMemory{"t", 512, 36}.bram18()), 1);
  EXPECT_EQ((TableMemory{"t", 1025, 18}.bram18()), 2);
}

TEST(TableAnalysis, EstimateNamesTheSlotThatCostsMost) {
  const ir::Graph ours = converted("softmax", kDefault);
  const auto accurate = estimate_table_error(ours, ours.layer("dense_softmax"));
  ASSERT_TRUE(accurate.has_value());
  EXPECT_LT(accurate->worst, 0.01);

  // hls4ml's defaults: inv_inp fixed<18,8> addresses the inverse table in steps of 0.25, so a sum
  // just below 1.25 reads 1/1 (0.2 too much); max - x of fixed<16,6> can wrap in ufixed<15,5>.
  const ir::Graph reference = converted("softmax", R"({"Model": {"Precision": "fixed<16,6>"},
        "LayerName": {"dense_softmax": {"Precision": {"exp_table": "fixed<18,8,RND,SAT>",
                                                      "inp_norm": "ufixed<16,6>"}}}})");
  const auto coarse = estimate_table_error(reference, reference.layer("dense_softmax"));
  ASSERT_TRUE(coarse.has_value());
  EXPECT_EQ(coarse->contributions.front().key, "Precision.inv_inp");
  EXPECT_NEAR(coarse->contributions.front().error, 0.2, 1e-12);

  const ir::Graph sigmoid = converted("sigmoid", kDefault);
  EXPECT_LT(estimate_table_error(sigmoid, sigmoid.layer("dense_sigmoid"))->worst, 0.005);
  EXPECT_FALSE(estimate_table_error(sigmoid, sigmoid.layer("dense")).has_value());
}

}  // namespace
}  // namespace hlsnn::passes
