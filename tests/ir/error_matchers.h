#ifndef HLSNN_TESTS_IR_ERROR_MATCHERS_H
#define HLSNN_TESTS_IR_ERROR_MATCHERS_H

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ir/error.h"

namespace hlsnn::ir::testing {

/// Runs `action` and returns the hlsnn::Error it throws; records a failure when it throws
/// nothing, so the message checks that follow fail visibly too.
template <typename Action>
Error error_from(Action&& action) {
  try {
    std::forward<Action>(action)();
  } catch (const Error& error) {
    return error;
  }
  ADD_FAILURE() << "expected an hlsnn::Error, none was thrown";
  return Error("<no error thrown>");
}

/// Passes when `text` contains `piece`, and shows both otherwise.
inline ::testing::AssertionResult Contains(std::string_view text, std::string_view piece) {
  if (text.find(piece) != std::string_view::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "'" << piece << "' not found in:\n" << text;
}

/// Checks that `text` contains each of `pieces`, showing `text` for every one missing.
inline void expect_contains(std::string_view text, const std::vector<std::string>& pieces) {
  for (const std::string& piece : pieces) EXPECT_TRUE(Contains(text, piece));
}

/// The message of the hlsnn::Error `action` throws, or "no error" when it throws none: for tests
/// that check a message and tests that check there is none alike.
template <typename Action>
std::string message_of(Action&& action) {
  try {
    std::forward<Action>(action)();
  } catch (const Error& error) {
    return error.what();
  }
  return "no error";
}

}  // namespace hlsnn::ir::testing

#endif  // HLSNN_TESTS_IR_ERROR_MATCHERS_H
