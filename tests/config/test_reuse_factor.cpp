#include <gtest/gtest.h>

#include "config/reuse_factor.h"

namespace hlsnn::config {
namespace {

TEST(DenseReuseFactor, ValidValuesDivideInputsOrAreInputsTimesADivisorOfOutputs) {
  // 16 x 64: divisors of 16, then 16 x divisors of 64.
  std::vector<std::int64_t> valid;
  for (std::int64_t rf = 1; rf <= 16 * 64; ++rf) {
    if (is_valid_dense_reuse_factor(16, 64, rf)) valid.push_back(rf);
  }
  EXPECT_EQ(valid, (std::vector<std::int64_t>{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024}));
  EXPECT_TRUE(is_valid_dense_reuse_factor(10, 6, 5));
  EXPECT_TRUE(is_valid_dense_reuse_factor(10, 6, 30));
  EXPECT_FALSE(is_valid_dense_reuse_factor(10, 6, 4));
  EXPECT_FALSE(is_valid_dense_reuse_factor(10, 6, 0));
}

TEST(DenseReuseFactor, NearestValidValuesBracketTheWantedOne) {
  EXPECT_EQ(nearest_valid_dense_reuse_factors(16, 64, 3), (std::vector<std::int64_t>{2, 4}));
  EXPECT_EQ(nearest_valid_dense_reuse_factors(16, 64, 2000), (std::vector<std::int64_t>{1024}));
}

}  // namespace
}  // namespace hlsnn::config
