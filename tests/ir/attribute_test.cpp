#include "ir/attribute.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "error_matchers.h"

namespace hlsnn::ir {
namespace {

using testing::Contains;
using testing::error_from;

const char kOwner[] = "layer 'dense' (Dense)";

TEST(MakeAttribute, PicksTheAlternativeByMeaning) {
  EXPECT_TRUE(std::holds_alternative<bool>(make_attribute(true)));
  EXPECT_TRUE(std::holds_alternative<std::int64_t>(make_attribute(16)));
  EXPECT_TRUE(std::holds_alternative<std::int64_t>(make_attribute(16U)));
  EXPECT_TRUE(std::holds_alternative<std::int64_t>(make_attribute(std::int64_t{16})));
  EXPECT_TRUE(std::holds_alternative<double>(make_attribute(0.5F)));
  EXPECT_TRUE(std::holds_alternative<double>(make_attribute(0.5)));
  EXPECT_TRUE(
      std::holds_alternative<std::vector<std::int64_t>>(make_attribute(std::vector<int>{3, 3})));
  EXPECT_TRUE(
      std::holds_alternative<std::vector<double>>(make_attribute(std::vector<double>{0.5})));
  EXPECT_TRUE(std::holds_alternative<PrecisionType>(make_attribute(PrecisionType::fixed(8, 3))));
}

TEST(MakeAttribute, StoresStringLiteralsAsStringsNotBools) {
  EXPECT_EQ(std::get<std::string>(make_attribute("relu")), "relu");
  EXPECT_EQ(std::get<std::string>(make_attribute(std::string_view("tanh"))), "tanh");
  EXPECT_EQ(std::get<std::string>(make_attribute(std::string("softmax"))), "softmax");
}

TEST(AttributeKind, NamesEveryAlternative) {
  EXPECT_EQ(attribute_kind(make_attribute(true)), "a bool");
  EXPECT_EQ(attribute_kind(make_attribute(1)), "an integer");
  EXPECT_EQ(attribute_kind(make_attribute(1.5)), "a number");
  EXPECT_EQ(attribute_kind(make_attribute("x")), "a string");
  EXPECT_EQ(attribute_kind(make_attribute(std::vector<int>{1})), "a list of integers");
  EXPECT_EQ(attribute_kind(make_attribute(std::vector<double>{1})), "a list of numbers");
  EXPECT_EQ(attribute_kind(make_attribute(PrecisionType())), "a precision");
  EXPECT_EQ(attribute_kind_of<std::string>(), "a string");
}

TEST(AttributeToString, PrintsEachKindReadably) {
  EXPECT_EQ(attribute_to_string(make_attribute(true)), "true");
  EXPECT_EQ(attribute_to_string(make_attribute(false)), "false");
  EXPECT_EQ(attribute_to_string(make_attribute(-16)), "-16");
  EXPECT_EQ(attribute_to_string(make_attribute(0.001)), "0.001");
  EXPECT_EQ(attribute_to_string(make_attribute("relu")), "'relu'");
  EXPECT_EQ(attribute_to_string(make_attribute("a\nb")), "'a\\nb'");
  EXPECT_EQ(attribute_to_string(make_attribute(std::vector<int>{3, 3})), "[3, 3]");
  EXPECT_EQ(attribute_to_string(make_attribute(std::vector<double>{0.5, -1})), "[0.5, -1]");
  EXPECT_EQ(attribute_to_string(make_attribute(PrecisionType::fixed(8, 3))), "fixed<8,3>");
}

TEST(AttributeToString, CutsLongListsAndSaysHowLongTheyWere) {
  EXPECT_EQ(attribute_to_string(make_attribute(std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10})),
            "[1, 2, 3, 4, 5, 6, 7, 8, ... (10 values)]");
  EXPECT_EQ(attribute_to_string(make_attribute(std::vector<double>(9, 0.5))),
            "[0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, ... (9 values)]");
}

TEST(FormatDouble, GivesTheShortestTextThatReadsBackExactly) {
  EXPECT_EQ(format_double(0.1), "0.1");
  EXPECT_EQ(format_double(5.0), "5");
  EXPECT_EQ(format_double(1e-7), "1e-07");
  EXPECT_EQ(format_double(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(format_double(-2.5), "-2.5");
  EXPECT_EQ(std::stod(format_double(1.0 / 3.0)), 1.0 / 3.0);
}

TEST(GetAttribute, ReturnsTheStoredValue) {
  const AttributeMap map = {{"units", make_attribute(32)}, {"activation", make_attribute("relu")}};
  EXPECT_EQ(get_attribute<std::int64_t>(map, "units", kOwner), 32);
  EXPECT_EQ(get_attribute<std::string>(map, "activation", kOwner), "relu");
}

TEST(GetAttribute, ReadsIntegersAsNumbers) {
  const AttributeMap map = {{"epsilon", make_attribute(1)},
                            {"scales", make_attribute(std::vector<int>{1, 2})}};
  EXPECT_EQ(get_attribute<double>(map, "epsilon", kOwner), 1.0);
  EXPECT_EQ(get_attribute<std::vector<double>>(map, "scales", kOwner), (std::vector<double>{1, 2}));
}

TEST(GetAttribute, MissingKeyNamesTheOwnerTheKeyAndTheKeysPresent) {
  const AttributeMap map = {{"units", make_attribute(32)}, {"use_bias", make_attribute(true)}};
  const Error error = error_from([&] { get_attribute<std::int64_t>(map, "n_in", kOwner); });
  EXPECT_EQ(error.where(), kOwner);
  EXPECT_TRUE(Contains(error.problem(), "missing attribute 'n_in'"));
  EXPECT_TRUE(Contains(error.hint(), "attributes present: units, use_bias"));
}

TEST(GetAttribute, MissingKeyInAnEmptyMapSaysThereAreNone) {
  const Error error = error_from([] { get_attribute<bool>(AttributeMap{}, "trace", kOwner); });
  EXPECT_TRUE(Contains(error.hint(), "it has no attributes"));
}

TEST(GetAttribute, WrongKindNamesTheKindFoundAndExpected) {
  const AttributeMap map = {{"units", make_attribute("32")}};
  const Error error = error_from([&] { get_attribute<std::int64_t>(map, "units", kOwner); });
  EXPECT_EQ(error.where(), kOwner);
  EXPECT_TRUE(
      Contains(error.problem(), "attribute 'units' is a string ('32'), expected an integer"));
}

TEST(GetAttribute, DoesNotNarrowNumbersToIntegers) {
  const AttributeMap map = {{"units", make_attribute(32.5)}};
  EXPECT_TRUE(
      Contains(error_from([&] { get_attribute<std::int64_t>(map, "units", kOwner); }).what(),
               "is a number (32.5), expected an integer"));
}

TEST(GetAttributeOr, ReturnsTheFallbackOnlyWhenAbsent) {
  const AttributeMap map = {{"use_bias", make_attribute(false)}};
  EXPECT_FALSE(get_attribute_or<bool>(map, "use_bias", true, kOwner));
  EXPECT_TRUE(get_attribute_or<bool>(map, "center", true, kOwner));
  EXPECT_TRUE(Contains(
      error_from([&] { get_attribute_or<std::string>(map, "use_bias", "x", kOwner); }).what(),
      "is a bool (false), expected a string"));
}

}  // namespace
}  // namespace hlsnn::ir
