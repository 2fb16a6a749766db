#include "ir/error.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

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

}  // namespace
}  // namespace hlsnn
