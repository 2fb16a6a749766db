#include "ir/precision_type.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <sstream>
#include <unordered_set>

#include "error_matchers.h"

namespace hlsnn::ir {
namespace {

using testing::Contains;
using testing::error_from;

TEST(PrecisionType, DefaultIsAuto) {
  EXPECT_TRUE(PrecisionType().is_auto());
  EXPECT_TRUE(PrecisionType::automatic().is_auto());
  EXPECT_FALSE(PrecisionType::fixed(16, 6).is_auto());
}

TEST(PrecisionType, FixedFactoryStoresEveryParameter) {
  const PrecisionType type =
      PrecisionType::fixed(8, 3, false, RoundingMode::kRndConv, OverflowMode::kSat, 2);
  EXPECT_FALSE(type.is_signed());
  EXPECT_FALSE(type.is_integer());
  EXPECT_EQ(type.width(), 8);
  EXPECT_EQ(type.integer_bits(), 3);
  EXPECT_EQ(type.fractional_bits(), 5);
  EXPECT_EQ(type.rounding(), RoundingMode::kRndConv);
  EXPECT_EQ(type.overflow(), OverflowMode::kSat);
  EXPECT_EQ(type.saturation_bits(), 2);
}

TEST(PrecisionType, IntegerFactoryHasIntegerBitsEqualToWidthAndDefaultModes) {
  const PrecisionType type = PrecisionType::integer(8, false);
  EXPECT_TRUE(type.is_integer());
  EXPECT_FALSE(type.is_signed());
  EXPECT_EQ(type.integer_bits(), 8);
  EXPECT_EQ(type.fractional_bits(), 0);
  EXPECT_EQ(type.rounding(), RoundingMode::kTrn);
  EXPECT_EQ(type.overflow(), OverflowMode::kWrap);
}

TEST(PrecisionType, FractionalBitsMayBeNegative) {
  EXPECT_EQ(PrecisionType::fixed(4, 20).fractional_bits(), -16);
}

TEST(PrecisionType, FactoriesRejectWhatTheApHeadersReject) {
  EXPECT_TRUE(Contains(error_from([] { PrecisionType::fixed(0, 0); }).what(), "invalid width W=0"));
  EXPECT_TRUE(Contains(error_from([] { PrecisionType::fixed(40000, 0); }).hint(), "32768"));
  EXPECT_TRUE(Contains(error_from([] { PrecisionType::fixed(8, 40000); }).what(),
                       "invalid integer bits I=40000"));
  EXPECT_TRUE(Contains(error_from([] {
                         PrecisionType::fixed(8, 3, true, RoundingMode::kTrn, OverflowMode::kWrap,
                                              9);
                       }).what(),
                       "invalid saturation bits N=9"));
  EXPECT_TRUE(Contains(error_from([] {
                         PrecisionType::fixed(8, 3, false, RoundingMode::kTrn,
                                              OverflowMode::kWrapSm);
                       }).what(),
                       "cannot use WRAP_SM"));
  EXPECT_TRUE(Contains(error_from([] { PrecisionType::integer(0); }).what(), "int<0>"));
}

TEST(PrecisionType, ToCppOmitsDefaultTrailingParameters) {
  EXPECT_EQ(PrecisionType::fixed(16, 6).to_cpp(), "ap_fixed<16,6>");
  EXPECT_EQ(PrecisionType::fixed(16, 6, true, RoundingMode::kRnd).to_cpp(),
            "ap_fixed<16,6,AP_RND>");
  EXPECT_EQ(PrecisionType::fixed(16, 6, true, RoundingMode::kRnd, OverflowMode::kSat).to_cpp(),
            "ap_fixed<16,6,AP_RND,AP_SAT>");
  EXPECT_EQ(PrecisionType::fixed(8, 0, false, RoundingMode::kRndConv, OverflowMode::kSat).to_cpp(),
            "ap_ufixed<8,0,AP_RND_CONV,AP_SAT>");
}

TEST(PrecisionType, ToCppWritesEarlierDefaultsWhenALaterParameterIsSet) {
  EXPECT_EQ(PrecisionType::fixed(16, 6, true, RoundingMode::kTrn, OverflowMode::kSat).to_cpp(),
            "ap_fixed<16,6,AP_TRN,AP_SAT>");
  EXPECT_EQ(PrecisionType::fixed(16, 6, true, RoundingMode::kTrn, OverflowMode::kWrap, 1).to_cpp(),
            "ap_fixed<16,6,AP_TRN,AP_WRAP,1>");
}

TEST(PrecisionType, ToCppSpellsIntegersAsWritten) {
  EXPECT_EQ(PrecisionType::integer(8).to_cpp(), "ap_int<8>");
  EXPECT_EQ(PrecisionType::integer(4, false).to_cpp(), "ap_uint<4>");
  EXPECT_EQ(PrecisionType::fixed(8, 8).to_cpp(), "ap_fixed<8,8>");
}

TEST(PrecisionType, ToCppRefusesAutoNamingTheInferencePass) {
  const Error error = error_from([] { PrecisionType::automatic().to_cpp(); });
  EXPECT_TRUE(Contains(error.what(), "'auto' has no C++ spelling"));
  EXPECT_TRUE(Contains(error.hint(), "precision-inference pass"));
}

TEST(PrecisionType, ToConfigUsesTheHls4mlSpelling) {
  EXPECT_EQ(PrecisionType::fixed(16, 6).to_config(), "fixed<16,6>");
  EXPECT_EQ(PrecisionType::fixed(16, 6, true, RoundingMode::kRnd, OverflowMode::kSat).to_config(),
            "fixed<16,6,RND,SAT>");
  EXPECT_EQ(
      PrecisionType::fixed(8, 0, false, RoundingMode::kRndConv, OverflowMode::kSat, 3).to_config(),
      "ufixed<8,0,RND_CONV,SAT,3>");
  EXPECT_EQ(PrecisionType::integer(8).to_config(), "int<8>");
  EXPECT_EQ(PrecisionType::integer(8, false).to_config(), "uint<8>");
  EXPECT_EQ(PrecisionType::automatic().to_config(), "auto");
}

TEST(PrecisionType, StreamsAsConfigSpelling) {
  std::ostringstream stream;
  stream << PrecisionType::fixed(16, 6, false);
  EXPECT_EQ(stream.str(), "ufixed<16,6>");
}

TEST(PrecisionType, ModeNamesHaveNoApPrefix) {
  EXPECT_EQ(to_string(RoundingMode::kRndMinInf), "RND_MIN_INF");
  EXPECT_EQ(to_string(RoundingMode::kTrnZero), "TRN_ZERO");
  EXPECT_EQ(to_string(OverflowMode::kSatSym), "SAT_SYM");
  EXPECT_EQ(to_string(OverflowMode::kWrapSm), "WRAP_SM");
}

TEST(PrecisionType, EqualityComparesEveryParameterIncludingTheIntegerSpelling) {
  EXPECT_EQ(PrecisionType::fixed(16, 6), PrecisionType::fixed(16, 6));
  EXPECT_NE(PrecisionType::fixed(16, 6), PrecisionType::fixed(16, 7));
  EXPECT_NE(PrecisionType::fixed(16, 6), PrecisionType::fixed(17, 6));
  EXPECT_NE(PrecisionType::fixed(16, 6), PrecisionType::fixed(16, 6, false));
  EXPECT_NE(PrecisionType::fixed(16, 6), PrecisionType::fixed(16, 6, true, RoundingMode::kRnd));
  EXPECT_NE(PrecisionType::fixed(16, 6),
            PrecisionType::fixed(16, 6, true, RoundingMode::kTrn, OverflowMode::kSat));
  EXPECT_NE(PrecisionType::fixed(16, 6),
            PrecisionType::fixed(16, 6, true, RoundingMode::kTrn, OverflowMode::kWrap, 1));
  // ap_int truncates toward zero where ap_fixed<8,8> floors: they are different types.
  EXPECT_NE(PrecisionType::integer(8), PrecisionType::fixed(8, 8));
  EXPECT_EQ(PrecisionType::automatic(), PrecisionType());
  EXPECT_NE(PrecisionType::automatic(), PrecisionType::fixed(16, 6));
}

TEST(PrecisionType, EqualTypesHashEquallyAndKeyUnorderedSets) {
  EXPECT_EQ(PrecisionType::fixed(16, 6).hash(), parse_precision("ap_fixed<16,6>").hash());
  std::unordered_set<PrecisionType> types = {
      PrecisionType::fixed(16, 6), PrecisionType::fixed(16, 6), PrecisionType::integer(8),
      PrecisionType::fixed(8, 8), PrecisionType::automatic()};
  EXPECT_EQ(types.size(), 4U);
  EXPECT_NE(PrecisionType::integer(8).hash(), PrecisionType::fixed(8, 8).hash());
}

TEST(PrecisionType, LsbIsTwoToTheMinusFractionalBits) {
  EXPECT_EQ(PrecisionType::fixed(16, 6).lsb(), std::ldexp(1.0, -10));
  EXPECT_EQ(PrecisionType::fixed(4, 20).lsb(), 65536.0);
  EXPECT_EQ(PrecisionType::integer(8).lsb(), 1.0);
}

TEST(PrecisionType, RangeOfSignedAndUnsignedTypes) {
  EXPECT_EQ(PrecisionType::fixed(4, 2).min_value(), -2.0);
  EXPECT_EQ(PrecisionType::fixed(4, 2).max_value(), 1.75);
  EXPECT_EQ(PrecisionType::fixed(4, 2, false).min_value(), 0.0);
  EXPECT_EQ(PrecisionType::fixed(4, 2, false).max_value(), 3.75);
  EXPECT_EQ(PrecisionType::integer(8).min_value(), -128.0);
  EXPECT_EQ(PrecisionType::integer(8).max_value(), 127.0);
  EXPECT_EQ(PrecisionType::integer(8, false).max_value(), 255.0);
  EXPECT_EQ(PrecisionType::fixed(1, -1, false).max_value(), 0.25);
}

TEST(PrecisionType, RepresentableValuesAreLsbMultiplesInsideTheRange) {
  const PrecisionType type = PrecisionType::fixed(4, 2);  // -2 ... 1.75, step 0.25
  EXPECT_TRUE(type.is_representable(0.0));
  EXPECT_TRUE(type.is_representable(-0.0));
  EXPECT_TRUE(type.is_representable(1.75));
  EXPECT_TRUE(type.is_representable(-2.0));
  EXPECT_TRUE(type.is_representable(0.25));
  EXPECT_FALSE(type.is_representable(2.0));
  EXPECT_FALSE(type.is_representable(-2.25));
  EXPECT_FALSE(type.is_representable(0.125));
  EXPECT_FALSE(type.is_representable(0.1));
  EXPECT_FALSE(type.is_representable(std::numeric_limits<double>::infinity()));
  EXPECT_FALSE(type.is_representable(std::numeric_limits<double>::quiet_NaN()));
  EXPECT_FALSE(PrecisionType::fixed(4, 2, false).is_representable(-0.25));
  EXPECT_TRUE(PrecisionType::fixed(4, 2, false).is_representable(3.75));
  EXPECT_TRUE(PrecisionType::fixed(4, 20).is_representable(-524288.0));
  EXPECT_FALSE(PrecisionType::fixed(4, 20).is_representable(1.0));
}

TEST(PrecisionType, RepresentableIsExactForTypesWiderThanADouble) {
  // max_value() of ap_fixed<64,64> rounds to 2^63 as a double; 2^63 itself is out of range.
  const PrecisionType wide = PrecisionType::fixed(64, 64);
  EXPECT_FALSE(wide.is_representable(std::ldexp(1.0, 63)));
  EXPECT_TRUE(wide.is_representable(-std::ldexp(1.0, 63)));
  EXPECT_TRUE(wide.is_representable(std::ldexp(1.0, 63) - 1024.0));
  EXPECT_TRUE(PrecisionType::fixed(80, 2).is_representable(std::ldexp(1.0, -78)));
  EXPECT_FALSE(PrecisionType::fixed(80, 2).is_representable(std::ldexp(1.0, -79)));
}

TEST(PrecisionType, HelpersRefuseAuto) {
  const PrecisionType automatic;
  EXPECT_TRUE(Contains(error_from([&] { automatic.lsb(); }).what(), "'auto'"));
  EXPECT_TRUE(Contains(error_from([&] { automatic.min_value(); }).what(), "'auto'"));
  EXPECT_TRUE(Contains(error_from([&] { automatic.max_value(); }).what(), "'auto'"));
  EXPECT_TRUE(Contains(error_from([&] { automatic.is_representable(1.0); }).what(), "'auto'"));
}

TEST(ProductType, AddsWidthsAndIntegerBits) {
  EXPECT_EQ(product_type(PrecisionType::fixed(8, 4), PrecisionType::fixed(10, 3)),
            PrecisionType::fixed(18, 7));
  EXPECT_EQ(product_type(PrecisionType::fixed(8, 4, false), PrecisionType::fixed(6, 2, false)),
            PrecisionType::fixed(14, 6, false));
  EXPECT_EQ(product_type(PrecisionType::fixed(8, 4, false), PrecisionType::fixed(6, 2)),
            PrecisionType::fixed(14, 6));
}

TEST(ProductType, DropsTheOperandModes) {
  const PrecisionType saturating =
      PrecisionType::fixed(10, 3, true, RoundingMode::kRnd, OverflowMode::kSat);
  EXPECT_EQ(product_type(saturating, saturating), PrecisionType::fixed(20, 6));
}

TEST(ProductType, StaysIntegerOnlyWhenBothOperandsAreIntegers) {
  EXPECT_EQ(product_type(PrecisionType::integer(8), PrecisionType::integer(4, false)),
            PrecisionType::integer(12));
  EXPECT_EQ(product_type(PrecisionType::integer(8), PrecisionType::fixed(8, 4)),
            PrecisionType::fixed(16, 12));
}

TEST(ProductType, RefusesAuto) {
  EXPECT_TRUE(Contains(error_from([] {
                         product_type(PrecisionType::automatic(), PrecisionType::fixed(8, 4));
                       }).what(),
                       "product type of an 'auto' precision"));
}

TEST(SumType, FollowsTheApResultRule) {
  // Examples from the ap types specification, §5.2.
  EXPECT_EQ(sum_type(PrecisionType::fixed(8, 4),
                     PrecisionType::fixed(10, 3, true, RoundingMode::kRnd, OverflowMode::kSat)),
            PrecisionType::fixed(12, 5));
  EXPECT_EQ(sum_type(PrecisionType::fixed(8, 4), PrecisionType::fixed(6, 2, false)),
            PrecisionType::fixed(9, 5));
  EXPECT_EQ(sum_type(PrecisionType::fixed(6, 2, false), PrecisionType::fixed(6, 2, false)),
            PrecisionType::fixed(7, 3, false));
  EXPECT_EQ(sum_type(PrecisionType::integer(8), PrecisionType::fixed(8, 4)),
            PrecisionType::fixed(13, 9));
}

TEST(SumType, WidensTheUnsignedOperandAgainstASignedOne) {
  // ufixed<8,8> + fixed<8,8>: the unsigned side needs 9 integer bits once signed.
  EXPECT_EQ(sum_type(PrecisionType::fixed(8, 8, false), PrecisionType::fixed(8, 8)),
            PrecisionType::fixed(10, 10));
  EXPECT_EQ(sum_type(PrecisionType::integer(8, false), PrecisionType::integer(8)),
            PrecisionType::integer(10));
  EXPECT_EQ(sum_type(PrecisionType::integer(8), PrecisionType::integer(4)),
            PrecisionType::integer(9));
}

TEST(SumType, RefusesAuto) {
  EXPECT_TRUE(Contains(
      error_from([] { sum_type(PrecisionType::fixed(8, 4), PrecisionType::automatic()); }).what(),
      "sum type of an 'auto' precision"));
}

TEST(AccumulationType, GrowsIntegerBitsByCeilLog2OfTheTermCount) {
  const PrecisionType term = PrecisionType::fixed(18, 7);
  EXPECT_EQ(accumulation_type(term, 1), PrecisionType::fixed(18, 7));
  EXPECT_EQ(accumulation_type(term, 2), PrecisionType::fixed(19, 8));
  EXPECT_EQ(accumulation_type(term, 3), PrecisionType::fixed(20, 9));
  EXPECT_EQ(accumulation_type(term, 4), PrecisionType::fixed(20, 9));
  EXPECT_EQ(accumulation_type(term, 5), PrecisionType::fixed(21, 10));
  EXPECT_EQ(accumulation_type(term, 1024), PrecisionType::fixed(28, 17));
  EXPECT_EQ(accumulation_type(PrecisionType::integer(8, false), 16),
            PrecisionType::integer(12, false));
}

TEST(AccumulationType, AgreesWithSumTypeForTwoTerms) {
  for (const PrecisionType& term :
       {PrecisionType::fixed(8, 3), PrecisionType::fixed(8, 3, false), PrecisionType::integer(5)}) {
    EXPECT_EQ(accumulation_type(term, 2), sum_type(term, term)) << term;
  }
}

TEST(AccumulationType, HoldsTheExtremeSumsExactly) {
  const PrecisionType term = PrecisionType::fixed(4, 2);  // -2 ... 1.75
  for (const long long count : {2LL, 3LL, 7LL, 8LL, 9LL, 100LL}) {
    const PrecisionType accumulator = accumulation_type(term, count);
    EXPECT_TRUE(accumulator.is_representable(count * term.min_value())) << count;
    EXPECT_TRUE(accumulator.is_representable(count * term.max_value())) << count;
  }
}

TEST(AccumulationType, RefusesFewerThanOneTermAndAuto) {
  EXPECT_TRUE(Contains(error_from([] { accumulation_type(PrecisionType::fixed(8, 3), 0); }).what(),
                       "for 0 terms"));
  EXPECT_TRUE(Contains(error_from([] { accumulation_type(PrecisionType::automatic(), 4); }).what(),
                       "'auto'"));
}

}  // namespace
}  // namespace hlsnn::ir
