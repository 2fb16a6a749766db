#include "ir/precision_slots.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace hlsnn::ir {
namespace {

TEST(PrecisionSlots, DenseHasWeightBiasResultAndAccumulator) {
  EXPECT_EQ(precision_slots("Dense"),
            (std::vector<std::string>{"weight", "bias", "result", "accum"}));
}

TEST(PrecisionSlots, SoftmaxHasItsTables) {
  const std::vector<std::string>& slots = precision_slots("Softmax");
  EXPECT_NE(std::find(slots.begin(), slots.end(), "exp_table"), slots.end());
  EXPECT_NE(std::find(slots.begin(), slots.end(), "inv_table"), slots.end());
}

TEST(PrecisionSlots, TableSlotsAreTheTables) {
  EXPECT_TRUE(is_table_slot("Activation", "table"));
  EXPECT_FALSE(is_table_slot("Activation", "result"));
  for (const char* slot : {"exp_table", "inv_table", "inv_inp", "inp_norm"}) {
    EXPECT_TRUE(is_table_slot("Softmax", slot)) << slot;
  }
  EXPECT_FALSE(is_table_slot("Softmax", "result"));
  EXPECT_FALSE(is_table_slot("Softmax", "accum")) << "hls4ml fills it from the default precision";
  EXPECT_FALSE(is_table_slot("Dense", "accum"));
}

TEST(PrecisionSlots, UnknownClassesHaveNone) { EXPECT_TRUE(precision_slots("Conv9D").empty()); }

}  // namespace
}  // namespace hlsnn::ir
