// The range analysis (value_ranges.h) and the types infer_precision chooses from it: conversions
// as the ap types store values, per-unit Dense bounds that inputs at the corners of their range
// attain, the Softmax and table activations left to hlsnn, and bit_exact's refusal of unquantized
// inputs (its types are checked against hls4ml 1.3 in tests/python/test_qkeras_input_quantizer.py).
#include <gtest/gtest.h>

#include <cmath>

#include "config/hls_config.h"
#include "frontend/keras_to_ir.h"
#include "ir/error.h"
#include "passes/choose_table_types.h"
#include "passes/infer_precision.h"
#include "passes/split_activations.h"
#include "passes/value_ranges.h"

namespace hlsnn::passes {
namespace {

using ir::parse_precision;
using json = nlohmann::ordered_json;

TEST(ValueRanges, StoredIntervalRoundsAndOverflowsAsTheTypeDoes) {
  const Interval values = {-1.03, 2.97};
  // fixed<8,3>: LSB 1/32, range [-4, 3.96875].
  EXPECT_EQ(stored_interval(values, parse_precision("fixed<8,3>")), (Interval{-1.03125, 2.96875}));
  EXPECT_EQ(stored_interval(values, parse_precision("fixed<8,3,RND,SAT>")),
            (Interval{-1.03125, 2.96875}));
  EXPECT_EQ(stored_interval({-1.015625, 2.984375}, parse_precision("fixed<8,3,RND_CONV,SAT>")),
            (Interval{-1.0, 3.0}));  // both halves round to even
  // Beyond the range: a saturating type clamps, a wrapping one can give any of its values.
  EXPECT_EQ(stored_interval({-9, 9}, parse_precision("fixed<8,3,TRN,SAT>")),
            (Interval{-4, 3.96875}));
  EXPECT_EQ(stored_interval({0, 9}, parse_precision("fixed<8,3>")), (Interval{-4, 3.96875}));
  EXPECT_FALSE(fits({0, 3.99}, parse_precision("fixed<8,3,RND>")));  // rounds up to 4
  EXPECT_TRUE(fits({0, 3.99}, parse_precision("fixed<8,3>")));       // truncates to 3.96875
  // ap_int truncates toward zero.
  EXPECT_EQ(stored_interval({-2.5, 2.5}, parse_precision("ap_int<4>")), (Interval{-2, 2}));
}

TEST(ValueRanges, HoldingTypeIsTheNarrowestThatNeverOverflows) {
  const ir::PrecisionType modes = parse_precision("fixed<16,6>");
  EXPECT_EQ(holding_type({-32, 31.999}, 10, modes), parse_precision("fixed<16,6>"));
  EXPECT_EQ(holding_type({-32, 32}, 10, modes), parse_precision("fixed<17,7>"));
  EXPECT_EQ(holding_type({-32.0001, 0}, 10, modes), parse_precision("fixed<17,7>"));  // floors
  EXPECT_EQ(holding_type({0, 1}, 10, modes), parse_precision("fixed<12,2>"));
  EXPECT_EQ(holding_type({0, 0.2}, 10, modes), parse_precision("fixed<9,-1>"));  // [-1/4, 1/4)
  EXPECT_EQ(holding_type({0, 1}, 10, parse_precision("ufixed<8,2,RND,SAT>")),
            parse_precision("ufixed<11,1,RND,SAT>"));
  EXPECT_EQ(holding_type({-1, 1}, 10, parse_precision("ufixed<8,2>")),
            parse_precision("fixed<12,2>"));  // negative values need a sign
}

TEST(ValueRanges, OutwardRoundingNeverNarrowsABound) {
  const Interval third = Interval{1, 1} * Interval{1.0 / 3, 1.0 / 3};
  EXPECT_EQ(third.low, 1.0 / 3);
  const Interval total = sum({{0.1, 0.1}, {0.2, 0.2}});
  EXPECT_LE(total.low, 0.3);
  EXPECT_GE(total.high, 0.3);
  EXPECT_LT(total.low, total.high) << "0.1 + 0.2 is inexact: the bounds straddle it";
}

/// in(3) -> dense(2, `activation`) -> [softmax], with the given kernel and bias.
ir::Graph dense_graph(const std::vector<double>& kernel, const std::vector<double>& bias,
                      const std::string& activation, const std::string& config) {
  ir::Graph graph = frontend::graph_from_keras(
      R"({"class_name": "Sequential", "config": {"layers": [
        {"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": [null, 3]}},
        {"class_name": "Dense", "config": {"name": "dense", "units": 2, "activation": ")" +
          activation + R"("}}]}})",
      {{"dense", {{"kernel", {3, 2}, kernel}, {"bias", {2}, bias}}}}, 2);
  split_activations(graph);
  config::apply_hls_config(json::parse(config), graph);
  infer_precision(graph);
  return graph;
}

TEST(ValueRanges, DenseBoundsPerUnitAreAttainedAtTheCornersOfTheInputRange) {
  // Inputs within [-1, 0.96875] (fixed<6,1>); weights and bias exact in fixed<16,6>.
  const ir::Graph graph = dense_graph({1.5, -0.25, -2, 0.5, 0.75, 0.125}, {0.5, -1}, "linear",
                                      R"({"Model": {"Precision": "fixed<16,6>"},
                      "LayerName": {"in": {"Precision": "fixed<6,1>"},
                                    "dense": {"Precision": {"result": "auto", "accum": "auto"}}}})");
  const LayerRange range = value_ranges(graph).at("dense");
  ASSERT_TRUE(range.exact.has_value());
  // Unit 0: 1.5 x0 - 2 x1 + 0.75 x2 + 0.5, largest with x0, x2 at 0.96875 and x1 at -1.
  const double top = 0.96875;
  EXPECT_EQ(range.exact->channel(0).high, 1.5 * top + 2 + 0.75 * top + 0.5);
  EXPECT_EQ(range.exact->channel(0).low, -1.5 - 2 * top - 0.75 + 0.5);
  // Unit 1: -0.25 x0 + 0.5 x1 + 0.125 x2 - 1.
  EXPECT_EQ(range.exact->channel(1).high, 0.25 + 0.5 * top + 0.125 * top - 1);
  EXPECT_EQ(range.exact->channel(1).low, -0.25 * top - 0.5 - 0.125 - 1);
  // The result holds both units' ranges, within [-3.7, 4.7], with the default's 10 fractional
  // bits.
  EXPECT_EQ(graph.layer("dense").precision("result"), parse_precision("fixed<14,4>"));
}

TEST(ValueRanges, EveryLayerClassHasASoundFallback) {
  ir::Graph graph = dense_graph({1, 1, 1, 1, 1, 1}, {0, 0}, "linear",
                                R"({"Model": {"Precision": "fixed<8,3>"}})");
  ir::Layer& dense = graph.layer("dense");
  dense.layer_class = "SomeFutureLayer";
  dense.set_precision("result", parse_precision("fixed<10,4>"));
  const LayerRange range = value_ranges(graph).at("dense");
  EXPECT_FALSE(range.exact.has_value());
  EXPECT_EQ(range.stored.channels, (std::vector<Interval>(2, Interval{-8, 7.984375})));
}

TEST(ValueRanges, SoftmaxAfterAnInferredWideInputKeepsItsTableFinelyAddressed) {
  const std::vector<double> kernel = {3, -3, 3, -3, 3, -3};
  // The logits' type is hlsnn's: within about ±290, so fixed<20,10>. The softmax's outputs lie
  // in [0, 1]: the default's 10 fractional bits and room for 1.
  ir::Graph graph = dense_graph(kernel, {0, 0}, "softmax",
                                R"({"Model": {"Precision": "fixed<16,6>"},
          "LayerName": {"dense": {"Precision": {"result": "auto", "accum": "auto"}},
                        "dense_softmax": {"Precision": {"result": "auto"}}}})");
  EXPECT_EQ(graph.layer("dense").precision("result"), parse_precision("fixed<20,10>"));
  EXPECT_EQ(graph.layer("dense_softmax").precision("result"), parse_precision("fixed<12,2>"));
  // However wide the logits, choose_table_types stores max - x saturating at 8 (beyond which
  // e^-d no longer reaches the 10-bit result), addressing the exp table in steps of 2^-8.
  choose_table_types(graph);
  EXPECT_EQ(graph.layer("dense_softmax").precision("inp_norm"),
            parse_precision("ufixed<11,3,RND,SAT>"));
}

TEST(ValueRanges, TableActivationsLeftToHlsnnAreBoundedByItsAccurateKernels) {
  // Inputs within [-1, 0.96875]: the sums of weights 1 within [-3, 2.90625].
  const auto activated = [](const std::string& activation) {
    ir::Graph graph = dense_graph({1, 1, 1, 1, 1, 1}, {0, 0}, activation,
                                  R"({"Model": {"Precision": "fixed<16,6>"},
        "LayerName": {"in": {"Precision": "fixed<6,1>"},
                      "dense": {"Precision": {"result": "auto", "accum": "auto"}},
                      "dense_)" + activation +
                                      R"(": {"Precision": {"result": "auto"}}}})");
    choose_table_types(graph);
    return graph;
  };
  // softplus(x) = max(x, 0) + a table entry below 1: within [0, 3.90625].
  const ir::Graph softplus = activated("softplus");
  EXPECT_EQ(softplus.layer("dense_softplus").precision("result"), parse_precision("fixed<13,3>"));
  EXPECT_EQ(value_ranges(softplus).at("dense_softplus").exact->hull(), (Interval{0, 2.90625 + 1}));
  // sigmoid within [0, 1], whatever its input: room for 1 at the default's resolution.
  EXPECT_EQ(activated("sigmoid").layer("dense_sigmoid").precision("result"),
            parse_precision("fixed<12,2>"));
  // An explicit table keeps hls4ml's kernel: its entries bound the result.
  ir::Graph explicit_table = dense_graph({1, 1, 1, 1, 1, 1}, {0, 0}, "softplus",
                                         R"({"Model": {"Precision": "fixed<16,6>"},
      "LayerName": {"dense_softplus": {"Precision": {"result": "auto"},
                                       "table_t": "fixed<18,8>"}}})");
  EXPECT_EQ(value_ranges(explicit_table).at("dense_softplus").exact->hull().high,
            std::floor(8.001 * 1024) / 1024);
}

TEST(ValueRanges, BitExactNeedsEveryInputQuantized) {
  const std::string config = R"({"Model": {"Precision": "fixed<16,6>", "BitExact": true},
                                 "LayerName": {"dense": {"Precision": {"result": "fixed<8,2>"}}}})";
  try {
    dense_graph({1, 1, 1, 1, 1, 1}, {0, 0}, "linear", config);
    FAIL() << "bit_exact without an input quantizer";
  } catch (const Error& error) {
    const std::string text = error.what();
    EXPECT_NE(text.find("input in is not quantized"), std::string::npos) << text;
    EXPECT_NE(text.find("QActivation"), std::string::npos) << text;
  }
}

}  // namespace
}  // namespace hlsnn::passes
