#include "ir/error.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <new>
#include <stdexcept>
#include <string>
#include <system_error>

namespace hlsnn {
namespace {

TEST(Error, KeepsProblemWhereAndHintApart) {
  const Error error("width is 0", "layer 'dense'", "use a width of at least 1");
  EXPECT_EQ(error.problem(), "width is 0");
  EXPECT_EQ(error.where(), "layer 'dense'");
  EXPECT_EQ(error.hint(), "use a width of at least 1");
}

TEST(Error, ComposesWhereProblemAndHintIntoTheMessage) {
  const Error error("width is 0", "layer 'dense'", "use a width of at least 1");
  EXPECT_EQ(std::string(error.what()),
            "layer 'dense': width is 0\n  hint: use a width of at least 1");
}

TEST(Error, LeavesEmptyPartsOutOfTheMessage) {
  EXPECT_EQ(std::string(Error("only the problem").what()), "only the problem");
  EXPECT_EQ(std::string(Error("problem", "", "do this").what()), "problem\n  hint: do this");
  EXPECT_EQ(std::string(Error("problem", "here").what()), "here: problem");
}

TEST(Error, IsCaughtAsRuntimeError) {
  try {
    throw Error("problem", "here", "hint");
  } catch (const std::runtime_error& error) {
    EXPECT_EQ(std::string(error.what()), "here: problem\n  hint: hint");
  }
}

TEST(Error, WithContextPrefixesTheLocation) {
  const Error inner("bad width", "layer 'dense'", "fix it");
  const Error outer = inner.with_context("config.yml:12");
  EXPECT_EQ(outer.where(), "config.yml:12, layer 'dense'");
  EXPECT_EQ(outer.problem(), "bad width");
  EXPECT_EQ(outer.hint(), "fix it");
  EXPECT_EQ(std::string(outer.what()), "config.yml:12, layer 'dense': bad width\n  hint: fix it");
}

TEST(Error, WithContextOnAnErrorWithoutLocationUsesTheContextAlone) {
  EXPECT_EQ(Error("bad").with_context("key Precision").where(), "key Precision");
  EXPECT_EQ(Error("bad", "here").with_context("").where(), "here");
}

// Issue 15: errors quote what files hold; a damaged or hostile file must not be able to put
// control characters, invalid UTF-8 or 300 KB on the user's terminal.

TEST(Error, EscapesControlCharactersAndBytesThatAreNotUtf8) {
  const Error error("bad \x1b[2J\x07value\xff\xc3", "file\nname", "do \r this");
  EXPECT_EQ(error.problem(), "bad \\x1b[2J\\x07value\\xff\\xc3");
  EXPECT_EQ(error.where(), "file\\nname");
  EXPECT_EQ(error.hint(), "do \\r this");
}

TEST(Error, KeepsLettersOfAnyScriptButNotBidirectionalOverrides) {
  EXPECT_EQ(Error("größe 層").problem(), "größe 層");
  EXPECT_EQ(Error("a\u202eb\u0085c").problem(), "a\\u202eb\\u0085c");
}

TEST(Error, ProblemKeepsLineBreaksOtherPartsDoNot) {
  const Error error("first\nsecond", "a\nb", "c\nd");
  EXPECT_EQ(error.problem(), "first\nsecond");
  EXPECT_EQ(error.where(), "a\\nb");
}

TEST(Error, CutsLongPartsSayingHowMuchIsLeftOut) {
  const Error error(std::string(300000, 'x'));
  EXPECT_EQ(error.problem().size(),
            kMaxErrorPartBytes + std::string(" ... (298000 more bytes)").size());
  EXPECT_NE(error.problem().find(" ... (298000 more bytes)"), std::string::npos);
}

TEST(Error, LibraryExceptionsBecomeErrorsWithoutTheirJargon) {
  const Error filesystem = error_from_exception(std::filesystem::filesystem_error(
      "cannot create directories", "/x/y", std::make_error_code(std::errc::permission_denied)));
  EXPECT_EQ(filesystem.where(), "/x/y");
  EXPECT_EQ(filesystem.problem(), "cannot create directories: Permission denied");
  EXPECT_EQ(error_from_exception(std::bad_alloc()).problem(), "out of memory");
  EXPECT_EQ(error_from_exception(std::length_error("vector::_M_default_append")).problem(),
            "a size taken from the input is too large");
  EXPECT_EQ(error_from_exception(
                std::runtime_error("[json.exception.type_error.302] type must be string"))
                .problem(),
            "unexpected JSON value: type must be string");
  const Error original("p", "w", "h");
  EXPECT_EQ(error_from_exception(original).what(), std::string(original.what()));
}

}  // namespace
}  // namespace hlsnn
