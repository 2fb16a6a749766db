#ifndef HLSNN_TESTS_IR_ERROR_MATCHERS_H
#define HLSNN_TESTS_IR_ERROR_MATCHERS_H

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>

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

}  // namespace hlsnn::ir::testing

#endif  // HLSNN_TESTS_IR_ERROR_MATCHERS_H
