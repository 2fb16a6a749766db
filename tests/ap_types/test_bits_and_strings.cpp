// Spec sections 6 and 7: bit/range access, concatenation, to_string and stream output.
#include <gtest/gtest.h>

#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <type_traits>

#include "ap_test_helpers.h"

namespace {

using ap_test::streamed;

TEST(IntBits, BitWriteStoresValueNotEqualToZero) {
  ap_uint<8> x = 0;
  x[0] = 2;
  EXPECT_EQ(x.to_uint(), 1u);
  x.set_bit(3, true);
  EXPECT_EQ(x.to_uint(), 9u);
  x.clear(0);
  EXPECT_TRUE(x.test(3));
  EXPECT_FALSE(x.get_bit(0));
}

TEST(IntBits, ReductionsRotationsAndLeadingZeros) {
  ap_uint<8> x = 0xB4;
  EXPECT_FALSE(x.and_reduce());
  EXPECT_TRUE(x.or_reduce());
  EXPECT_FALSE(x.xor_reduce());  // four bits set
  EXPECT_TRUE(ap_uint<4>(15).and_reduce());
  ap_uint<8> one = 1;
  EXPECT_EQ(one.countLeadingZeros(), 7);
  x.reverse();
  EXPECT_EQ(x.to_uint(), 0x2Du);
  x.lrotate(4);
  EXPECT_EQ(x.to_uint(), 0xD2u);
}

TEST(IntBits, WideSignedRotationShiftsInSignCopiesLikeTheReference) {
  ap_int<65> x = 0;
  x[64] = 1;
  x[3] = 1;
  x[0] = 1;
  ap_int<65> left = x;
  left.lrotate(5);
  EXPECT_EQ(left.to_int64(), -16);
  ap_uint<65> unsigned_left = ap_uint<65>(x);
  unsigned_left.lrotate(5);
  EXPECT_EQ(unsigned_left.to_uint64(), 0x130u);
  ap_int<65> right = x;
  right.rrotate(1);
  EXPECT_EQ(right.to_string(16), "-0x7FFFFFFFFFFFFFFC");
  ap_int<128> full_words = ap_int<128>(x);
  full_words.lrotate(0);
  EXPECT_EQ(full_words, ap_int<128>(x));
}

TEST(IntShift, CIntegerShiftedByAnApValueIsACShift) {
  const auto shifted = 3 << ap_uint<4>(5);
  static_assert(std::is_same_v<std::decay_t<decltype(shifted)>, int>);
  EXPECT_EQ(shifted, 96);
  EXPECT_EQ(1000LL >> ap_int<6>(3), 125);
}

TEST(IntRange, ReadIsRightAlignedAndReversedWhenHighIsBelowLow) {
  const ap_uint<8> x = 0xB4;
  EXPECT_EQ(ap_uint<8>(x.range(6, 1)).to_uint(), 26u);
  EXPECT_EQ(ap_uint<8>(x.range(1, 6)).to_uint(), 22u);
  EXPECT_EQ(ap_uint<8>(x(7, 4)).to_uint(), 0xBu);
  EXPECT_EQ(ap_uint<8>(x.range()).to_uint(), 0xB4u);
}

TEST(IntRange, ReadBehavesAsUnsignedOfTheParentWidthInArithmetic) {
  const ap_int<8> x = -1;
  static_assert(ap_test::is_int_type<decltype(x.range(3, 0) + 1), 33, true>(), "ap_int<33>");
  EXPECT_EQ((x.range(3, 0) + 1).to_int(), 16);
}

TEST(IntRange, WriteStoresLowBitsOfTheConvertedValue) {
  ap_uint<8> x = 0;
  x.range(3, 0) = 0x1F;
  EXPECT_EQ(x.to_uint(), 0xFu);
  ap_uint<8> reversed = 0;
  reversed.range(0, 3) = 1;
  EXPECT_EQ(reversed.to_uint(), 8u);
  ap_int<8> from_fixed = 0;
  from_fixed.range(3, 0) = ap_fixed<8, 4>(1.5);  // integer value 1
  EXPECT_EQ(from_fixed.to_int(), 1);
}

TEST(IntConcat, LeftOperandTakesTheHighBitsAndTheResultIsUnsigned) {
  const ap_int<4> high = -1;
  const ap_uint<4> low = 5;
  EXPECT_EQ(ap_uint<8>((high, low)).to_uint(), 0xF5u);
  EXPECT_EQ(ap_uint<8>(high.concat(low)).to_uint(), 0xF5u);
  EXPECT_EQ((high, low).length(), 8);
}

TEST(IntConcat, WorksAsAnLvalue) {
  ap_uint<4> high = 0;
  ap_uint<4> low = 0;
  (high, low) = 0x3C;
  EXPECT_EQ(high.to_uint(), 3u);
  EXPECT_EQ(low.to_uint(), 12u);
}

TEST(IntConcat, CIntegerOperandContributesItsFullCWidth) {
  const ap_uint<4> high = 1;
  EXPECT_EQ((high, 2).length(), 36);
  EXPECT_EQ(ap_uint<36>((high, 2)).to_uint64(), (1ull << 32) | 2u);
}

struct DeclaredOnlyConstants {
  static const int kLow =
      5;  // no out-of-class definition: binding it to a reference would not link
};

TEST(IntConcat, CIntegerOperandIsTakenByValue) {
  const ap_uint<4> high = 1;
  EXPECT_EQ(ap_uint<36>((high, DeclaredOnlyConstants::kLow)).to_uint64(), (1ull << 32) | 5u);
  EXPECT_EQ(ap_uint<36>((DeclaredOnlyConstants::kLow, high)).to_uint64(), (5ull << 4) | 1u);
}

TEST(FixedBits, IndexingUsesRawIndicesAndGetBitUsesWeights) {
  const ap_fixed<8, 4> x = 1.5;  // raw 0x18
  EXPECT_TRUE(x[4]);
  EXPECT_TRUE(x[3]);
  EXPECT_FALSE(x[0]);
  EXPECT_TRUE(x.get_bit(0));   // weight 2^0
  EXPECT_TRUE(x.get_bit(-1));  // weight 2^-1
  EXPECT_FALSE(x.get_bit(-4));
}

TEST(FixedRange, ReadUsesRawIndices) {
  const ap_fixed<8, 4> x = 1.5;
  EXPECT_EQ(ap_uint<8>(x.range(7, 0)).to_uint(), 0x18u);
  EXPECT_EQ(ap_uint<8>(x.range(4, 3)).to_uint(), 3u);
}

TEST(FixedRange, WritingAFixedStoresItsRawBitsButIntegersStoreTheirValue) {
  ap_fixed<8, 4> x = 0;
  x.range(3, 0) = ap_fixed<8, 4>(1.5);
  EXPECT_EQ(ap_uint<8>(x.range(7, 0)).to_uint(), 0x8u);
  ap_fixed<8, 4> y = 0;
  y.range(7, 4) = 3;
  EXPECT_EQ(y.to_double(), 3.0);
}

TEST(IntToString, SignedValueInEveryRadix) {
  const ap_int<8> x = -5;
  EXPECT_EQ(x.to_string(), "0b11111011");
  EXPECT_EQ(x.to_string(16), "-0x5");
  EXPECT_EQ(x.to_string(16, false), "0xfb");
  EXPECT_EQ(x.to_string(10), "-5");
  EXPECT_EQ(x.to_string(2, true), "0b11111011");  // radix 2 forces sign=false
}

TEST(IntToString, LeadingZeroIsInsertedWhenTheTopDigitHasItsMsbSet) {
  EXPECT_EQ(ap_uint<8>(5).to_string(8), "0o05");
  EXPECT_EQ(ap_uint<8>(0xF0).to_string(16), "0xf0");
  EXPECT_EQ(ap_uint<12>(0x8F0).to_string(16), "0x8f0");
  EXPECT_EQ(ap_uint<16>(0x8F0).to_string(16), "0x08f0");
  EXPECT_EQ(ap_uint<8>(255).to_string(10), "255");
}

TEST(IntToString, ZeroAndWideValues) {
  EXPECT_EQ(ap_uint<8>(0).to_string(2), "0b0");
  EXPECT_EQ(ap_uint<8>(0).to_string(16), "0x0");
  EXPECT_EQ(ap_uint<8>(0).to_string(8), "0o0");
  EXPECT_EQ(ap_uint<80>(0).to_string(16), "0");
  EXPECT_EQ(ap_uint<80>(0xABC).to_string(16), "0x0ABC");
}

TEST(IntStream, PrintsDecimalUnlessStdCoutItselfIsInHexOrOctMode) {
  EXPECT_EQ(streamed(ap_int<8>(-5)), "-5");
  // The vendor reads the base from std::cout.flags(), not from the stream being written.
  std::ostringstream hex_on_other_stream;
  hex_on_other_stream << std::hex << ap_int<8>(-5);
  EXPECT_EQ(hex_on_other_stream.str(), "-5");
  const std::ios_base::fmtflags saved_cout_flags = std::cout.flags();
  std::cout << std::hex;
  EXPECT_EQ(streamed(ap_int<8>(-5)), "-0x5");
  std::cout << std::oct;
  EXPECT_EQ(streamed(ap_uint<8>(5)), "0o05");
  std::cout.flags(saved_cout_flags);
}

TEST(IntStream, HonoursWidthAndFillBecauseItStreamsAString) {
  std::ostringstream padded;
  padded << std::setw(6) << std::setfill('*') << ap_int<8>(7);
  EXPECT_EQ(padded.str(), "*****7");
}

TEST(FixedToString, DecimalIsTheExactExpansion) {
  EXPECT_EQ((ap_fixed<16, 8>(-3.140625).to_string(10)), "-3.140625");
  EXPECT_EQ((ap_fixed<16, 8>(3).to_string(10)), "3");
}

TEST(FixedToString, OtherRadixesGroupDigitsFromTheBinaryPoint) {
  const ap_fixed<16, 8> x = -3.140625;
  EXPECT_EQ(x.to_string(), "0b111111100.11011100");
  EXPECT_EQ(x.to_string(16), "-0x3.24p0");
  EXPECT_EQ(x.to_string(8), "-0o3.110");
  EXPECT_EQ((ap_ufixed<8, 4>(15.9375).to_string(16)), "0x0f.fp0");
}

TEST(FixedStream, RoundsToStreamPrecisionLikePercentG) {
  EXPECT_EQ(streamed(ap_fixed<64, 32>(1.0) / ap_fixed<64, 32>(3.0)), "0.333333");
  EXPECT_EQ(streamed(ap_fixed<64, 32>(1e-4)), "9.99998e-05");
  EXPECT_EQ(streamed(ap_fixed<64, 32>(1000000)), "1000000");
  EXPECT_EQ(streamed(ap_fixed<16, 8>(-3.140625)), "-3.14063");  // half-up
}

TEST(FixedStream, HonoursPrecisionWidthAndFill) {
  std::ostringstream precise;
  precise << std::setprecision(10) << ap_fixed<16, 8>(-3.140625);
  EXPECT_EQ(precise.str(), "-3.140625");
  // The vendor writes (width - length) fill characters one by one, and the first of them is
  // itself padded to `width`: 5 + 7 fill characters before the 3-character "1.5".
  std::ostringstream padded;
  padded << std::setw(8) << std::setfill('*') << ap_fixed<8, 4>(1.5);
  EXPECT_EQ(padded.str(), "************1.5");
}

TEST(FixedStream, InputReadsADoubleAndConverts) {
  std::istringstream in("1.53");
  ap_fixed<8, 4> x;
  in >> x;
  EXPECT_EQ(x.to_double(), 1.5);
}

}  // namespace
