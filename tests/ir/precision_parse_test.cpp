#include <gtest/gtest.h>

#include <string>

#include "error_matchers.h"
#include "ir/precision_type.h"

namespace hlsnn::ir {
namespace {

using testing::Contains;
using testing::error_from;

TEST(ParsePrecision, ReadsApFixedWithDefaultModes) {
  EXPECT_EQ(parse_precision("ap_fixed<16,6>"), PrecisionType::fixed(16, 6));
}

TEST(ParsePrecision, ReadsConfigSpellingWithModesWithoutPrefix) {
  EXPECT_EQ(parse_precision("fixed<16,6,RND,SAT>"),
            PrecisionType::fixed(16, 6, true, RoundingMode::kRnd, OverflowMode::kSat));
}

TEST(ParsePrecision, ReadsUnsignedFixedWithApPrefixedModes) {
  EXPECT_EQ(parse_precision("ap_ufixed<8,0,AP_RND_CONV,AP_SAT>"),
            PrecisionType::fixed(8, 0, false, RoundingMode::kRndConv, OverflowMode::kSat));
  EXPECT_EQ(parse_precision("ufixed<8,3>"), PrecisionType::fixed(8, 3, false));
}

TEST(ParsePrecision, ReadsEveryRoundingMode) {
  const std::pair<const char*, RoundingMode> cases[] = {{"RND", RoundingMode::kRnd},
                                                        {"RND_ZERO", RoundingMode::kRndZero},
                                                        {"RND_MIN_INF", RoundingMode::kRndMinInf},
                                                        {"RND_INF", RoundingMode::kRndInf},
                                                        {"RND_CONV", RoundingMode::kRndConv},
                                                        {"TRN", RoundingMode::kTrn},
                                                        {"TRN_ZERO", RoundingMode::kTrnZero}};
  for (const auto& [name, mode] : cases) {
    EXPECT_EQ(parse_precision(std::string("fixed<8,3,") + name + ">").rounding(), mode) << name;
    EXPECT_EQ(parse_precision(std::string("fixed<8,3,AP_") + name + ">").rounding(), mode) << name;
  }
}

TEST(ParsePrecision, ReadsEveryOverflowMode) {
  const std::pair<const char*, OverflowMode> cases[] = {{"SAT", OverflowMode::kSat},
                                                        {"SAT_ZERO", OverflowMode::kSatZero},
                                                        {"SAT_SYM", OverflowMode::kSatSym},
                                                        {"WRAP", OverflowMode::kWrap},
                                                        {"WRAP_SM", OverflowMode::kWrapSm}};
  for (const auto& [name, mode] : cases) {
    EXPECT_EQ(parse_precision(std::string("fixed<8,3,TRN,") + name + ">").overflow(), mode) << name;
    EXPECT_EQ(parse_precision(std::string("fixed<8,3,TRN,AP_") + name + ">").overflow(), mode)
        << name;
  }
}

TEST(ParsePrecision, ReadsSaturationBitsAsFifthParameter) {
  EXPECT_EQ(parse_precision("ap_fixed<8,3,AP_TRN,AP_WRAP,2>"),
            PrecisionType::fixed(8, 3, true, RoundingMode::kTrn, OverflowMode::kWrap, 2));
}

TEST(ParsePrecision, ReadsThreeParametersWithDefaultOverflow) {
  const PrecisionType type = parse_precision("ap_fixed<8,3,AP_RND>");
  EXPECT_EQ(type.rounding(), RoundingMode::kRnd);
  EXPECT_EQ(type.overflow(), OverflowMode::kWrap);
}

TEST(ParsePrecision, ReadsNegativeAndLargeIntegerBits) {
  EXPECT_EQ(parse_precision("ap_ufixed<1,-1>").integer_bits(), -1);
  EXPECT_EQ(parse_precision("ap_fixed<4,20>").integer_bits(), 20);
  EXPECT_EQ(parse_precision("ap_fixed<4,+2>").integer_bits(), 2);
}

TEST(ParsePrecision, ReadsIntegerSpellingsAndRemembersThem) {
  EXPECT_EQ(parse_precision("ap_int<8>"), PrecisionType::integer(8));
  EXPECT_EQ(parse_precision("int<8>"), PrecisionType::integer(8));
  EXPECT_EQ(parse_precision("ap_uint<4>"), PrecisionType::integer(4, false));
  EXPECT_EQ(parse_precision("uint<4>"), PrecisionType::integer(4, false));
  EXPECT_TRUE(parse_precision("ap_int<8>").is_integer());
  EXPECT_FALSE(parse_precision("ap_fixed<8,8>").is_integer());
}

TEST(ParsePrecision, ReadsAuto) {
  EXPECT_TRUE(parse_precision("auto").is_auto());
  EXPECT_TRUE(parse_precision("  auto\n").is_auto());
}

TEST(ParsePrecision, AcceptsSpacesAroundEveryToken) {
  EXPECT_EQ(parse_precision("  ap_fixed < 16 , 6 , AP_RND , AP_SAT >  "),
            PrecisionType::fixed(16, 6, true, RoundingMode::kRnd, OverflowMode::kSat));
  EXPECT_EQ(parse_precision("\tap_int<\t8 >\n"), PrecisionType::integer(8));
}

TEST(ParsePrecision, RoundTripsItsOwnSpellings) {
  for (const char* text :
       {"ap_fixed<16,6>", "ap_ufixed<8,0,AP_RND_CONV,AP_SAT>", "ap_int<8>", "ap_uint<1>",
        "ap_fixed<8,3,AP_TRN,AP_WRAP,2>", "ap_fixed<8,3,AP_RND>"}) {
    EXPECT_EQ(parse_precision(text).to_cpp(), text);
    EXPECT_EQ(parse_precision(parse_precision(text).to_config()), parse_precision(text)) << text;
  }
}

TEST(ParsePrecision, AcceptsWidthUpToTheDefaultMaximum) {
  EXPECT_EQ(parse_precision("ap_fixed<1024,10>").width(), 1024);
  EXPECT_EQ(parse_precision("ap_fixed<1,1>").width(), 1);
}

TEST(ParsePrecision, RejectsWidthAboveTheMaximumUnlessAskedFor) {
  const Error error = error_from([] { parse_precision("ap_fixed<2048,10>"); });
  EXPECT_TRUE(Contains(error.what(), "'ap_fixed<2048,10>'"));
  EXPECT_TRUE(Contains(error.what(), "exceeds the maximum 1024"));
  EXPECT_EQ(parse_precision("ap_fixed<2048,10>", 4096).width(), 2048);
}

TEST(ParsePrecision, RejectsWidthAboveTheAbsoluteMaximumEvenWhenAskedFor) {
  const Error error = error_from([] { parse_precision("ap_int<40000>", 100000); });
  EXPECT_TRUE(Contains(error.what(), "32768"));
}

TEST(ParsePrecision, RejectsWidthBelowOne) {
  for (const char* text : {"ap_fixed<0,0>", "ap_int<0>", "ap_fixed<-3,2>"}) {
    const Error error = error_from([&] { parse_precision(text); });
    EXPECT_TRUE(Contains(error.what(), text));
    EXPECT_TRUE(Contains(error.what(), "less than 1"));
  }
}

TEST(ParsePrecision, RejectsSaturationBitsOutsideTheWidth) {
  EXPECT_TRUE(Contains(error_from([] { parse_precision("ap_fixed<4,2,AP_TRN,AP_WRAP,5>"); }).what(),
                       "saturation bits N=5 outside [0, W=4]"));
  EXPECT_TRUE(
      Contains(error_from([] { parse_precision("ap_fixed<4,2,AP_TRN,AP_WRAP,-1>"); }).what(),
               "saturation bits N=-1"));
}

TEST(ParsePrecision, RejectsUnknownRoundingModeListingTheValidOnes) {
  const Error error = error_from([] { parse_precision("fixed<16,6,ROUND,SAT>"); });
  EXPECT_TRUE(Contains(error.what(), "'fixed<16,6,ROUND,SAT>'"));
  EXPECT_TRUE(Contains(error.what(), "unknown rounding mode Q 'ROUND'"));
  EXPECT_TRUE(
      Contains(error.what(), "RND, RND_ZERO, RND_MIN_INF, RND_INF, RND_CONV, TRN, TRN_ZERO"));
}

TEST(ParsePrecision, RejectsUnknownOverflowModeListingTheValidOnes) {
  const Error error = error_from([] { parse_precision("fixed<16,6,RND,SATURATE>"); });
  EXPECT_TRUE(Contains(error.what(), "unknown overflow mode O 'SATURATE'"));
  EXPECT_TRUE(Contains(error.what(), "SAT, SAT_ZERO, SAT_SYM, WRAP, WRAP_SM"));
}

TEST(ParsePrecision, RejectsModeNamesInTheWrongCase) {
  EXPECT_TRUE(Contains(error_from([] { parse_precision("fixed<16,6,rnd>"); }).what(), "'rnd'"));
}

TEST(ParsePrecision, RejectsUnsignedWithWrapSm) {
  const Error error = error_from([] { parse_precision("ap_ufixed<8,3,AP_TRN,AP_WRAP_SM>"); });
  EXPECT_TRUE(Contains(error.what(), "'ap_ufixed<8,3,AP_TRN,AP_WRAP_SM>'"));
  EXPECT_TRUE(Contains(error.what(), "WRAP_SM"));
}

TEST(ParsePrecision, RejectsGarbageShowingTheTextAndTheAcceptedForms) {
  for (const char* text : {"",
                           "   ",
                           "float",
                           "fixed",
                           "fixed<16,6",
                           "fixed<>",
                           "fixed<16,,6>",
                           "ap_fixed<16>",
                           "ap_fixed<1,2,RND,SAT,0,9>",
                           "ap_int<8,2>",
                           "ap_fixed<16.5,6>",
                           "AP_FIXED<16,6>",
                           "ap_fixed<16,6>x",
                           "ap_fixed<<16,6>>",
                           "ap_fixed<16,6> >",
                           "ap fixed<16,6>",
                           "ap_fixed<16,6,RND,SAT,two>",
                           "ac_fixed<16,6>",
                           "ap_fixed<0x10,6>",
                           "ap_int<++8>",
                           "ap_fixed<99999999999999999999,6>",
                           "ap_fixed<16,40000>",
                           "ap_fixed<16,6>\n#include"}) {
    const Error error = error_from([&] { parse_precision(text); });
    EXPECT_TRUE(Contains(error.what(), "invalid precision '")) << text;
    EXPECT_TRUE(Contains(error.hint(), "accepted forms: ap_fixed<W,I>")) << text;
    EXPECT_TRUE(Contains(error.hint(), "ap_int<W>, ap_uint<W>, int<W>, uint<W>, auto")) << text;
  }
}

TEST(ParsePrecision, EscapesControlCharactersOfTheTextInTheMessage) {
  const Error error = error_from([] { parse_precision("ap_fixed<16,6>\n#include <x>"); });
  EXPECT_TRUE(Contains(error.problem(), "'ap_fixed<16,6>\\n#include <x>'"));
  EXPECT_EQ(error.problem().find('\n'), std::string::npos);
}

TEST(ParsePrecision, NamesTheProblemOfEachRejectedParameter) {
  EXPECT_TRUE(Contains(error_from([] { parse_precision("ap_fixed<16>"); }).what(),
                       "2 to 5 parameters W,I[,Q[,O[,N]]], got 1"));
  EXPECT_TRUE(Contains(error_from([] { parse_precision("ap_int<8,2>"); }).what(),
                       "ap_int takes exactly one parameter, W"));
  EXPECT_TRUE(Contains(error_from([] { parse_precision("ap_fixed<16.5,6>"); }).what(),
                       "width W '16.5' is not an integer"));
  EXPECT_TRUE(Contains(error_from([] { parse_precision("ap_fixed<16,x>"); }).what(),
                       "integer bits I 'x' is not an integer"));
  EXPECT_TRUE(
      Contains(error_from([] { parse_precision("ap_fixed<99999999999999999999,6>"); }).what(),
               "out of range"));
  EXPECT_TRUE(Contains(error_from([] { parse_precision("ap_fixed<16,40000>"); }).what(),
                       "integer bits I=40000 outside"));
  EXPECT_TRUE(Contains(error_from([] { parse_precision("ac_fixed<16,6>"); }).what(),
                       "unknown type name 'ac_fixed'"));
  EXPECT_TRUE(
      Contains(error_from([] { parse_precision("fixed<16,,6>"); }).what(), "empty parameter"));
  EXPECT_TRUE(Contains(error_from([] { parse_precision("float"); }).what(), "followed by <...>"));
  EXPECT_TRUE(Contains(error_from([] { parse_precision("fixed<16,6"); }).what(), "'>' at the end"));
  EXPECT_TRUE(
      Contains(error_from([] { parse_precision("ap_fixed<<16,6>>"); }).what(), "unbalanced"));
}

}  // namespace
}  // namespace hlsnn::ir
