#include "ir/names.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace hlsnn::ir {
namespace {

/// Names a hostile or careless model file may carry.
const std::vector<std::string> kHostileNames = {
    "",
    "dense 1",
    "dense-1",
    "dense_1\n#include <cstdlib>",
    "x\"; system(\"rm -rf /\"); //",
    "a */ int evil; /*",
    "../../etc/passwd",
    "#include",
    "caf\xc3\xa9",
    "\u202eevil",  // a right-to-left override, which reorders what a terminal shows
    "class",
    "int",
    "1dense",
    "007",
    "_private",
    "__x",
    "a__b",
    "AP_SAT",
    "SC_RND",
    "NULL",
    "assert",
    "___",
    "x\\",
    std::string(300, 'a'),
    std::string("nul\0byte", 8),
};

TEST(IsValidCppIdentifier, AcceptsOrdinaryKerasNames) {
  for (const char* name : {"dense", "dense_1", "q_conv2d_batchnorm", "Dense", "x", "layer2_out"}) {
    EXPECT_TRUE(is_valid_cpp_identifier(name)) << name;
  }
}

TEST(IsValidCppIdentifier, RejectsBadCharactersAndLeadingDigits) {
  for (const char* name : {"", "dense 1", "dense-1", "a.b", "1dense", "caf\xc3\xa9", "a/b"}) {
    EXPECT_FALSE(is_valid_cpp_identifier(name)) << name;
  }
}

TEST(IsValidCppIdentifier, RejectsKeywordsAndAlternativeTokens) {
  for (const char* name : {"class", "int", "auto", "template", "and", "xor_eq", "co_await",
                           "requires", "char8_t", "nullptr", "true"}) {
    EXPECT_FALSE(is_valid_cpp_identifier(name)) << name;
  }
}

TEST(IsValidCppIdentifier, RejectsReservedIdentifiersAndMacroNames) {
  for (const char* name : {"_x", "_X", "a__b", "__", "NULL", "EOF", "assert", "stdout", "NDEBUG",
                           "AP_SAT", "AP_INT_MAX_W", "SC_RND"}) {
    EXPECT_FALSE(is_valid_cpp_identifier(name)) << name;
  }
}

TEST(SanitizeIdentifier, KeepsValidNamesUnchanged) {
  for (const char* name : {"dense", "dense_1", "Conv2D_3"}) {
    EXPECT_EQ(sanitize_identifier(name), name);
  }
}

TEST(SanitizeIdentifier, TurnsEveryHostileNameIntoAValidIdentifier) {
  for (const std::string& name : kHostileNames) {
    const std::string identifier = sanitize_identifier(name);
    EXPECT_TRUE(is_valid_cpp_identifier(identifier)) << identifier;
    EXPECT_LE(identifier.size(), kMaxIdentifierLength + 16) << identifier;
  }
}

TEST(SanitizeIdentifier, KeepsTheReadablePartAndAddsAHashOfTheOriginal) {
  const std::string identifier = sanitize_identifier("dense 1");
  EXPECT_EQ(identifier.substr(0, 8), "dense_1_");
  EXPECT_EQ(identifier.size(), 16U);
  EXPECT_EQ(sanitize_identifier("class").substr(0, 6), "class_");
  EXPECT_EQ(sanitize_identifier("1dense").substr(0, 10), "id_1dense_");
  EXPECT_EQ(sanitize_identifier("").substr(0, 3), "id_");
  EXPECT_EQ(sanitize_identifier("AP_SAT").substr(0, 10), "id_AP_SAT_");
}

TEST(SanitizeIdentifier, IsDeterministic) {
  for (const std::string& name : kHostileNames) {
    EXPECT_EQ(sanitize_identifier(name), sanitize_identifier(name));
  }
  // Pinned so that generated projects keep their identifiers from one release to the next.
  EXPECT_EQ(sanitize_identifier("a-b"), "a_b_04644883");
}

TEST(SanitizeIdentifier, KeepsNamesThatCleanAlikeApart) {
  std::set<std::string> identifiers;
  for (const char* name : {"a-b", "a b", "a.b", "a__b", "a_b", "a--b", "a/b"}) {
    identifiers.insert(sanitize_identifier(name));
  }
  EXPECT_EQ(identifiers.size(), 7U);
}

TEST(SanitizeIdentifier, ShortensLongNames) {
  const std::string identifier = sanitize_identifier(std::string(300, 'a'));
  EXPECT_EQ(identifier.size(), 48U + 1U + 8U);
  EXPECT_EQ(sanitize_identifier(std::string(64, 'a')), std::string(64, 'a'));
  EXPECT_NE(sanitize_identifier(std::string(65, 'a')), std::string(65, 'a'));
}

TEST(SanitizeIdentifier, ProducesOnlySafePathCharacters) {
  for (const std::string& name : kHostileNames) {
    for (const char c : sanitize_identifier(name)) {
      EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '_')
          << name;
    }
  }
}

TEST(IdentifierTable, GivesEachNameOneStableIdentifier) {
  IdentifierTable table;
  const std::string first = table.assign("dense 1");
  EXPECT_EQ(table.assign("dense 1"), first);
  EXPECT_EQ(table.assign("dense"), "dense");
}

TEST(IdentifierTable, IsCollisionFreeAcrossHostileNames) {
  IdentifierTable table;
  std::set<std::string> identifiers;
  for (const std::string& name : kHostileNames) {
    identifiers.insert(table.assign(name));
  }
  EXPECT_EQ(identifiers.size(), kHostileNames.size());
}

TEST(IdentifierTable, AddsANumberWhenASanitizedNameMeetsAnExistingOne) {
  IdentifierTable table;
  const std::string sanitized = sanitize_identifier("a-b");
  EXPECT_EQ(table.assign(sanitized), sanitized);  // a valid name that happens to look the same
  EXPECT_EQ(table.assign("a-b"), sanitized + "_2");
}

TEST(IdentifierTable, AvoidsReservedIdentifiers) {
  IdentifierTable table;
  table.reserve("myproject");
  EXPECT_EQ(table.assign("myproject"), "myproject_2");
  EXPECT_EQ(table.assign("myproject"), "myproject_2");
}

TEST(Quoted, EscapesQuotesBackslashesControlAndNonAsciiBytes) {
  EXPECT_EQ(single_quoted("dense"), "'dense'");
  EXPECT_EQ(single_quoted("it's"), "'it\\'s'");
  EXPECT_EQ(single_quoted("a\\b"), "'a\\\\b'");
  EXPECT_EQ(single_quoted("a\nb\tc\r"), "'a\\nb\\tc\\r'");
  EXPECT_EQ(single_quoted(std::string("a\0b", 3)), "'a\\x00b'");
  EXPECT_EQ(single_quoted("\x1b[31m"), "'\\x1b[31m'");
  EXPECT_EQ(single_quoted("caf\xc3\xa9"), "'caf\\xc3\\xa9'");
  EXPECT_EQ(single_quoted(""), "''");
}

TEST(DisplayName, LeavesUsualNamesBareAndQuotesTheRest) {
  EXPECT_EQ(display_name("dense_1"), "dense_1");
  EXPECT_EQ(display_name("model/dense-1.kernel:0"), "model/dense-1.kernel:0");
  EXPECT_EQ(display_name("dense 1"), "'dense 1'");
  EXPECT_EQ(display_name("a\nb"), "'a\\nb'");
  EXPECT_EQ(display_name(""), "''");
}

TEST(ToCppStringLiteral, EscapesEverythingThatCouldEndTheLiteralOrAComment) {
  EXPECT_EQ(to_cpp_string_literal("dense_1"), "\"dense_1\"");
  EXPECT_EQ(to_cpp_string_literal("a\"b"), "\"a\\\"b\"");
  EXPECT_EQ(to_cpp_string_literal("a\\b"), "\"a\\\\b\"");
  EXPECT_EQ(to_cpp_string_literal("a\nb"), "\"a\\012b\"");
  EXPECT_EQ(to_cpp_string_literal("?\?="), "\"\\?\\?=\"");
  EXPECT_EQ(to_cpp_string_literal("*/"), "\"\\052/\"");
  EXPECT_EQ(to_cpp_string_literal("caf\xc3\xa9"), "\"caf\\303\\251\"");
  EXPECT_EQ(to_cpp_string_literal(std::string("\0"
                                              "1",
                                              2)),
            "\"\\0001\"");
}

TEST(ToCppStringLiteral, NeverContainsALineBreakOrACommentEnd) {
  for (const std::string& name : kHostileNames) {
    const std::string literal = to_cpp_string_literal(name);
    EXPECT_EQ(literal.find('\n'), std::string::npos) << literal;
    EXPECT_EQ(literal.find("*/"), std::string::npos) << literal;
  }
}

TEST(EqualsIgnoringCase, ComparesAsciiLettersWithoutCase) {
  EXPECT_TRUE(equals_ignoring_case("Latency", "latency"));
  EXPECT_TRUE(equals_ignoring_case("IO_STREAM", "io_stream"));
  EXPECT_FALSE(equals_ignoring_case("Latency", "Latenc"));
  EXPECT_FALSE(equals_ignoring_case("Latency", "Resource"));
}

}  // namespace
}  // namespace hlsnn::ir
