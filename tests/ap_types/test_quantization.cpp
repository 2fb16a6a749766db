// Spec section 2.1: quantization to the target LSB, every ap_q_mode, worked-example tables.
#include <gtest/gtest.h>

#include <vector>

#include "ap_test_helpers.h"

namespace {

struct QuantizationRow {
  const char* mode_name;
  double (*convert)(double);
  std::vector<double> expected;
};

// Target with one fractional bit and enough integer bits that nothing overflows.
template <ap_q_mode Q>
double to_one_fraction_bit(double x) {
  return ap_fixed<8, 7, Q>(x).to_double();
}

template <ap_q_mode Q>
double to_integer(double x) {
  return ap_fixed<8, 8, Q>(x).to_double();
}

void expect_table(const std::vector<double>& inputs, const std::vector<QuantizationRow>& rows) {
  for (const QuantizationRow& row : rows) {
    ASSERT_EQ(row.expected.size(), inputs.size());
    for (size_t k = 0; k < inputs.size(); ++k) {
      EXPECT_EQ(row.convert(inputs[k]), row.expected[k]) << row.mode_name << " x=" << inputs[k];
    }
  }
}

TEST(Quantization, EveryModeToOneFractionalBitMatchesWorkedTable) {
  const std::vector<double> inputs = {1.25, -1.25, 1.75, -1.75, 0.25, -0.25, 0.75, -0.75};
  expect_table(
      inputs,
      {
          {"AP_RND", to_one_fraction_bit<AP_RND>, {1.5, -1, 2, -1.5, 0.5, 0, 1, -0.5}},
          {"AP_RND_ZERO", to_one_fraction_bit<AP_RND_ZERO>, {1, -1, 1.5, -1.5, 0, 0, 0.5, -0.5}},
          {"AP_RND_MIN_INF",
           to_one_fraction_bit<AP_RND_MIN_INF>,
           {1, -1.5, 1.5, -2, 0, -0.5, 0.5, -1}},
          {"AP_RND_INF", to_one_fraction_bit<AP_RND_INF>, {1.5, -1.5, 2, -2, 0.5, -0.5, 1, -1}},
          {"AP_RND_CONV", to_one_fraction_bit<AP_RND_CONV>, {1, -1, 2, -2, 0, 0, 1, -1}},
          {"AP_TRN", to_one_fraction_bit<AP_TRN>, {1, -1.5, 1.5, -2, 0, -0.5, 0.5, -1}},
          {"AP_TRN_ZERO", to_one_fraction_bit<AP_TRN_ZERO>, {1, -1, 1.5, -1.5, 0, 0, 0.5, -0.5}},
      });
}

TEST(Quantization, EveryModeToIntegerMatchesWorkedTable) {
  const std::vector<double> inputs = {0.5, -0.5, 1.5, -1.5, 2.5, -2.5};
  expect_table(inputs, {
                           {"AP_RND", to_integer<AP_RND>, {1, 0, 2, -1, 3, -2}},
                           {"AP_RND_ZERO", to_integer<AP_RND_ZERO>, {0, 0, 1, -1, 2, -2}},
                           {"AP_RND_MIN_INF", to_integer<AP_RND_MIN_INF>, {0, -1, 1, -2, 2, -3}},
                           {"AP_RND_INF", to_integer<AP_RND_INF>, {1, -1, 2, -2, 3, -3}},
                           {"AP_RND_CONV", to_integer<AP_RND_CONV>, {0, 0, 2, -2, 2, -2}},
                           {"AP_TRN", to_integer<AP_TRN>, {0, -1, 1, -2, 2, -3}},
                           {"AP_TRN_ZERO", to_integer<AP_TRN_ZERO>, {0, 0, 1, -1, 2, -2}},
                       });
}

TEST(Quantization, DefaultModeIsTruncationTowardMinusInfinity) {
  EXPECT_EQ((ap_fixed<8, 8>(-2.5).to_double()), -3.0);
  static_assert(ap_fixed<8, 8>::qmode == AP_TRN, "default quantization");
  static_assert(ap_fixed<8, 8>::omode == AP_WRAP, "default overflow");
}

TEST(Quantization, SourceModesDoNotMatterOnlyTheTargetsDo) {
  const ap_fixed<10, 4, AP_RND, AP_SAT> source = 1.25;
  EXPECT_EQ((ap_fixed<8, 7, AP_TRN>(source).to_double()), 1.0);
  EXPECT_EQ((ap_fixed<8, 7, AP_RND>(source).to_double()), 1.5);
}

TEST(Quantization, DecimalLiteralIsTheNearestDoubleNotTheDecimal) {
  const ap_fixed<64, 2> x = 0.1;
  EXPECT_EQ(x.to_double(), 0.1);
}

}  // namespace
