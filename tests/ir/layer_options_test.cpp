#include "ir/layer_options.h"

#include <gtest/gtest.h>

#include "error_matchers.h"

namespace hlsnn::ir {
namespace {

using testing::Contains;
using testing::error_from;

TEST(LayerOptions, DefaultsToFullyParallelLatencyWithoutTrace) {
  const LayerOptions options;
  EXPECT_EQ(options.reuse_factor, 1);
  EXPECT_EQ(options.strategy, Strategy::kLatency);
  EXPECT_FALSE(options.trace);
  EXPECT_TRUE(options.extra.empty());
}

TEST(Strategy, PrintsTheConfigSpelling) {
  EXPECT_EQ(to_string(Strategy::kLatency), "Latency");
  EXPECT_EQ(to_string(Strategy::kResource), "Resource");
}

TEST(ParseStrategy, AcceptsAnyCase) {
  EXPECT_EQ(parse_strategy("Latency"), Strategy::kLatency);
  EXPECT_EQ(parse_strategy("latency"), Strategy::kLatency);
  EXPECT_EQ(parse_strategy("Resource"), Strategy::kResource);
  EXPECT_EQ(parse_strategy("RESOURCE"), Strategy::kResource);
}

TEST(ParseStrategy, RejectsUnknownNamesListingTheChoices) {
  const Error error = error_from([] { parse_strategy("Resources"); });
  EXPECT_TRUE(Contains(error.problem(), "unknown strategy 'Resources'"));
  EXPECT_TRUE(Contains(error.hint(), "Latency, Resource"));
}

}  // namespace
}  // namespace hlsnn::ir
