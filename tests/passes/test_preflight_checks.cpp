// Each check of preflight_checks on a small real graph (Keras JSON through the frontend, the
// config applied, types inferred): each test fails when its check is removed.
#include <gtest/gtest.h>

#include "../frontend/weight_arrays.h"
#include "../ir/error_matchers.h"
#include "config/hls_config.h"
#include "frontend/keras_to_ir.h"
#include "ir/error.h"
#include "passes/choose_table_types.h"
#include "passes/infer_precision.h"
#include "passes/pass_list.h"
#include "passes/preflight_checks.h"
#include "passes/split_activations.h"

namespace hlsnn::passes {
namespace {

using frontend::testing::ramp;
using ir::testing::expect_contains;
using ir::testing::message_of;
using json = nlohmann::ordered_json;

/// in(n_in) -> dense(n_out, activation), weights from -0.5 upwards in steps of `step`, with
/// `config` applied and every type inferred: the graph preflight_checks sees.
ir::Graph checked_graph(const std::string& config, const std::string& activation = "softmax",
                        int64_t n_in = 4, int64_t n_out = 8, double step = 0.01) {
  ir::Graph graph = frontend::graph_from_keras(
      R"({"class_name": "Sequential", "config": {"layers": [
        {"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": [null, )" +
          std::to_string(n_in) + R"(]}},
        {"class_name": "Dense", "config": {"name": "dense", "units": )" +
          std::to_string(n_out) + R"(, "activation": ")" + activation + R"("}}]}})",
      {{"dense", {ramp("kernel", {n_in, n_out}, -0.5, step), ramp("bias", {n_out}, 0.0, 0.01)}}},
      2);
  split_activations(graph);
  config::apply_hls_config(json::parse(config), graph);
  infer_precision(graph);
  choose_table_types(graph);
  return graph;
}

std::string all_warnings(const ir::Graph& graph) {
  std::string text;
  for (const Error& warning : graph.warnings()) text += std::string(warning.what()) + "\n";
  return text;
}

/// The error preflight_checks throws on `graph`, or "no error" when it passes.
std::string preflight_error(ir::Graph& graph) {
  return message_of([&] { preflight_checks(graph); });
}

TEST(PreflightChecks, DefaultTypesPassSilentlyOnInputsTheyHold) {
  // Inputs within [-16, 16) and kernel columns of |w| summing to at most 1.9: the sums fit the
  // default fixed<16,6>.
  ir::Graph graph = checked_graph(R"({"Model": {"Precision": "fixed<16,6>"},
                                      "LayerName": {"in": {"Precision": "fixed<16,5>"}}})");
  EXPECT_EQ(preflight_error(graph), "no error");
  EXPECT_EQ(all_warnings(graph), "");
}

TEST(PreflightChecks, TypesThatCanWrapOnTheDeclaredInputRangeWarn) {
  // Inputs within [-32, 32): the sums reach about ±49, beyond the accumulator's fixed<16,6>.
  ir::Graph graph = checked_graph(R"({"Model": {"Precision": "fixed<16,6>"},
                                      "LayerName": {"dense": {"Precision": {"accum": "fixed<24,10>"}}}})");
  EXPECT_EQ(preflight_error(graph), "no error");
  expect_contains(
      all_warnings(graph),
      {"layer 'dense' (Dense): result fixed<16,6> holds [-32, 31.9990234375]",
       "values reach [-48.7", "can wrap around",
       "set LayerName.dense.Precision.result to fixed<17,7>", "LayerName.in.Precision.result"});
  EXPECT_EQ(all_warnings(graph).find("accum"), std::string::npos) << "fixed<24,10> holds them";

  // Saturating types clip by design; inferred ones hold every value.
  for (const char* config : {R"({"Model": {"Precision": "fixed<16,6,TRN,SAT>"}})",
                             R"({"Model": {"Precision": "fixed<16,6>"},
            "LayerName": {"dense": {"Precision": {"accum": "auto", "result": "auto"}}}})"}) {
    ir::Graph quiet = checked_graph(config);
    preflight_checks(quiet);
    EXPECT_EQ(all_warnings(quiet), "") << config;
  }
}

TEST(PreflightChecks, SoftmaxOnWideLogitsIsRefused) {
  // 40-bit logits with 16 integer bits: hls4ml's exp table's 1024 entries are 32 apart.
  ir::Graph graph = checked_graph(
      R"({"Model": {"Precision": "fixed<16,6>"},
          "LayerName": {"dense": {"Precision": {"result": "fixed<40,16>"}},
                        "dense_softmax": {"exp_table_t": "fixed<18,8,RND,SAT>"}}})");
  expect_contains(preflight_error(graph),
                  {"dense_softmax", "exp table", "steps of 32", "LayerName.dense.Precision.result",
                   "LayerName.dense_softmax.table_size"});
}

TEST(PreflightChecks, SoftmaxOnWideLogitsWithTablesLeftToHlsnnPassesSilently) {
  ir::Graph graph = checked_graph(
      R"({"Model": {"Precision": "fixed<16,6>"},
          "LayerName": {"dense": {"Precision": {"result": "fixed<40,16>",
                                                "accum": "fixed<40,16>"}}}})");
  EXPECT_EQ(preflight_error(graph), "no error");
  EXPECT_EQ(all_warnings(graph), "");
}

TEST(PreflightChecks, SoftmaxWithWideInverseInputIsRefused) {
  ir::Graph graph = checked_graph(
      R"({"Model": {"Precision": "fixed<16,6>"},
          "LayerName": {"dense_softmax": {"Precision": {"inv_inp": "fixed<40,16>"}}}})");
  expect_contains(preflight_error(graph), {"dense_softmax", "inverse table", "steps of 64", "1/0",
                                           "LayerName.dense_softmax.Precision.inv_inp"});
}

TEST(PreflightChecks, ReferenceSoftmaxTypesWithLargeErrorsWarnNamingTheSlot) {
  // hls4ml's inp_norm is one bit narrower than the input: max - x wraps for far inputs.
  ir::Graph wrapping = checked_graph(
      R"({"Model": {"Precision": "fixed<16,6>"},
          "LayerName": {"dense": {"Precision": {"result": "fixed<16,9>"}},
                        "dense_softmax": {"Precision": {"inv_inp": "fixed<18,9>"}}}})");
  EXPECT_EQ(preflight_error(wrapping), "no error");
  expect_contains(all_warnings(wrapping),
                  {"dense_softmax", "outputs may be off by up to 1", "beyond inp_norm ufixed<15,8>",
                   "LayerName.dense_softmax.Precision.inp_norm"});

  // With a wide enough inp_norm the inverse table's steps of 0.5 dominate: a sum just below 1.5
  // reads 1/1 (0.33 too much).
  ir::Graph coarse = checked_graph(
      R"({"Model": {"Precision": "fixed<16,6>"},
          "LayerName": {"dense": {"Precision": {"result": "fixed<16,9>"}},
                        "dense_softmax": {"Precision": {"inv_inp": "fixed<18,9>",
                                                        "inp_norm": "ufixed<16,9>"}}}})");
  EXPECT_EQ(preflight_error(coarse), "no error");
  expect_contains(all_warnings(coarse),
                  {"most of it (0.33)", "inverse table is addressed in steps of 0.5",
                   "integer bits: LayerName.dense_softmax.Precision.inv_inp"});
}

TEST(PreflightChecks, SoftmaxSumsBeyondTheirTypesWarn) {
  ir::Graph graph = checked_graph(
      R"({"Model": {"Precision": "fixed<16,6>"},
          "LayerName": {"dense_softmax": {"Precision": {"accum": "fixed<10,3>",
                                          "exp_table": "ufixed<8,0>"}}}})",
      "softmax", 4, 8);
  EXPECT_EQ(preflight_error(graph), "no error");
  expect_contains(
      all_warnings(graph),
      {"sum of 8 exponentials", "accum fixed<10,3>", "LayerName.dense_softmax.Precision.accum",
       "cannot hold e^0 = 1", "LayerName.dense_softmax.Precision.exp_table"});
}

TEST(PreflightChecks, WeightsOutsideTheirTypeWarnWithCountAndType) {
  // Kernel values -0.5 .. 2.66 in steps of 0.1: those from 1 up do not fit fixed<8,1>.
  ir::Graph graph = checked_graph(
      R"({"Model": {"Precision": "fixed<16,6>"},
          "LayerName": {"dense": {"Precision": {"weight": "fixed<8,1>"}}}})",
      "linear", 4, 8, 0.1);
  EXPECT_EQ(preflight_error(graph), "no error");
  expect_contains(all_warnings(graph),
                  {"layer 'dense'", "17 of 32 values of weight", "fixed<8,1>", "wrap around",
                   "LayerName.dense.Precision.weight to fixed<10,3>"});
}

TEST(PreflightChecks, LatencyBeyondTheUnrollLimitWarns) {
  const std::string latency = R"({"Model": {"Precision": "fixed<16,6>", "Strategy": "Latency"}})";
  ir::Graph large = checked_graph(latency, "linear", 100, 50, 0.0);
  EXPECT_EQ(preflight_error(large), "no error");
  expect_contains(all_warnings(large), {"5000 multiplications", "4096", "LayerName.dense.Strategy",
                                        "LayerName.dense.ReuseFactor of at least 2"});

  ir::Graph resource = checked_graph(
      R"({"Model": {"Precision": "fixed<16,6>", "Strategy": "Resource", "ReuseFactor": 2},
          "LayerName": {"dense": {"Precision": {"accum": "fixed<24,12>", "result": "fixed<24,12>"}}}})",
      "linear", 100, 50, 0.0);
  preflight_checks(resource);
  EXPECT_EQ(all_warnings(resource), "");
}

TEST(PreflightChecks, OutputsBeyondThePartitioningLimitWarnNamingTheLayer) {
  // 64x64x1 = 4096 values fit; padded to 66x66 they do not, nor does the upsampled image. The
  // Flatten reuses the padded array and adds no warning of its own.
  ir::Graph graph = frontend::graph_from_keras(
      R"({"class_name": "Sequential", "config": {"layers": [
        {"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": [null, 64, 64, 1]}},
        {"class_name": "ZeroPadding2D", "config": {"name": "pad", "padding": [[1, 1], [1, 1]]}},
        {"class_name": "Flatten", "config": {"name": "flat"}}]}})",
      {}, 2);
  config::apply_hls_config(json::parse(R"({"Model": {"Precision": "fixed<16,6>"}})"), graph);
  infer_precision(graph);
  preflight_checks(graph);
  const std::string warnings = all_warnings(graph);
  expect_contains(warnings, {"layer 'pad' (ZeroPadding2D)",
                             "4356 output values in registers ([66,66,1])", "4096", "io_stream"});
  EXPECT_EQ(warnings.find("'in'"), std::string::npos) << warnings;
  EXPECT_EQ(warnings.find("'flat'"), std::string::npos) << warnings;
}

TEST(PreflightChecks, IsInThePrintablePassList) {
  const std::string passes = describe_passes(optimization_passes());
  EXPECT_NE(passes.find("preflight_checks: "), std::string::npos) << passes;
  EXPECT_LT(passes.find("infer_precision: "), passes.find("preflight_checks: "));
}

}  // namespace
}  // namespace hlsnn::passes
