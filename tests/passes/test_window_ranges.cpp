// The range analysis of convolution and pooling layers (value_range_transfers.cpp): per-filter
// bounds that follow the kernels' window order and padding, the separable convolution's
// intermediate type, means that stay within their inputs' range, and the pre-flight warning for
// each slot that can wrap.
#include <gtest/gtest.h>

#include <algorithm>

#include "config/hls_config.h"
#include "frontend/keras_to_ir.h"
#include "passes/infer_precision.h"
#include "passes/preflight_checks.h"
#include "passes/value_ranges.h"

namespace hlsnn::passes {
namespace {

using ir::parse_precision;
using json = nlohmann::ordered_json;

/// in(`shape`) -> `layer_json` named "layer", types from `config`, inferred.
ir::Graph window_graph(const std::string& shape, const std::string& layer_json,
                       std::vector<frontend::WeightArray> weights, const std::string& config) {
  ir::Graph graph = frontend::graph_from_keras(
      R"({"class_name": "Sequential", "config": {"layers": [
        {"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": [null, )" +
          shape + R"(]}}, )" + layer_json + R"(]}})",
      {{"layer", std::move(weights)}}, 2);
  config::apply_hls_config(json::parse(config), graph);
  infer_precision(graph);
  return graph;
}

/// The layer's bound for inputs whose channels lie in `channels`.
ValueRange bound(const ir::Graph& graph, const std::vector<Interval>& channels,
                 std::map<std::string, Interval>* slot_values = nullptr) {
  const ir::Layer& layer = graph.layer("layer");
  const std::vector<ValueRange> inputs = {ValueRange{channels}};
  TransferContext context{inputs, graph.settings()};
  const std::optional<ValueRange> values =
      (*find_transfer_function(layer.layer_class))(layer, context);
  if (slot_values != nullptr) *slot_values = context.slot_values;
  return values.value();
}

Interval times(double weight, const Interval& x) {
  return {std::min(weight * x.low, weight * x.high), std::max(weight * x.low, weight * x.high)};
}

Interval with_zero(const Interval& x) { return Interval::hull(x, {0, 0}); }

const char* const kDefault = R"({"Model": {"Precision": "fixed<16,6>"},
                                 "LayerName": {"layer": {"Precision": "auto"}}})";

// Kernel {2 positions, 2 channels, 2 filters} in Keras order, exact in fixed<16,6>.
const std::vector<double> kKernel = {1.5, -0.25, -2, 0.5, 0.75, 0.125, 0.25, -1};

std::string conv1d(const std::string& padding) {
  return R"({"class_name": "Conv1D", "config": {"name": "layer", "filters": 2,
             "kernel_size": [2], "padding": ")" +
         padding + R"("}})";
}

TEST(WindowRanges, ConvolutionBoundsEachFilterOverItsWindow) {
  const std::vector<Interval> x = {{2, 3}, {-1, 0.5}};  // channel 0 excludes 0
  const ir::Graph valid =
      window_graph("4, 2", conv1d("valid"),
                   {{"kernel", {2, 2, 2}, kKernel}, {"bias", {2}, {0.5, -1}}}, kDefault);
  // Filter f: bias + Σ over positions p and channels c of w[p][c][f] · x_c.
  const auto filter = [&](int f, bool padded) {
    Interval total = {f == 0 ? 0.5 : -1, f == 0 ? 0.5 : -1};
    for (int p = 0; p < 2; ++p) {
      for (int c = 0; c < 2; ++c) {
        const Interval term = times(kKernel[static_cast<size_t>((p * 2 + c) * 2 + f)], x[c]);
        total = total + (padded ? with_zero(term) : term);
      }
    }
    return total;
  };
  const ValueRange unpadded = bound(valid, x);
  EXPECT_EQ(unpadded.channel(0), filter(0, false));
  EXPECT_EQ(unpadded.channel(1), filter(1, false));
  // 'same' pads the border: a position there adds nothing, so each term may also be 0.
  const ir::Graph same = window_graph(
      "4, 2", conv1d("same"), {{"kernel", {2, 2, 2}, kKernel}, {"bias", {2}, {0.5, -1}}}, kDefault);
  const ValueRange padded = bound(same, x);
  EXPECT_EQ(padded.channel(0), filter(0, true));
  EXPECT_EQ(padded.channel(1), filter(1, true));
  EXPECT_NE(padded.channel(0), unpadded.channel(0));
}

TEST(WindowRanges, DepthwiseChannelsSeeOnlyTheirInputChannel) {
  // Kernel {2 positions, 2 channels, multiplier 2}: output channel c * 2 + m.
  const ir::Graph graph = window_graph(
      "4, 2",
      R"({"class_name": "DepthwiseConv1D", "config": {"name": "layer", "kernel_size": [2],
          "depth_multiplier": 2}})",
      {{"depthwise_kernel", {2, 2, 2}, kKernel}, {"bias", {4}, {0, 0.25, 0.5, 0.75}}}, kDefault);
  const std::vector<Interval> x = {{2, 3}, {-1, 0.5}};
  const ValueRange values = bound(graph, x);
  for (int c = 0; c < 2; ++c) {
    for (int m = 0; m < 2; ++m) {
      const double bias = 0.25 * (c * 2 + m);
      Interval expected = {bias, bias};
      for (int p = 0; p < 2; ++p) {
        expected = expected + times(kKernel[static_cast<size_t>((p * 2 + c) * 2 + m)], x[c]);
      }
      EXPECT_EQ(values.channel(c * 2 + m), expected) << c << " " << m;
    }
  }
}

TEST(WindowRanges, SeparableConvolutionBoundsItsIntermediateType) {
  const std::string separable =
      R"({"class_name": "SeparableConv1D", "config": {"name": "layer", "filters": 1,
          "kernel_size": [2]}})";
  const std::vector<frontend::WeightArray> weights = {{"depthwise_kernel", {2, 2, 1}, {4, 4, 4, 4}},
                                                      {"pointwise_kernel", {1, 2, 1}, {1, -1}},
                                                      {"bias", {1}, {0}}};
  const std::vector<Interval> x = {{-1, 1}, {-1, 1}};
  // The intermediate type auto: the depthwise sums (within ±8) exact, and the pointwise step
  // sees them whole.
  std::map<std::string, Interval> slots;
  const ValueRange exact = bound(window_graph("4, 2", separable, weights, kDefault), x, &slots);
  EXPECT_EQ(slots.at("depthwise_result"), (Interval{-8, 8}));
  EXPECT_EQ(exact.channel(0), (Interval{-16, 16}));
  // A saturating intermediate type clips them to its range before the pointwise step.
  const ir::Graph clipped = window_graph("4, 2", separable, weights, R"({
      "Model": {"Precision": "fixed<16,6>"},
      "LayerName": {"layer": {"Precision": {"result": "auto",
                                            "depthwise_result": "fixed<6,3,TRN,SAT>"}}}})");
  EXPECT_EQ(bound(clipped, x).channel(0), (Interval{-4 - 3.875, 3.875 + 4}));
}

TEST(WindowRanges, PoolingStaysWithinItsInputsRange) {
  const std::string average =
      R"({"class_name": "AveragePooling1D", "config": {"name": "layer", "pool_size": [3],
          "padding": "same"}})";
  const ir::Graph graph = window_graph("6, 2", average, {}, kDefault);
  // The mean of values in [low, high], its ends rounded out to accum's grid (2^-12: a window of
  // three positions gives the input's 10 fractional bits 2 more).
  EXPECT_EQ(graph.layer("layer").precision("accum"), parse_precision("fixed<20,8>"));
  const ValueRange values = bound(graph, {{-1.5, 2.25}, {0.3, 0.7}});
  EXPECT_EQ(values.channel(0), (Interval{-1.5, 2.25}));
  EXPECT_EQ(values.channel(1),
            (Interval{std::floor(0.3 * 4096) / 4096, std::ceil(0.7 * 4096) / 4096}));
  // An auto result is the input type, which holds every mean.
  EXPECT_EQ(graph.layer("layer").precision("result"), parse_precision("fixed<16,6>"));

  const std::string maximum =
      R"({"class_name": "MaxPooling1D", "config": {"name": "layer", "pool_size": [2]}})";
  EXPECT_EQ(bound(window_graph("6, 2", maximum, {}, kDefault), {{-1.5, 2.25}, {0, 1}}).channel(1),
            (Interval{0, 1}));
}

TEST(WindowRanges, SlotsThatCanWrapOnTheInputRangeWarn) {
  // An 8-tap window of inputs within ±32 with weights 1: sums reach ±256, beyond a configured
  // fixed<16,6> accumulator, or, summed in a wide one, beyond a fixed<16,6> result.
  const auto conv = [](const std::string& config) {
    ir::Graph graph = window_graph(
        "8, 1",
        R"({"class_name": "Conv1D", "config": {"name": "layer", "filters": 1,
            "kernel_size": [8]}})",
        {{"kernel", {8, 1, 1}, std::vector<double>(8, 1.0)}, {"bias", {1}, {0}}}, config);
    preflight_checks(graph);
    return graph;
  };
  const ir::Graph narrow_accum = conv(R"({"Model": {"Precision": "fixed<16,6>"}})");
  const ir::Graph narrow_result = conv(R"({"Model": {"Precision": "fixed<16,6>"},
      "LayerName": {"layer": {"Precision": {"accum": "fixed<24,12>"}}}})");
  // Average pooling's sums of 4 values, beyond a fixed<8,6> accumulator.
  ir::Graph pooling = window_graph(
      "8, 1",
      R"({"class_name": "AveragePooling1D", "config": {"name": "layer", "pool_size": [4]}})", {},
      R"({"Model": {"Precision": "fixed<16,6>"},
              "LayerName": {"layer": {"Precision": {"accum": "fixed<8,6>"}}}})");
  preflight_checks(pooling);
  // A separable convolution's depthwise sums (within ±256) beyond its intermediate type.
  ir::Graph separable =
      window_graph("8, 2",
                   R"({"class_name": "SeparableConv1D", "config": {"name": "layer", "filters": 1,
          "kernel_size": [2]}})",
                   {{"depthwise_kernel", {2, 2, 1}, {4, 4, 4, 4}},
                    {"pointwise_kernel", {1, 2, 1}, {1, -1}},
                    {"bias", {1}, {0}}},
                   R"({"Model": {"Precision": "fixed<16,6>"},
          "LayerName": {"layer": {"Precision": {"depthwise_accum": "fixed<24,12>",
                                                "depthwise_result": "fixed<8,3>"}}}})");
  preflight_checks(separable);
  for (const auto& [graph, slot] :
       {std::pair<const ir::Graph*, std::string>{&narrow_accum, "accum"},
        {&narrow_result, "result"},
        {&pooling, "accum"},
        {&separable, "depthwise_result"}}) {
    const auto& warnings = graph->warnings();
    const bool named = std::any_of(warnings.begin(), warnings.end(), [&](const Error& warning) {
      const std::string text = warning.what();
      return text.find(slot + " fixed<") != std::string::npos &&
             text.find("can wrap around") != std::string::npos;
    });
    EXPECT_TRUE(named) << slot;
  }
}

TEST(WindowRanges, ShapeLayersMoveEachChannelsBound) {
  const std::vector<Interval> x = {{2, 3}, {-1, 0.5}};  // channel 0 excludes 0
  const ir::Graph padded = window_graph(
      "4, 2", R"({"class_name": "ZeroPadding1D", "config": {"name": "layer", "padding": [1, 1]}})",
      {}, kDefault);
  EXPECT_EQ(bound(padded, x).channels, (std::vector<Interval>{{0, 3}, {-1, 0.5}}));
  const ir::Graph cropped = window_graph(
      "4, 2", R"({"class_name": "Cropping1D", "config": {"name": "layer", "cropping": [1, 0]}})",
      {}, kDefault);
  EXPECT_EQ(bound(cropped, x).channels, x);
  const ir::Graph upsampled = window_graph(
      "4, 2", R"({"class_name": "UpSampling1D", "config": {"name": "layer", "size": 2}})", {},
      kDefault);
  EXPECT_EQ(bound(upsampled, x).channels, x);
  // Permute moves the channel axis: every channel takes the hull of all.
  const ir::Graph permuted = window_graph(
      "4, 2", R"({"class_name": "Permute", "config": {"name": "layer", "dims": [2, 1]}})", {},
      kDefault);
  EXPECT_EQ(bound(permuted, x).channels, (std::vector<Interval>(4, Interval{-1, 3})));
}

}  // namespace
}  // namespace hlsnn::passes
