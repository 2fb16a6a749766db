// Spec sections 5.1 and 5.2: result types of ap_int and ap_fixed operators.
#include <gtest/gtest.h>

#include "ap_test_helpers.h"

namespace {

using ap_test::is_fixed_type;
using ap_test::is_int_type;

#define EXPECT_INT_TYPE(expr, w, s) \
  static_assert(is_int_type<decltype(expr), w, s>(), #expr " should be " #w " bits, S=" #s)
#define EXPECT_FIXED_TYPE(expr, w, i, s)                                                       \
  static_assert(is_fixed_type<decltype(expr), w, i, s>(), #expr " should be <" #w "," #i ">, " \
                                                                                         "S=" #s)

TEST(IntResultTypes, ArithmeticAndBitwiseWidthsFollowTheTable) {
  const ap_int<8> s8 = 0;
  const ap_uint<8> u8 = 0;
  const ap_int<12> s12 = 0;
  const ap_uint<16> u16 = 0;
  EXPECT_INT_TYPE(s8 + s12, 13, true);
  EXPECT_INT_TYPE(u8 + u16, 17, false);
  EXPECT_INT_TYPE(s8 + u16, 18, true);  // max(8, 16+1) + 1
  EXPECT_INT_TYPE(u8 - u8, 9, true);    // minus is always signed
  EXPECT_INT_TYPE(s8 * u16, 24, true);
  EXPECT_INT_TYPE(s8 / s12, 8 + 1, true);
  EXPECT_INT_TYPE(u8 / s12, 9, true);
  EXPECT_INT_TYPE(u16 / u8, 16, false);
  EXPECT_INT_TYPE(s8 % u16, 8, true);   // min(8, 16 + 1), the dividend's signedness
  EXPECT_INT_TYPE(u16 % s8, 8, false);  // min(16, 8 + 0)
  EXPECT_INT_TYPE(s8 & u16, 17, true);
  EXPECT_INT_TYPE(u8 | u16, 16, false);
  EXPECT_INT_TYPE(~s12, 12, true);
  EXPECT_INT_TYPE(u8 << 3, 8, false);
  EXPECT_INT_TYPE(s12 >> u8, 12, true);
}

TEST(IntResultTypes, UnaryMinusWidensByOneAndIsSigned) {
  EXPECT_INT_TYPE(-ap_uint<1>(1), 2, true);
  EXPECT_INT_TYPE(-ap_int<1>(0), 3, true);
  EXPECT_INT_TYPE(-ap_int<8>(0), 9, true);
}

TEST(IntResultTypes, CIntegerOperandsBecomeApIntsOfTheirCWidth) {
  const ap_int<8> s8 = 0;
  const ap_uint<8> u8 = 0;
  EXPECT_INT_TYPE(s8 + 1, 33, true);
  EXPECT_INT_TYPE(u8 + 1, 33, true);
  EXPECT_INT_TYPE(u8 + 1u, 33, false);
  EXPECT_INT_TYPE(s8 * 1LL, 72, true);
  EXPECT_INT_TYPE(s8 / 2, 9, true);
  EXPECT_INT_TYPE(u8 % 2, 8, false);
}

TEST(IntResultTypes, FloatingPointOperandGivesAFloatingPointResult) {
  const ap_int<8> s8 = 3;
  static_assert(std::is_same<decltype(s8 + 1.5), double>::value, "ap_int + double is double");
  static_assert(std::is_same<decltype(s8 * 1.5f), float>::value, "ap_int * float is float");
  EXPECT_EQ(s8 + 1.5, 4.5);
}

TEST(FixedResultTypes, WorkedExamplesFollowTheTable) {
  const ap_fixed<8, 4> a = 0;
  const ap_fixed<10, 3, AP_RND, AP_SAT> b = 0;
  const ap_ufixed<6, 2> u = 0;
  EXPECT_FIXED_TYPE(a + b, 12, 5, true);
  EXPECT_FIXED_TYPE(a * b, 18, 7, true);
  EXPECT_FIXED_TYPE(a / b, 16, 12, true);
  EXPECT_FIXED_TYPE(a + u, 9, 5, true);
  EXPECT_FIXED_TYPE(u - u, 7, 3, true);
  EXPECT_FIXED_TYPE(u / u, 10, 6, false);
  EXPECT_FIXED_TYPE(a / (ap_fixed<4, 6>(0)), 9, 3, true);
  EXPECT_FIXED_TYPE(a & u, 8, 4, true);
}

TEST(FixedResultTypes, ResultsCarryDefaultQuantizationAndOverflowModes) {
  const ap_fixed<10, 3, AP_RND, AP_SAT> b = 0;
  static_assert(decltype(b + b)::qmode == AP_TRN, "mode");
  static_assert(decltype(b * b)::omode == AP_WRAP, "mode");
}

TEST(FixedResultTypes, ApIntOperandActsAsIntegerFixed) {
  const ap_fixed<8, 4> a = 0;
  const ap_int<8> i = 0;
  EXPECT_FIXED_TYPE(i + a, 13, 9, true);
  EXPECT_FIXED_TYPE(i / a, 13, 13, true);
}

TEST(FixedResultTypes, CIntegerOperandActsAsFixedOfItsCWidth) {
  const ap_fixed<8, 4> a = 0;
  EXPECT_FIXED_TYPE(a + 1, 37, 33, true);
  EXPECT_FIXED_TYPE(a * 1, 40, 36, true);
  EXPECT_FIXED_TYPE(a / 1, 9, 5, true);
  EXPECT_FIXED_TYPE(a + true, 9, 5, true);
  EXPECT_FIXED_TYPE(a + 'c', 13, 9, true);
  EXPECT_FIXED_TYPE(a + 1L, 69, 65, true);
}

TEST(FixedResultTypes, UnaryMinusWidensAndComplementKeepsTheFormat) {
  const ap_ufixed<8, 4> u = 0;
  EXPECT_FIXED_TYPE(-u, 9, 5, true);
  EXPECT_FIXED_TYPE(~u, 8, 4, false);
}

TEST(FixedResultTypes, ShiftsKeepTheLeftTypeIncludingModes) {
  const ap_fixed<8, 4, AP_RND, AP_SAT> x = 0;
  EXPECT_FIXED_TYPE(x << 2, 8, 4, true);
  static_assert(decltype(x << 2)::qmode == AP_RND, "mode");
  static_assert(decltype(x >> 2u)::omode == AP_SAT, "mode");
  static_assert(decltype(x << ap_int<4>(1))::omode == AP_SAT, "mode");
  // Shifts by other C integer types return the base type with default modes.
  static_assert(decltype(x << short(1))::omode == AP_WRAP, "mode");
}

TEST(FixedResultTypes, LshiftAndRshiftScaleExactlyByChangingTheIntegerWidth) {
  const ap_fixed<8, 4> x = 1.5;
  EXPECT_FIXED_TYPE(x.lshift<2>(), 8, 6, true);
  EXPECT_FIXED_TYPE(x.rshift<3>(), 8, 1, true);
  EXPECT_EQ(x.lshift<2>().to_double(), 6.0);
  EXPECT_EQ(x.rshift<3>().to_double(), 0.1875);
}

}  // namespace
