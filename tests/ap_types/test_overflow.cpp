// Spec section 2.2/2.3: overflow handling after quantization, every ap_o_mode and N variant.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "ap_test_helpers.h"

namespace {

struct OverflowRow {
  const char* mode_name;
  double (*convert)(double);
  std::vector<double> expected;
};

template <ap_o_mode O, int N>
double to_signed_4_2(double x) {
  return ap_fixed<4, 2, AP_TRN, O, N>(x).to_double();
}

template <ap_o_mode O, int N>
double to_unsigned_4_2(double x) {
  return ap_ufixed<4, 2, AP_TRN, O, N>(x).to_double();
}

void expect_table(const std::vector<double>& inputs, const std::vector<OverflowRow>& rows) {
  for (const OverflowRow& row : rows) {
    ASSERT_EQ(row.expected.size(), inputs.size());
    for (size_t k = 0; k < inputs.size(); ++k) {
      EXPECT_EQ(row.convert(inputs[k]), row.expected[k]) << row.mode_name << " x=" << inputs[k];
    }
  }
}

TEST(Overflow, SignedFixed4_2EveryModeMatchesWorkedTable) {
  const std::vector<double> inputs = {2.0, 2.5, 3.75, 4.5, 5.5, -2.25, -3, -4.5, -5.5};
  const double k = 1.75;  // max
  expect_table(
      inputs,
      {
          {"SAT", to_signed_4_2<AP_SAT, 0>, {k, k, k, k, k, -2, -2, -2, -2}},
          {"SAT_ZERO", to_signed_4_2<AP_SAT_ZERO, 0>, {0, 0, 0, 0, 0, 0, 0, 0, 0}},
          {"SAT_SYM", to_signed_4_2<AP_SAT_SYM, 0>, {k, k, k, k, k, -k, -k, -k, -k}},
          {"WRAP", to_signed_4_2<AP_WRAP, 0>, {-2, -1.5, -0.25, 0.5, 1.5, 1.75, 1, -0.5, -1.5}},
          {"WRAP N=1", to_signed_4_2<AP_WRAP, 1>, {0, 0.5, 1.75, 0.5, 1.5, -0.25, -1, -0.5, -1.5}},
          {"WRAP N=2", to_signed_4_2<AP_WRAP, 2>, {1, 1.5, 1.75, 1.5, 1.5, -1.25, -2, -1.5, -1.5}},
          {"WRAP_SM N=0",
           to_signed_4_2<AP_WRAP_SM, 0>,
           {1.75, 1.25, 0, -0.75, -1.75, -2, -1.25, 0.25, 1.25}},
          {"WRAP_SM N=1",
           to_signed_4_2<AP_WRAP_SM, 1>,
           {1.75, 1.25, 0, 0.5, 1.5, -2, -1.25, -0.5, -1.5}},
          {"WRAP_SM N=2",
           to_signed_4_2<AP_WRAP_SM, 2>,
           {1.75, 1.25, 1.75, 1.25, 1.5, -2, -1.25, -1.75, -1.5}},
      });
}

TEST(Overflow, SatSymMapsTheSignedMinimumToMinusMaximum) {
  EXPECT_EQ((to_signed_4_2<AP_SAT_SYM, 0>(-2.0)), -1.75);
  EXPECT_EQ((to_signed_4_2<AP_SAT, 0>(-2.0)), -2.0);
}

TEST(Overflow, UnsignedFixed4_2EveryModeMatchesWorkedTable) {
  const std::vector<double> inputs = {4.5, 5.5, -2, -2.25, -3};
  expect_table(inputs, {
                           {"SAT", to_unsigned_4_2<AP_SAT, 0>, {3.75, 3.75, 0, 0, 0}},
                           {"SAT_ZERO", to_unsigned_4_2<AP_SAT_ZERO, 0>, {0, 0, 0, 0, 0}},
                           {"WRAP", to_unsigned_4_2<AP_WRAP, 0>, {0.5, 1.5, 2, 1.75, 1}},
                           {"WRAP N=1", to_unsigned_4_2<AP_WRAP, 1>, {2.5, 3.5, 2, 3.75, 3}},
                           {"WRAP N=2", to_unsigned_4_2<AP_WRAP, 2>, {3.5, 3.5, 3, 3.75, 3}},
                       });
}

TEST(Overflow, QuantizationHappensFirstAndItsCarryCanOverflow) {
  EXPECT_EQ((ap_fixed<4, 2, AP_RND, AP_SAT>(1.875).to_double()), 1.75);
  EXPECT_EQ((ap_fixed<4, 2, AP_RND, AP_WRAP>(1.875).to_double()), -2.0);
}

TEST(Overflow, InfinityIsTreatedAsTwoToThe1024) {
  EXPECT_EQ((ap_fixed<8, 4, AP_TRN, AP_SAT>(INFINITY).to_double()), 7.9375);
  EXPECT_EQ((ap_fixed<8, 4, AP_TRN, AP_SAT>(-INFINITY).to_double()), -8.0);
  EXPECT_EQ((ap_fixed<8, 4>(INFINITY).to_double()), 0.0);
}

TEST(Overflow, ApIntSourceIsTreatedAsIntegerFixedAndCanOverflow) {
  EXPECT_EQ((ap_fixed<8, 4, AP_TRN, AP_SAT>(ap_int<16>(100)).to_double()), 7.9375);
  EXPECT_EQ((ap_fixed<8, 4>(ap_int<16>(9)).to_double()), -7.0);
  // F < 0: an ap_int source is quantized like any other value.
  EXPECT_EQ((ap_fixed<4, 6, AP_RND>(ap_int<8>(6)).to_double()), 8.0);
}

TEST(Overflow, CIntegerSourcesUseTheirCWidthAndSignedness) {
  EXPECT_EQ((ap_fixed<8, 4, AP_TRN, AP_SAT>(-1).to_double()), -1.0);
  EXPECT_EQ((ap_fixed<8, 4, AP_TRN, AP_SAT>(true).to_double()), 1.0);
  EXPECT_EQ((ap_fixed<40, 36, AP_TRN, AP_SAT>(4294967295u).to_double()), 4294967295.0);
  EXPECT_EQ((ap_fixed<8, 4>(static_cast<char>(-3)).to_double()), -3.0);
}

TEST(Overflow, NegativeAndOversizedIntegerWidthsHaveTheDocumentedValueSets) {
  EXPECT_EQ((ap_ufixed<1, -1>(0.25).to_double()), 0.25);
  EXPECT_EQ((ap_ufixed<1, -1>(0.125).to_double()), 0.0);
  EXPECT_EQ((ap_fixed<4, 20>(65536.0).to_double()), 65536.0);
  EXPECT_EQ((ap_fixed<4, 20>(65535.0).to_double()), 0.0);
}

TEST(Overflow, StaticMembersAndAccessorsReportTheParameters) {
  using T = ap_fixed<12, 5, AP_RND_CONV, AP_SAT_SYM, 0>;
  static_assert(T::width == 12 && T::iwidth == 5, "W and I");
  // Compile-time checks: the vendor declares these static members without defining them.
  static_assert(T::qmode == AP_RND_CONV && T::omode == AP_SAT_SYM, "Q and O");
  const T x = 0;
  EXPECT_EQ(x.wl(), 12);
  EXPECT_EQ(x.iwl(), 5);
  EXPECT_EQ(x.q_mode(), AP_RND_CONV);
  EXPECT_EQ(x.o_mode(), AP_SAT_SYM);
  EXPECT_EQ(x.length(), 12);
  static_assert(ap_int<7>::width == 7, "ap_int width");
}

TEST(Overflow, StringSourcesAreConvertedExactly) {
  EXPECT_EQ((ap_fixed<8, 4, AP_RND>("1.03125").to_double()), 1.0625);
  EXPECT_EQ((ap_fixed<8, 4, AP_RND_CONV>(" -0x1.08p0 ").to_double()), -1.0);
  EXPECT_EQ((ap_fixed<8, 4, AP_TRN, AP_SAT>("1e3").to_double()), 7.9375);
  EXPECT_EQ((ap_fixed<8, 4>("0b101.01").to_double()), 5.25);
  EXPECT_EQ((ap_fixed<10, 6>("12.5", 8).to_double()), 10.625);
}

}  // namespace
