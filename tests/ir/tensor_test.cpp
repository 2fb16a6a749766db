#include "ir/tensor.h"

#include <gtest/gtest.h>

#include "ir/weight.h"

namespace hlsnn::ir {
namespace {

TEST(ElementCount, MultipliesTheDimensions) {
  EXPECT_EQ(element_count({16}), 16);
  EXPECT_EQ(element_count({28, 28, 3}), 2352);
  EXPECT_EQ(element_count({}), 1);
  EXPECT_EQ(element_count({4, 0}), 0);
}

TEST(ShapeToString, ListsTheDimensionsInBrackets) {
  EXPECT_EQ(shape_to_string({16}), "[16]");
  EXPECT_EQ(shape_to_string({28, 28, 1}), "[28,28,1]");
  EXPECT_EQ(shape_to_string({}), "[]");
}

TEST(IsCompleteShape, NeedsAtLeastOneDimensionAllPositive) {
  EXPECT_TRUE(is_complete_shape({16}));
  EXPECT_TRUE(is_complete_shape({1, 1}));
  EXPECT_FALSE(is_complete_shape({}));
  EXPECT_FALSE(is_complete_shape({-1, 3}));
  EXPECT_FALSE(is_complete_shape({3, 0}));
}

TEST(Tensor, CarriesPerEdgeAttributes) {
  Tensor tensor{"dense_out", {32}, {}};
  tensor.attributes["fifo_depth"] = make_attribute(64);
  EXPECT_EQ(get_attribute<std::int64_t>(tensor.attributes, "fifo_depth", "tensor"), 64);
}

TEST(Weight, DefaultsToAutoPrecision) { EXPECT_TRUE(Weight{}.precision.is_auto()); }

TEST(Weight, HasConsistentSizeWhenValuesFillTheShape) {
  Weight weight{"kernel", {2, 3}, {1, 2, 3, 4, 5, 6}, PrecisionType::fixed(8, 3)};
  EXPECT_TRUE(weight.has_consistent_size());
  weight.values.pop_back();
  EXPECT_FALSE(weight.has_consistent_size());
}

}  // namespace
}  // namespace hlsnn::ir
